// Golden-file comparison for the report tests: files under golden/report/, compared exactly;
// MIXSPEC_RECORD=1 rewrites them and fails the test so a recording run is never mistaken for a pass.
import Foundation
import Testing

enum GoldenFile {
    /// Repository root, found from this file's path (Tests/EngineTests/Report/GoldenFile.swift).
    static func repositoryRoot(_ filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }

    /// Compares `actual` with `golden/report/<name>`, or records it when MIXSPEC_RECORD=1.
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = repositoryRoot().appendingPathComponent("golden/report/\(name)")
        if ProcessInfo.processInfo.environment["MIXSPEC_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded golden/report/\(name); rerun without MIXSPEC_RECORD", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden/report/\(name); record it with MIXSPEC_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record("golden/report/\(name) differs: \(firstDifference(expected, actual)); re-record with MIXSPEC_RECORD=1 if intended",
                         sourceLocation: sourceLocation)
        }
    }

    /// Where two texts first differ, as `line N: expected … / actual …`.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let x = i < e.count ? String(e[i]) : "<end of file>"
            let y = i < a.count ? String(a[i]) : "<end of file>"
            if x != y { return "line \(i + 1): expected \(x.debugDescription) but got \(y.debugDescription)" }
        }
        return "same lines, different bytes"
    }
}

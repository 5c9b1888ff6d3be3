// Golden-file comparison for every test target: files under the repository (mostly `golden/`),
// compared exactly; MIXSPEC_RECORD=1 rewrites them and fails the test so a recording run is never
// mistaken for a pass.
import Foundation
import Testing

/// Paths inside the repository, found from this file's path (Tests/TestSupport/Golden.swift).
public enum Repo {
    /// The repository root.
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Absolute path of `relative` (a path from the repository root).
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Sorted names of the files in a repository folder with extension `ext`.
    public static func files(in folder: String, ext: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []).filter { $0.hasSuffix("." + ext) }.sorted()
    }
}

/// Exact comparison of a rendering with its committed file.
public enum Golden {
    /// Compares `actual` with the file at `relative` (from the repository root, e.g.
    /// `golden/report/terminal.txt`), or records it when MIXSPEC_RECORD=1; `hint` ends the failure message.
    public static func check(_ actual: String, _ relative: String, hint: String? = nil,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Repo.root.appendingPathComponent(relative)
        let suffix = hint.map { "\n" + $0 } ?? ""
        if ProcessInfo.processInfo.environment["MIXSPEC_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded \(relative); rerun without MIXSPEC_RECORD", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing \(relative); record it with MIXSPEC_RECORD=1\(suffix)", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record("\(relative) differs: \(firstDifference(expected, actual)); re-record with MIXSPEC_RECORD=1 if intended\(suffix)",
                         sourceLocation: sourceLocation)
        }
    }

    /// Where two texts first differ, as `line N: expected … but got …`.
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

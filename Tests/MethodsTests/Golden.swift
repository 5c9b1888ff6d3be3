import Foundation
import Testing

/// Exact comparison with a file under top-level `golden/`; MIXSPEC_RECORD=1 re-records (and fails).
enum Golden {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("golden")

    static func check(_ actual: String, _ name: String) throws {
        let url = root.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["MIXSPEC_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded golden file \(name); rerun without MIXSPEC_RECORD")
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(name) missing; run with MIXSPEC_RECORD=1 to create it")
            return
        }
        #expect(actual == expected, "differs from golden/\(name)")
    }
}

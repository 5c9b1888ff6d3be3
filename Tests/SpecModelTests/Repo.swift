import Foundation

/// Paths inside the repository, found from this file's location.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Sorted file names in a repo folder with an extension.
    static func files(in folder: String, ext: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []).filter { $0.hasSuffix("." + ext) }.sorted()
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["MIXSPEC_RECORD"] == "1" }

    /// Compares `actual` with the golden file; with MIXSPEC_RECORD=1 rewrites it and reports a failure.
    static func golden(_ relative: String, _ actual: String) -> String? {
        let p = path(relative)
        if recording {
            try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? actual.write(toFile: p, atomically: true, encoding: .utf8)
            return "recorded \(relative) (MIXSPEC_RECORD=1 always fails)"
        }
        guard let expected = try? String(contentsOfFile: p, encoding: .utf8) else { return "missing golden file \(relative)" }
        return expected == actual ? nil : "\(relative) differs:\n--- expected\n\(expected)\n--- actual\n\(actual)"
    }
}

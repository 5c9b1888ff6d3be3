import Foundation
import TestSupport

/// Runs the real `mixspec` binary built next to this test bundle.
enum CLI {
    static let repoRoot: URL = Repo.root

    /// The build products folder: walk up from the test bundle until a `mixspec` executable sits beside it.
    static let binary: URL? = {
        var candidates: [URL] = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
        candidates.append(repoRoot.appendingPathComponent(".build/debug/mixspec"))
        for start in candidates {
            var dir = start
            for _ in 0..<6 {
                let exe = dir.appendingPathComponent("mixspec")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: exe.path, isDirectory: &isDir), !isDir.boolValue,
                   FileManager.default.isExecutableFile(atPath: exe.path) { return exe }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `mixspec args…` in the repo root (or `directory`) with `NO_COLOR` as given.
    static func run(_ args: [String], directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        guard let binary else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "mixspec binary not found"]) }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = tmp.appendingPathComponent("out"), err = tmp.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = directory ?? repoRoot
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close(); try errHandle.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    static func read(_ relative: String) -> String? {
        try? String(contentsOf: repoRoot.appendingPathComponent(relative), encoding: .utf8)
    }

    static func files(in folder: String, ext: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent(folder).path)) ?? [])
            .filter { $0.hasSuffix("." + ext) }.sorted()
    }
}

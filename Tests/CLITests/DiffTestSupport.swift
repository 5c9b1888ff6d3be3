// Support for the diff / compare tests: temporary folders, opening specs against a throwaway
// store, and running git and the built `mixspec` binary.
import Foundation
import Pipeline
import Review
import SpecModel
import TestSupport

/// A fresh temporary folder (resolved, so paths compare equal to what the loader computes).
struct ScratchFolder {
    let path: String
    init(_ tag: String) {
        let raw = NSTemporaryDirectory() + "mixspec-\(tag)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        path = URL(fileURLWithPath: raw).resolvingSymlinksInPath().path
    }
    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

struct SpecInvalid: Error, CustomStringConvertible { var description: String }

enum ReviewSupport {
    /// Loads `source` and opens it against `store`; an invalid spec fails with its diagnostics.
    static func open(_ source: SpecSource, store: String) throws -> SpecSession {
        let loaded = try source.load()
        guard let spec = loaded.spec else {
            throw SpecInvalid(description: loaded.diagnostics.map { "\($0.range?.file ?? ""):\($0.range?.start.line ?? 0): \($0.message)" }
                .joined(separator: "\n"))
        }
        return try SpecSession(spec: spec, storeOverride: store)
    }

    /// Diff of two sources, labelled as given, against a store that does not exist.
    static func diff(_ old: SpecSource, _ new: SpecSource, oldLabel: String, newLabel: String, store: String) throws -> SpecDiff {
        SpecDiff.between(old: try open(old, store: store), new: try open(new, store: store), oldSource: old, newSource: new,
                         oldLabel: oldLabel, newLabel: newLabel)
    }

    /// Runs a program, returning its exit status and output.
    @discardableResult
    static func execute(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let outFile = directory + "/.stdout-\(UUID().uuidString)", errFile = directory + "/.stderr-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: outFile, contents: nil)
        FileManager.default.createFile(atPath: errFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outFile); try? FileManager.default.removeItem(atPath: errFile) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outFile))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errFile))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let out = String(decoding: FileManager.default.contents(atPath: outFile) ?? Data(), as: UTF8.self)
        let err = String(decoding: FileManager.default.contents(atPath: errFile) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, out, err)
    }

    /// git with a fixed identity, so commits work on a bare machine.
    static func git(_ arguments: [String], in directory: String) throws {
        let r = try execute(["git", "-c", "user.name=mixspec-test", "-c", "user.email=test@mixspec.invalid",
                             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"] + arguments, in: directory)
        if r.status != 0 { throw SpecInvalid(description: "git \(arguments.joined(separator: " ")) failed: \(r.stderr)") }
    }

    /// The `mixspec` binary built beside the test bundle (found as the CLI tests find it).
    static let binary: String? = CLI.binary?.path
}

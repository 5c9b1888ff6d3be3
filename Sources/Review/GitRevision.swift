// Reads files as they were at a git revision, with `git show REV:./path` run in the folder of the
// spec (so the repository is the spec's own, wherever the command was started).
import Foundation

/// A failure to read a file from git (not a repository, unknown revision, path not in the revision).
public struct GitError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Reads files at one revision of the repository that contains `directory`.
public struct GitRevisionReader: Sendable {
    /// The revision as the user wrote it (`HEAD~1`, a branch, a commit id).
    public let revision: String
    /// Absolute folder the git commands run in.
    public let directory: String

    public init(revision: String, directory: String) {
        self.revision = revision
        self.directory = directory
    }

    /// The bytes of the file at absolute path `path` in the revision.
    public func read(absolutePath path: String) throws -> [UInt8] {
        let relative = Self.relativePath(from: directory, to: path)
        let result = try Self.git(["show", "\(revision):\(relative)"], in: directory)
        guard result.status == 0 else {
            let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw GitError(description: "git show \(revision):\(relative) failed" + (message.isEmpty ? "" : ": \(message)"))
        }
        return result.stdout
    }

    /// `target` relative to `base` (both absolute, normalised), as `./x` or `../y/x` (git reads
    /// these relative to the working directory).
    public static func relativePath(from base: String, to target: String) -> String {
        let b = base.split(separator: "/"), t = target.split(separator: "/")
        var common = 0
        while common < b.count, common < t.count - 1, b[common] == t[common] { common += 1 }
        let ups = Array(repeating: "..", count: b.count - common)
        let rest = t[common...].map(String.init)
        return (ups.isEmpty ? ["."] : ups).joined(separator: "/") + "/" + rest.joined(separator: "/")
    }

    /// Runs git with a clean pager setting; stdout and stderr captured.
    static func git(_ arguments: [String], in directory: String) throws -> (status: Int32, stdout: [UInt8], stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--no-pager"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw GitError(description: "cannot run git: \(error.localizedDescription)")
        }
        // Drain stderr concurrently so a chatty git cannot block on a full pipe while we read stdout.
        let errorBox = ErrorBox()
        let reader = Thread { errorBox.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = errorBox.wait()
        return (process.terminationStatus, [UInt8](data), String(decoding: errorData, as: UTF8.self))
    }
}

/// Hands the stderr bytes from the reader thread to the caller.
private final class ErrorBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?
    func set(_ value: Data) { condition.lock(); data = value; condition.signal(); condition.unlock() }
    func wait() -> Data {
        condition.lock(); defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data ?? Data()
    }
}

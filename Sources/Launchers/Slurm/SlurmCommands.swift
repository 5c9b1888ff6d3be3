// Runs Slurm's client commands (sbatch, squeue, scancel, sacct, scontrol) and captures what they
// print. They are short-lived and print little, so their output goes through a temporary file read
// after they exit (a pipe could fill and block them). The programs are looked up on PATH, so a
// site's wrappers (or a test's counting shim) take their place.
import ContentStore
import Foundation
import SafeFiles

/// What a Slurm client command printed and how it ended.
public struct SlurmCommandResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
    public var succeeded: Bool { status == 0 }
}

/// Runs Slurm client commands.
public struct SlurmCommands: Sendable {
    /// Folder for the commands' captured output.
    let scratch: String

    public init(scratch: String) { self.scratch = scratch }

    /// Runs `program arguments…` with this process's environment (sbatch passes it on to jobs, as a
    /// local run passes it to the trainer) in `workingDirectory`.
    public func run(_ program: String, _ arguments: [String], workingDirectory: String = "/") async throws -> SlurmCommandResult {
        try AtomicFile.makeDirectory(scratch)
        let tag = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let outPath = scratch + "/.out-" + tag, errPath = scratch + "/.err-" + tag
        defer { unlink(outPath); unlink(errPath) }
        let outFD = open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard outFD >= 0 else { throw EngineError.io("cannot create \(outPath): \(EngineError.errnoText())") }
        defer { close(outFD) }
        let status = try await ChildProcess.run(argv: [program] + arguments, environment: ProcessInfo.processInfo.environment,
                                                workingDirectory: workingDirectory, outputFD: outFD, gracePeriod: 2)
        let output = (try? BoundedFile.read(outPath, limit: ReadLimits.metricsFile)).flatMap { $0 }
        let text = output.map { String(decoding: $0, as: UTF8.self) } ?? ""
        switch status {
        case .exited(let code):
            // stdout and stderr share the file; on failure the text is the error message.
            return SlurmCommandResult(status: code, output: code == 0 ? text : "", errors: code == 0 ? "" : text)
        case .signalled(let number):
            return SlurmCommandResult(status: 128 + number, output: "", errors: "\(program) was killed by signal \(number)")
        }
    }
}

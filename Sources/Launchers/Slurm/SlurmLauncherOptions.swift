// How the Slurm launcher behaves on this side: how it batches submissions, how often it polls,
// how long it waits for a finished job's files to appear. None of this changes a task's result,
// so none of it is in a key.
import Foundation

/// Options of one run's Slurm launcher.
public struct SlurmLauncherOptions: Sendable {
    /// The spec being run (its name prefixes job names and marks journal entries).
    public var specName: String
    /// Submit and return at once (`run --detach`): tasks end as `submitted`, nothing is cancelled.
    public var detach: Bool
    /// Seconds before the first `squeue` after a submission; the interval then grows by half each
    /// call up to `pollCap` (the polling load on slurmctld stays bounded for long runs).
    public var firstPoll: Double
    /// Longest interval between two `squeue` calls.
    public var pollCap: Double
    /// Interval between checks of the exit-code files (a stat each, no load on Slurm); longer
    /// with more than 2,000 waiting jobs, so the filesystem sees at most about 2,000 stats a second.
    public var fileCheckInterval: Double
    /// Ready tasks that arrive within this many seconds of each other go out in one array.
    public var batchWindow: Double
    /// A batch is submitted at most this many seconds after its first task arrived.
    public var batchMaxDelay: Double
    /// Seconds a job may be gone from the queue before its exit-code file must have appeared
    /// (shared filesystems cache attributes; NFS's default is up to 60 s).
    public var outputGrace: Double

    public init(specName: String, detach: Bool = false, firstPoll: Double = 3, pollCap: Double = 30,
                fileCheckInterval: Double = 1, batchWindow: Double = 0.3, batchMaxDelay: Double = 5, outputGrace: Double = 60) {
        self.specName = specName; self.detach = detach; self.firstPoll = firstPoll; self.pollCap = pollCap
        self.fileCheckInterval = fileCheckInterval; self.batchWindow = batchWindow; self.batchMaxDelay = batchMaxDelay
        self.outputGrace = outputGrace
    }

    /// The defaults, with `MIXSPEC_SLURM_POLL` ("FIRST,CAP" seconds) and
    /// `MIXSPEC_SLURM_OUTPUT_GRACE` (seconds) applied when set to valid positive numbers.
    public static func fromEnvironment(specName: String, detach: Bool,
                                       environment: [String: String] = ProcessInfo.processInfo.environment) -> SlurmLauncherOptions {
        var options = SlurmLauncherOptions(specName: specName, detach: detach)
        func seconds(_ text: Substring) -> Double? {
            guard let value = Double(text), value.isFinite, value > 0, value <= 86_400 else { return nil }
            return value
        }
        if let poll = environment["MIXSPEC_SLURM_POLL"] {
            let parts = poll.split(separator: ",")
            if parts.count == 2, let first = seconds(parts[0]), let cap = seconds(parts[1]) {
                options.firstPoll = first
                options.pollCap = max(first, cap)
                options.fileCheckInterval = min(options.fileCheckInterval, first)
            }
        }
        if let grace = environment["MIXSPEC_SLURM_OUTPUT_GRACE"].flatMap({ seconds(Substring($0)) }) {
            options.outputGrace = grace
        }
        return options
    }
}

/// What a launcher did, for benchmarks and logs.
public struct SlurmStatistics: Sendable, Equatable {
    /// `sbatch` calls, and the tasks they submitted.
    public var sbatchCalls = 0
    public var submittedTasks = 0
    /// `squeue` calls, and seconds from the first to the last.
    public var squeueCalls = 0
    public var squeueSpan: Double = 0
    /// Seconds spent inside `sbatch`.
    public var sbatchSeconds: Double = 0
    public init() {}
}

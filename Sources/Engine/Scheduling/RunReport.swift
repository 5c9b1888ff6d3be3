// The result of a run: per-task outcomes and the counts `run --json` prints.
import Compiler
import Foundation

/// How a task ended in a run.
public enum TaskOutcome: String, Sendable, Equatable {
    /// Executed and recorded.
    case executed
    /// Its key was already in the store; nothing ran.
    case cached
    /// Its executor threw (or its record could not be written); nothing recorded.
    case failed
    /// Not run because an upstream failed or the run stopped after a failure.
    case skipped
    /// Not run, or stopped, because the run was cancelled.
    case cancelled
    /// Handed to an outside system (a Slurm job, `run --detach`) that finishes it on its own; nothing
    /// is recorded yet, and a later run collects the result instead of starting it again.
    case submitted
}

/// One task's result.
public struct TaskResult: Sendable, Equatable {
    public var id: TaskID
    public var kind: TaskKind
    public var outcome: TaskOutcome
    /// The key it ran (or was found) under, when known.
    public var key: String?
    /// Content digest of its output (executed and cached tasks); read it with `Store.readBlob`.
    public var outputDigest: String?
    /// Executor wall-clock seconds (executed and failed tasks).
    public var duration: Double
    /// Why it failed or was skipped.
    public var message: String?
    /// Its log file, when it ran.
    public var logPath: String?
    /// The last lines of its log (failed tasks).
    public var logTail: [String]
    /// Warnings it raised (executed), or raised when its result was made (cached: shown again).
    public var warnings: [String] = []

    public init(id: TaskID, kind: TaskKind, outcome: TaskOutcome, key: String?, outputDigest: String?,
                duration: Double, message: String?, logPath: String?, logTail: [String]) {
        self.id = id; self.kind = kind; self.outcome = outcome; self.key = key; self.outputDigest = outputDigest
        self.duration = duration; self.message = message; self.logPath = logPath; self.logTail = logTail
    }
}

/// The outcome of a whole run, in graph order.
public struct RunReport: Sendable, Equatable {
    public var results: [TaskResult]
    /// True when the run was cancelled by a signal or the caller.
    public var wasCancelled: Bool
    /// Wall-clock seconds of the whole run.
    public var elapsed: Double

    public init(results: [TaskResult], wasCancelled: Bool, elapsed: Double) {
        self.results = results; self.wasCancelled = wasCancelled; self.elapsed = elapsed
    }

    public func count(_ outcome: TaskOutcome) -> Int {
        var n = 0
        for i in results.indices where results[i].outcome == outcome { n += 1 }  // no copy of each result
        return n
    }
    public var executed: Int { count(.executed) }
    public var cached: Int { count(.cached) }
    public var failed: Int { count(.failed) }
    public var skipped: Int { count(.skipped) + count(.cancelled) }
    public var submitted: Int { count(.submitted) }
    /// True when every task is executed or cached.
    public var succeeded: Bool { !results.indices.contains { results[$0].outcome != .executed && results[$0].outcome != .cached } }

    /// The result of task `id`.
    public subscript(id: TaskID) -> TaskResult? { results.first { $0.id == id } }

    /// Failed tasks as report paragraphs: id, reason, log path and log tail.
    public var failureDescriptions: [String] {
        results.indices.filter { results[$0].outcome == .failed }.map { results[$0] }.map { result in
            var text = "task \(result.id) failed: \(result.message ?? "unknown error")"
            if let log = result.logPath { text += "\n  log: \(log)" }
            if !result.logTail.isEmpty {
                text += "\n  last \(result.logTail.count) log lines:\n" + result.logTail.map { "  | " + $0 }.joined(separator: "\n")
            }
            return text
        }
    }
}

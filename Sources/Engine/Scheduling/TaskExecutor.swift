// The executor protocol (swift-driver's split: plan first, execute behind a protocol). The engine
// knows nothing of what a task kind does; the lead's per-kind executor does.
import Compiler
import ContentStore
import Foundation
import SafeFiles

/// Runs one task: turns its upstream outputs into its own output bytes (usually JSON).
public protocol TaskExecutor: Sendable {
    /// Executes `task`. `inputs` holds the verified output bytes of every upstream task. Throw to
    /// fail the task (the message is reported with the log tail); honour cancellation promptly.
    func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data

    /// A short description of what runs `task`, stored in its action record (e.g. the command line).
    func describe(_ task: TaskNode) -> String

    /// True when `task` runs on other machines (a cluster job) and only waits here: such tasks do
    /// not count against `RunOptions.jobs`, so a whole swarm can be submitted at once.
    func runsElsewhere(_ task: TaskNode) -> Bool
}

extension TaskExecutor {
    public func describe(_ task: TaskNode) -> String { "\(type(of: self))" }
    public func runsElsewhere(_ task: TaskNode) -> Bool { false }
}

/// Thrown by an executor that handed its task to an outside system which finishes it on its own
/// (`run --detach`): the task ends as `submitted`, nothing is recorded, dependents are not run,
/// and the run does not stop as it would after a failure.
public struct TaskSubmitted: Error, Sendable, CustomStringConvertible {
    /// Where the task went (e.g. "Slurm job 123_4").
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What an executing task may use: its log, a private scratch folder, and cancellation.
public struct TaskContext: Sendable {
    /// The task being run.
    public var taskID: TaskID
    /// Its key for this run.
    public var key: String
    /// The task's log (kept after success and failure; `mixspec logs` prints it).
    public var log: TaskLog
    /// An empty folder private to this attempt, removed afterwards.
    public var scratchDirectory: String
    /// The store the task runs against (read-only use).
    public var store: Store
    /// Warnings raised so far; recorded with the result and shown by `run` (also when reused).
    public let warnings = TaskWarnings()

    /// Raises a warning about this task's inputs or output: it reaches the terminal and `run --json`,
    /// is written to the log, and is stored with the result.
    public func warn(_ message: String) {
        warnings.add(message)
        log.write("warning: " + message)
    }

    /// True once the run has been cancelled (signal or failure policy); stop and throw soon.
    public var isCancelled: Bool { Task.isCancelled }

    /// Throws `CancellationError` if the run has been cancelled.
    public func checkCancellation() throws { try Task.checkCancellation() }
}

/// The warnings of one task attempt (thread-safe; a task may warn from any thread).
public final class TaskWarnings: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    public init() {}

    func add(_ message: String) { lock.withLock { items.append(message) } }

    /// The warnings, in the order raised.
    public var all: [String] { lock.withLock { items } }
}

/// An append-only task log file. Child processes may write to `fileDescriptor` directly.
public final class TaskLog: @unchecked Sendable {
    /// Path of the log file.
    public let path: String
    /// The open descriptor (O_APPEND), valid until the task finishes.
    public let fileDescriptor: Int32
    private let lock = NSLock()

    /// Creates (truncates) the log at `path`.
    public init(path: String) throws {
        try AtomicFile.makeDirectory((path as NSString).deletingLastPathComponent)
        // O_NOFOLLOW: a link planted at the log's path is never followed (and truncated).
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw EngineError.io("cannot create log \(path): \(EngineError.errnoText())") }
        self.path = path
        self.fileDescriptor = fd
    }

    deinit { close(fileDescriptor) }

    /// Appends `text` (a newline is added when missing).
    public func write(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        lock.lock()
        defer { lock.unlock() }
        try? AtomicFile.writeAll(fd: fileDescriptor, data: Data(line.utf8), path: path)
    }

    /// The last `count` lines of the log at `path` (reads at most the last `ReadLimits.logTail`
    /// bytes, of a regular file only).
    public static func tail(of path: String, lines count: Int = 20) -> [String] {
        guard let data = BoundedFile.tail(path, maxBytes: ReadLimits.logTail) else { return [] }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if data.count == ReadLimits.logTail, !lines.isEmpty { lines.removeFirst() }  // a partial first line
        return Array(lines.suffix(count))
    }
}

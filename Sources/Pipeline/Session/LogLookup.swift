// Which log `mixspec logs` shows: the log of the task's current key. Logs are kept per (task id,
// key), so after a revert the newest log may belong to another key; showing it as the current one
// would be a lie. When the current key has no log here (its result was computed by another spec's
// task, or gc removed the log) the lookup says so and offers the newest log with its key and date.
import Compiler
import ContentStore
import Foundation

/// The log to show for a task, and what it is.
public enum LogLookup: Sendable, Equatable {
    /// The log of the task's current key.
    case current(StoredLog)
    /// The current key's result was computed under another task id (another spec sharing the
    /// store, the same work under another name); this is that task's log.
    case computedAs(TaskID, StoredLog)
    /// No log of the current key; the newest log of the task, of another key. `reason` says why.
    case latest(StoredLog, reason: String)
    /// No log at all; `reason` says why.
    case none(reason: String)
}

extension SpecSession {
    /// The log `mixspec logs` shows for task `id` of this spec.
    public func log(of id: TaskID) -> LogLookup {
        let key = explain(id)?.entry.key
        if let key, let log = store.logs(for: id).first(where: { $0.key == key }) { return .current(log) }
        if let key, let record = store.actionRecord(forKey: key), record.taskID != id,
           let log = store.logs(for: record.taskID).first(where: { $0.key == key }) {
            return .computedAs(record.taskID, log)
        }
        let reason = key.map { "no log of its current key \($0.prefix(12))… is in the store (its result was reused from another spec's run, or gc removed the log)" }
            ?? "its current key is not known until its inputs run"
        guard let latest = store.logs(for: id).first else { return .none(reason: reason) }
        return .latest(latest, reason: reason)
    }
}

// What `mixspec status` shows of a spec's Slurm jobs: every journalled job with its state, from
// the exit-code files (no Slurm call needed for finished jobs) and one `squeue` for the rest.
import Compiler
import ContentStore
import Foundation

/// One journalled job as `status` shows it.
public struct SlurmJobStatus: Sendable, Equatable {
    /// The states a user sees.
    public enum State: String, Sendable, Equatable {
        case pending, running, done, failed
        /// Not in the queue and no exit code yet (ended moments ago, or the filesystem lags).
        case unknown
    }

    public var taskID: TaskID
    public var job: String
    public var state: State
    /// Slurm's state word and reason, or the command's exit status.
    public var detail: String
}

/// Lists a spec's journalled Slurm jobs.
public enum SlurmJobList {
    /// Every job journalled for `spec` in `store`, in task order; `queueError` says why the queue
    /// could not be asked (states then come from exit-code files only).
    public static func list(store: Store, spec: String) async -> (jobs: [SlurmJobStatus], queueError: String?) {
        let journal = JobJournal(store: store)
        let entries = journal.all().filter { $0.entry.spec == spec }
        guard !entries.isEmpty else { return ([], nil) }
        var states: [String: SlurmJobState] = [:]
        var queueError: String?
        let names = Set(entries.map(\.entry.name)).sorted()
        do {
            let result = try await SlurmCommands(scratch: journal.root + "/tmp").run("squeue", SlurmQueue.arguments(names: names))
            if result.succeeded { states = SlurmQueue.parse(result.output) } else { queueError = "squeue failed: " + result.errors }
        } catch {
            queueError = "cannot run squeue: \(error)"
        }
        let jobs = entries.map { key, entry -> SlurmJobStatus in
            if let code = SlurmCoordinator.exitCode(in: journal.jobDirectory(key)) {
                return SlurmJobStatus(taskID: entry.taskID, job: entry.job, state: code == 0 ? .done : .failed,
                                      detail: code == 0 ? "exit 0, not collected yet" : "exit \(code)")
            }
            guard let state = states[entry.job] else {
                return SlurmJobStatus(taskID: entry.taskID, job: entry.job, state: .unknown, detail: "not in the queue")
            }
            let detail = state.reason == "None" || state.reason.isEmpty ? state.state : "\(state.state) (\(state.reason))"
            switch state.state {
            case "COMPLETED":
                return SlurmJobStatus(taskID: entry.taskID, job: entry.job, state: .unknown,
                                      detail: "COMPLETED, but no exit-code file here yet (is the store on a shared filesystem?)")
            case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "CONFIGURING":
                return SlurmJobStatus(taskID: entry.taskID, job: entry.job, state: .pending, detail: detail)
            case _ where state.isActive:
                return SlurmJobStatus(taskID: entry.taskID, job: entry.job, state: .running, detail: detail)
            default:
                return SlurmJobStatus(taskID: entry.taskID, job: entry.job, state: .failed,
                                      detail: "\(detail): \(SlurmQueue.explain(state.state))")
            }
        }
        return (jobs.sorted { $0.taskID < $1.taskID }, queueError)
    }
}

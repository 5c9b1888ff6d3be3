// The Slurm launcher (DESIGN.md §6, `slurm`): each training runs as an element of a job array
// whose wrapper runs the same argv, placeholders and environment as the local launcher, on the
// shared filesystem, and writes an exit-code file when the command ends. A task re-attaches to its
// journalled job instead of submitting again, so a run killed mid-swarm loses nothing.
import Compiler
import ContentStore
import Engine
import Foundation
import SafeFiles
import SpecModel

/// Runs training commands as Slurm jobs. One instance serves one run (it batches that run's
/// submissions and polls for all of them).
public final class SlurmLauncher: TrainingLauncher {
    private let coordinator: SlurmCoordinator
    private let journal: JobJournal
    private let resources: Slurm
    private let options: SlurmLauncherOptions
    private let storeRoot: String

    /// A launcher submitting with `resources` (the spec's `slurm:`), journalling in `store`.
    public init(resources: Slurm, store: Store, workingDirectory: String, options: SlurmLauncherOptions) {
        self.journal = JobJournal(store: store)
        self.resources = resources
        self.options = options
        self.storeRoot = store.root
        self.coordinator = SlurmCoordinator(resources: resources, journal: journal, options: options, workingDirectory: workingDirectory)
    }

    public var runsElsewhere: Bool { true }

    /// What this launcher has done so far (sbatch and squeue calls).
    public var statistics: SlurmStatistics { get async { await coordinator.statistics } }

    public func launch(_ request: LaunchRequest, context: TaskContext) async throws -> TrainMetrics {
        do {
            return try await launchOrAttach(request, context: context)
        } catch let error where error is CancellationError || Task.isCancelled {
            // First Ctrl-C: every job of the run is cancelled, and nothing is recorded.
            await coordinator.cancelRun()
            context.log.write("mixspec: cancelled; the run's Slurm jobs were cancelled with scancel")
            throw CancellationError()
        }
    }

    private func launchOrAttach(_ request: LaunchRequest, context: TaskContext) async throws -> TrainMetrics {
        let key = context.key
        let folder = journal.jobDirectory(key)
        await coordinator.recover()
        var entry: JobEntry
        if let existing = journal.entry(key) {
            entry = existing
            context.log.write("mixspec: re-attaching to Slurm job \(entry.job) (\(entry.name)), submitted by an earlier run")
        } else {
            try prepare(request, taskID: context.taskID, folder: folder)
            entry = try await submit(key: key, taskID: context.taskID, group: request.kind, attempt: 0, context: context)
        }
        while true {
            if options.detach, SlurmCoordinator.exitCode(in: folder) == nil {
                throw TaskSubmitted("Slurm job \(entry.job); `mixspec status` shows it, `mixspec run` collects it")
            }
            let coordinator = self.coordinator
            let end = try await withTaskCancellationHandler {
                try await coordinator.wait(key: key, entry: entry)
            } onCancel: {
                Task { await coordinator.dropWaiter(key) }
            }
            copyJobLog(folder, into: context)
            switch end {
            case .exited(0):
                let metrics = try CommandTrainer.readMetrics(outPath: folder + "/out", runID: request.runID)
                journal.remove(key)
                return metrics
            case .exited(let code):
                // Slurm signals every process of the job at once, so a command killed by scancel,
                // a requeue or a time limit can exit before its wrapper's trap runs and leave an
                // exit code: Slurm's word on the job, not the code, then says what happened.
                let state = await coordinator.settledState(entry)
                // Settling may take seconds, in which a requeued attempt can start (removing the
                // exit code) or end (writing its own): then the file, not `code`, is current.
                if SlurmCoordinator.exitCode(in: folder) != code { continue }
                if let state, state.isActive {
                    context.log.write("mixspec: Slurm job \(entry.job) is \(state.state) after its command exited with status \(code) (requeued); waiting for the new attempt")
                    // A new attempt that has started removed the old exit code itself.
                    if state.state != "RUNNING" { SlurmCoordinator.removeExitCode(in: folder) }
                    try await Task.sleep(nanoseconds: 1_000_000_000)
                    continue
                }
                if let state, SlurmQueue.endedBySlurm(state.state) {
                    entry = try await resubmitOrFail(entry, state: state, note: "; its command exited with status \(code)",
                                                     request: request, context: context)
                    continue
                }
                journal.remove(key)
                throw EngineError.taskFailed("train command exited with status \(code) (Slurm job \(entry.job))")
            case .vanished(let state):
                entry = try await resubmitOrFail(entry, state: state, note: "", request: request, context: context)
            }
        }
    }

    /// A job that ended without a usable result of its command: submitted again when Slurm's
    /// reason is retriable and retries remain (the new entry); otherwise the task fails with that
    /// reason and `note`.
    private func resubmitOrFail(_ entry: JobEntry, state: SlurmJobState?, note: String, request: LaunchRequest,
                                context: TaskContext) async throws -> JobEntry {
        let key = context.key, folder = journal.jobDirectory(key)
        if let state, state.isRetriable, entry.attempt < resources.retries {
            context.log.write("mixspec: Slurm job \(entry.job) \(state.state) (\(SlurmQueue.explain(state.state))); submitting again (retry \(entry.attempt + 1) of \(resources.retries))")
            try prepare(request, taskID: context.taskID, folder: folder)
            return try await submit(key: key, taskID: context.taskID, group: request.kind, attempt: entry.attempt + 1, context: context)
        }
        journal.remove(key)
        throw EngineError.taskFailed(Self.vanishedMessage(entry, state: state, folder: folder, retries: resources.retries,
                                                          storeRoot: storeRoot) + note)
    }

    private func submit(key: String, taskID: TaskID, group: String, attempt: Int, context: TaskContext) async throws -> JobEntry {
        let coordinator = self.coordinator
        let entry = try await withTaskCancellationHandler {
            try await coordinator.submit(key: key, taskID: taskID, group: group, attempt: attempt)
        } onCancel: {
            Task { await coordinator.dropQueued(key) }
        }
        context.log.write("mixspec: submitted as Slurm job \(entry.job) (name \(entry.name))")
        return entry
    }

    /// Writes the task's folder afresh: its mixture file and wrapper script.
    private func prepare(_ request: LaunchRequest, taskID: TaskID, folder: String) throws {
        guard !request.argv.isEmpty else { throw EngineError.taskFailed("the trainer command is empty") }
        TreeRemoval.remove(folder)
        try AtomicFile.makeRealDirectory(folder, inside: storeRoot)
        try AtomicFile.write(Data(CommandTrainer.mixtureJSON(request.weights).utf8), to: folder + "/mixture.json", durable: false)
        let script = SlurmScripts.taskScript(request, taskID: taskID.rawValue, jobDirectory: folder)
        try AtomicFile.write(Data(script.utf8), to: folder + "/run.sh", durable: false)
    }

    /// Appends the job's log (its last MiB) to the task's log, where `mixspec logs` and failure
    /// messages find it.
    private func copyJobLog(_ folder: String, into context: TaskContext) {
        guard let data = BoundedFile.tail(folder + "/log", maxBytes: 1 << 20), !data.isEmpty else {
            context.log.write("mixspec: the job left no log at \(folder)/log")
            return
        }
        try? AtomicFile.writeAll(fd: context.log.fileDescriptor, data: data, path: context.log.path)
    }

    static func vanishedMessage(_ entry: JobEntry, state: SlurmJobState?, folder: String, retries: Int, storeRoot: String) -> String {
        let job = "Slurm job \(entry.job)"
        guard let state, state.state != "COMPLETED" else {
            return "\(job) ended but its exit-code file \(folder)/exitcode never appeared on this machine: "
                + "mixspec's store (\(storeRoot)) and the spec's folder must be on a filesystem shared with the compute nodes"
        }
        var text = "\(job) \(SlurmQueue.explain(state.state)) (\(state.state)"
        if state.reason != "None", !state.reason.isEmpty { text += ", reason \(state.reason)" }
        text += ")"
        if state.isRetriable { text += " after \(entry.attempt) resubmission\(entry.attempt == 1 ? "" : "s") (slurm.retries is \(retries))" }
        return text
    }
}

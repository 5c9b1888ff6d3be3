import ArgumentParser
import Compiler
import Engine
import Launchers
import Pipeline
import Reporting
import SpecModel

/// `mixspec status SPEC`: is everything up to date? Exit 0 if so, 1 otherwise (for scripts and CI).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say whether every result of the spec is up to date: exit 0 when it is, 1 otherwise.",
        discussion: """
        For scripts and CI (the convention of `dvc status -q`): `mixspec status spec.yaml || mixspec run spec.yaml`. \
        Prints the task counts by state and, when something would run, the tasks by kind with the \
        first reasons; `--quiet` prints nothing. Reads the store without locking it. With a Slurm \
        trainer it also lists every submitted job (pending / running / done / failed with the reason), \
        asking squeue once.
        """
    )

    @OptionGroup var options: SpecOptions

    @Flag(name: .long, help: "Print {\"up_to_date\": bool, \"counts\": {…}, \"to_run\": [{id, kind, state, reason}], \"jobs\": [{task, job, state, detail}]} as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing; only the exit status tells.")
    var quiet = false

    func run() async throws {
        let session = try options.open()
        let plan = session.plan()
        let toRun = plan.entries.filter { $0.state != .cached }
        let (jobs, queueError) = session.usesSlurm && !quiet ? await SlurmJobList.list(store: session.store, spec: session.spec.name) : ([], nil)
        if json {
            let document: CanonicalValue = .object([
                "spec": .string(session.spec.name),
                "up_to_date": .bool(toRun.isEmpty),
                "counts": .object(["cached": .int(Int64(plan.count(.cached))), "stale": .int(Int64(plan.count(.stale))),
                                   "new": .int(Int64(plan.count(.new)))]),
                "to_run": .array(toRun.map { e in
                    .object(["id": .string(e.id.rawValue), "kind": .string(e.kind.rawValue), "state": .string(e.state.rawValue),
                             "reason": .string(e.reason)])
                }),
                "jobs": .array(jobs.map { j in
                    .object(["task": .string(j.taskID.rawValue), "job": .string(j.job), "state": .string(j.state.rawValue),
                             "detail": .string(j.detail)])
                }),
            ])
            printOut(document.prettyJSON + "\n")
        } else if !quiet {
            printOut(Self.text(plan, toRun: toRun, name: session.spec.name) + Self.text(jobs: jobs))
            if let queueError { DiagnosticsOutput.writeStderr("warning: \(queueError)\n") }
        }
        if !toRun.isEmpty { throw ExitCode(1) }
    }

    /// The jobs, counted by state, then one line each.
    static func text(jobs: [SlurmJobStatus]) -> String {
        guard !jobs.isEmpty else { return "" }
        let counts = [SlurmJobStatus.State.pending, .running, .done, .failed, .unknown].compactMap { state -> String? in
            let n = jobs.filter { $0.state == state }.count
            return n == 0 ? nil : "\(n) \(state.rawValue)"
        }
        var out = "Slurm jobs: \(counts.joined(separator: ", "))\n"
        let width = jobs.map(\.taskID.rawValue.count).max() ?? 0
        for job in jobs {
            let id = TerminalText.padded(job.taskID.rawValue, to: width)
            out += "  \(id)  job \(job.job)  \(job.state.rawValue): \(job.detail)\n"
        }
        return out
    }

    static func text(_ plan: Plan, toRun: [PlanEntry], name: String) -> String {
        guard !toRun.isEmpty else { return "\(name): up to date (\(plan.entries.count) tasks cached)\n" }
        var out = "\(name): not up to date: \(toRun.count) of \(plan.entries.count) tasks would run "
            + "(\(plan.count(.stale)) stale, \(plan.count(.new)) new)\n"
        for kind in TaskKind.allCases {
            let entries = toRun.filter { $0.kind == kind }
            guard let first = entries.first else { continue }
            out += "  \(kind.rawValue): \(entries.count) (\(first.id): \(first.reason))\n"
        }
        return out
    }
}

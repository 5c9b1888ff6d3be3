import ArgumentParser
import Compiler
import Engine
import Foundation
import Launchers
import Pipeline
import Reporting
import SpecModel

/// `mixspec run SPEC`: execute what is not cached, in parallel, and write the outputs.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the spec incrementally: only tasks whose results are not in the store execute.",
        discussion: """
        Results are stored under content hashes in the store (.mixspec/ beside the spec by default), \
        so a second run executes nothing, and after an edit only the tasks the edit changed run. \
        Ctrl-C (or SIGTERM) cancels: running trainers get the signal, nothing partial is recorded, \
        and the next run resumes. With a Slurm trainer (`proxies.trainer.slurm`), trainings are \
        submitted as job arrays and Ctrl-C cancels them with scancel; a run killed outright leaves \
        them running, and the next run re-attaches to them. Outputs go to out/<spec name>/ beside the spec: mixture.yaml, \
        mixture.json, summary.json, report.html, cv.csv, predictions.csv.
        Exit status: 0 success (with --detach: everything is done or submitted), 1 invalid spec or \
        failed task, 64 usage error, 130 interrupted.
        """
    )

    @OptionGroup var options: SpecOptions

    @Option(name: .shortAndLong, help: "Tasks to run at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .long, help: "After a failure, keep running every task that does not depend on it.")
    var keepGoing = false

    @Flag(name: .long, help: "Fail at once instead of waiting when another run holds the store.")
    var noWait = false

    @Flag(name: .long, help: "Re-hash every cached output, even those whose files are unchanged since they last verified (a full check of the store's blobs; corrupt ones are recomputed).")
    var verify = false

    @Flag(name: .long, help: "Print a JSON result on stdout: counts {executed, cached, failed}, executed counts per task kind, failures and output paths.")
    var json = false

    @Option(name: .long, help: ArgumentHelp(
        "Execute the tasks whose id matches PATTERN (a glob: `train/*/0003/*`, `fit/*`) even if cached, replacing their records. Repeatable.",
        valueName: "PATTERN"))
    var rerun: [String] = []

    @Flag(name: .long, help: "With a Slurm trainer: submit the trainings that are not done and exit without waiting (nothing is cancelled). `mixspec status` shows the jobs; a later `mixspec run` collects them without submitting again.")
    var detach = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        let session = try options.open()
        var runOptions = RunOptions(keepGoing: keepGoing, observer: ProgressPrinter(), verify: verify)
        if let jobs { runOptions.jobs = jobs }
        for pattern in rerun {
            let matched = session.compiled.graph.nodes.map(\.id).filter { TaskPattern.matches(pattern, $0.rawValue) }
            guard !matched.isEmpty else {
                throw fail("--rerun '\(pattern)' matches no task of \(options.spec) (`mixspec plan` lists them)")
            }
            runOptions.rerun.formUnion(matched)
        }
        if detach, !session.usesSlurm {
            throw fail("--detach needs a Slurm trainer (`proxies.trainer.slurm`); this spec's trainings run on this machine")
        }
        // Detached, every ready training is submitted even if one is refused.
        if detach { runOptions.keepGoing = true }
        let report: RunReport
        do {
            report = try await session.run(options: runOptions, wait: !noWait, handleSignals: true,
                                           launcher: session.launcher(detach: detach),
                                           onWait: EngineMessages.lockWait, onFirstSignal: EngineMessages.cancelling)
        } catch {
            throw fail("\(error)")
        }
        ExitKeepsAlive.keep((session, report))
        var summary: RunSummary?
        var outputError: String?
        if report.succeeded && !report.wasCancelled {
            do { summary = try session.writeOutputs(report) } catch { outputError = "\(error)" }
        }
        if json {
            printOut(RunJSON.render(report, summary: summary, layout: OutputLayout(spec: session.spec)) + "\n")
        } else if var summary {
            // The summary's paths are relative to the spec's folder; the terminal shows them from here.
            summary.outputs.report = summary.outputs.report.map { Self.fromWorkingDirectory($0, specFolder: session.spec.baseDirectory) }
            printOut(TerminalSummary.render(summary, color: isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
        }
        for line in RunJSON.warningLines(report) { DiagnosticsOutput.writeStderr(line + "\n") }
        for failure in report.failureDescriptions { DiagnosticsOutput.writeStderr("error: " + failure + "\n") }
        if report.submitted > 0 && !json {
            DiagnosticsOutput.writeStderr("\(report.submitted) training\(report.submitted == 1 ? "" : "s") submitted to Slurm and still running; "
                + "`mixspec status \(options.spec)` shows the jobs, `mixspec run \(options.spec)` collects them\n")
        }
        if let outputError { throw fail("writing outputs: \(outputError)") }
        if report.wasCancelled { throw ExitCode(130) }
        if report.failed > 0 || (!report.succeeded && report.submitted == 0) { throw ExitCode(1) }
    }
}

extension RunCommand {
    /// `path` (relative to the spec's folder) as seen from the current folder: relative when the
    /// spec's folder is at or below it, absolute otherwise.
    static func fromWorkingDirectory(_ path: String, specFolder: String) -> String {
        let absolute = path.hasPrefix("/") ? path : specFolder + "/" + path
        let here = FileManager.default.currentDirectoryPath
        return absolute.hasPrefix(here + "/") ? String(absolute.dropFirst(here.count + 1)) : absolute
    }
}

extension RunJSON {
    /// `warning: TASK: message` per task warning; a reused result's are marked `(cached)`.
    static func warningLines(_ report: RunReport) -> [String] {
        report.results.flatMap { r in
            r.warnings.map { "warning: \(r.id)\(r.outcome == .cached ? " (cached)" : ""): \($0)" }
        }
    }
}

/// The `run --json` document (DESIGN.md §7): the engine's report (counts, per-task outcomes)
/// plus failures with their log tails, the output paths and the found mixture.
enum RunJSON {
    static func render(_ report: RunReport, summary: RunSummary?, layout: OutputLayout) -> String {
        var fields: [String: CanonicalValue] = [:]
        fields["elapsed_seconds"] = .number((report.elapsed * 1000).rounded() / 1000)
        fields["executed_by_kind"] = .object(Dictionary(grouping: report.results.filter { $0.outcome == .executed }, by: \.kind.rawValue)
            .mapValues { .int(Int64($0.count)) })
        fields["warnings"] = .array(report.results.flatMap { r in
            r.warnings.map { w in
                CanonicalValue.object(["task": .string(r.id.rawValue), "message": .string(w), "cached": .bool(r.outcome == .cached)])
            }
        })
        fields["failures"] = .array(report.results.filter { $0.outcome == .failed }.map { r in
            .object(["id": .string(r.id.rawValue), "reason": .string(r.message ?? ""),
                     "log": r.logPath.map(CanonicalValue.string) ?? .null,
                     "log_tail": .array(r.logTail.map(CanonicalValue.string))])
        })
        if let summary {
            fields["outputs"] = .object([
                "mixture_yaml": .string(layout.mixtureYAML), "mixture_json": .string(layout.mixtureJSON),
                "summary": .string(layout.summary), "report": .string(layout.report),
                "cv": .string(layout.crossValidationCSV), "predictions": .string(layout.predictionsCSV),
            ])
            fields["mixture"] = .object(summary.found.mapValues(CanonicalValue.number))
        }
        return report.prettyJSON(adding: fields)
    }
}

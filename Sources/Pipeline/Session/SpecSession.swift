// One spec opened against its store: domain facts resolved, graph compiled. The command line's
// plan / run / explain / predict / gc all start here.
import Compiler
import ContentStore
import Engine
import Launchers
import Foundation
import Reporting
import SpecModel
import Trainer

/// A spec ready to plan and run.
public struct SpecSession: Sendable {
    public let spec: Spec
    public let store: Store
    public let files: FileDigestCache
    public let facts: DomainFactTable
    public let compiled: CompiledSpec

    /// Opens the store (`--store`, else MIXSPEC_STORE, else `.mixspec/` beside the spec), resolves
    /// the domains' data facts and compiles the graph. Throws `DomainDataError` for data problems.
    /// `warn` receives the store's warnings (corrupt records or blobs); by default they are dropped.
    public init(spec: Spec, storeOverride: String? = nil, warn: @escaping @Sendable (String) -> Void = { _ in }) throws {
        let store = Store(root: Store.defaultRoot(forSpecAt: spec.sourcePath, override: storeOverride), warn: warn)
        let files = FileDigestCache(store: store)
        let facts = try DomainFactResolver(store: store, files: files).resolve(spec)
        self.spec = spec
        self.store = store
        self.files = files
        self.facts = facts
        self.compiled = try SpecCompiler.compile(spec, facts: CompileFacts(
            domains: facts, trainerFiles: try TrainerFileResolver.resolve(spec), builtinTrainerVersion: BuiltinTrainer.version))
    }

    /// The state of every task, against this spec's last runs (its last-run index is named by
    /// `spec.name`; blobs and records are shared by every spec of the store). With `verify`,
    /// every cached output is re-hashed, whatever the verification memo says.
    public func plan(verify: Bool = false) -> Plan {
        Planner(store: store, index: spec.name, files: files, verify: verify).plan(compiled.graph)
    }

    /// Why `id` will (or will not) run.
    public func explain(_ id: TaskID) -> Explanation? {
        Planner(store: store, index: spec.name, files: files).explain(id, in: compiled.graph)
    }

    /// This spec's last-run pointers (task id → key).
    public var index: TaskIndex { TaskIndex(store: store, name: spec.name) }

    /// True when the spec's trainings are submitted to Slurm (`proxies.trainer.slurm`).
    public var usesSlurm: Bool {
        if case .command(_, .some) = spec.proxies.trainer { return true }
        return false
    }

    /// The launcher of the spec's command trainings: Slurm jobs when the trainer has `slurm:`
    /// (`detach`: submit and return), this machine otherwise. Poll timing comes from the environment
    /// (`MIXSPEC_SLURM_POLL`, `MIXSPEC_SLURM_OUTPUT_GRACE`).
    public func launcher(detach: Bool = false) -> any TrainingLauncher {
        guard case .command(_, let slurm?) = spec.proxies.trainer else { return LocalLauncher() }
        return SlurmLauncher(resources: slurm, store: store, workingDirectory: spec.baseDirectory,
                             options: .fromEnvironment(specName: spec.name, detach: detach))
    }

    /// Runs `graph` (default: the whole spec) holding the store's write lock; SIGINT / SIGTERM
    /// cancel it when `handleSignals` is set (the command line), never in library use. `onWait`
    /// and `onFirstSignal` are told when the run waits for the lock and when a signal cancels it.
    /// Trainings go through `launcher` (default: `launcher()`).
    public func run(_ graph: TaskGraph? = nil, options: RunOptions, wait: Bool = true, handleSignals: Bool = false,
                    launcher: (any TrainingLauncher)? = nil,
                    onWait: @escaping @Sendable (String) -> Void = { _ in },
                    onFirstSignal: @escaping @Sendable (Int32) -> Void = { _ in }) async throws -> RunReport {
        return try await RunSession.run(graph ?? compiled.graph, store: store, index: spec.name,
                                 executor: MixspecExecutor(workingDirectory: spec.baseDirectory, launcher: launcher ?? self.launcher()),
                                 options: options, noWait: !wait, handleSignals: handleSignals,
                                 onWait: onWait, onFirstSignal: onFirstSignal)
    }

    /// Writes `out/<name>/…` from a successful run's outputs.
    public func writeOutputs(_ report: RunReport) throws -> RunSummary {
        // Only the tasks whose outputs the files derive from (not 100,000 trainings), found by
        // their place in the graph, which the report keeps.
        var digests: [TaskID: String] = [:]
        for id in [compiled.report, compiled.search] + compiled.crossValidations {
            let position = compiled.graph.index(of: id).flatMap { report.results.indices.contains($0) ? $0 : nil }
            let result = position.map { report.results[$0] }.flatMap { $0.id == id ? $0 : nil } ?? report[id]
            if let digest = result?.outputDigest { digests[id] = digest }
        }
        return try OutputWriter(spec: spec, compiled: compiled, store: store).write(digests: digests)
    }

    /// The stored output bytes of a task in a finished run.
    public func output(of id: TaskID, in report: RunReport) -> Data? {
        report[id]?.outputDigest.flatMap(store.readBlob)
    }

    /// Predicts the objective for the mixtures of a CSV (header row; first column = run id; one column
    /// per domain), with the regressor the search uses. Fits first if needed (runs the fit and,
    /// with several regressors, cross-validation tasks). Returns (run id, prediction) rows and warnings.
    public func predict(mixturesCSV path: String, interval: Bool = false, options: RunOptions, wait: Bool = true,
                        handleSignals: Bool = false,
                        onWait: @escaping @Sendable (String) -> Void = { _ in },
                        onFirstSignal: @escaping @Sendable (Int32) -> Void = { _ in }) async throws -> Predictions {
        let needed = Set(compiled.graph[compiled.search]?.inputs ?? [])
        let report = try await run(compiled.graph.upstreamClosure(of: needed), options: options, wait: wait, handleSignals: handleSignals,
                                   onWait: onWait, onFirstSignal: onFirstSignal)
        guard report.succeeded else {
            throw EngineError.taskFailed((["fitting failed:"] + report.failureDescriptions).joined(separator: "\n"))
        }
        return try Predictor(spec: spec, compiled: compiled, output: { output(of: $0, in: report) }).predict(csv: path, interval: interval)
    }

    /// Store keys and blob digests that this spec still reaches (for `gc`).
    public func reachable() -> (records: Set<String>, blobs: Set<String>) {
        let plan = plan()
        return (plan.knownKeys, plan.cachedOutputDigests)
    }
}

// Spec → task graph (DESIGN.md §2). Pure and deterministic: the same spec and facts always give the
// same graph, node order and parameters. Every task's parameters are one typed value
// (Parameters/KindParameters.swift): what the executor of that kind reads, and nothing more.
import Dispatch
import SpecModel

/// The compiled form of a spec: the graph plus the roles of its tasks, so the engine and the
/// command line can find the outputs they need without parsing ids. Executors never see this.
public struct CompiledSpec: Sendable, Equatable {
    public var graph: TaskGraph
    /// Prior weights in domain order (explicit, token share, or uniform).
    public var prior: [Double]
    /// The task that produces the swarm table (`sample`) or the imported runs (`import`).
    public var swarm: TaskID
    /// Training tasks of the swarm, in id order (empty when results are imported).
    public var trains: [TaskID]
    public var collect: TaskID
    /// One fit and one cross-validation per listed regressor, in the spec's order.
    public var fits: [TaskID]
    public var crossValidations: [TaskID]
    public var search: TaskID
    /// Verification trainings, found mixture first.
    public var verifications: [TaskID]
    public var report: TaskID
    /// With `scaling`: step laws (model-major, mixture order), size laws (mixture order), summary.
    public var stepLaws: [TaskID] = []
    public var sizeLaws: [TaskID] = []
    public var scalingSummary: TaskID?
}

/// What the engine resolved before compiling (I/O the compiler itself does not do).
public struct CompileFacts: Sendable, Equatable {
    /// Token counts and content digests of each domain's data.
    public var domains: DomainFactTable
    /// The command trainer's code and declared inputs (files named in its argv that exist, and
    /// `proxies.trainer.inputs`), sorted by name. Input files of every train and verify task.
    public var trainerFiles: [InputFile]
    /// The built-in trainer's implementation version (part of every builtin training key).
    public var builtinTrainerVersion: Int

    public init(domains: DomainFactTable, trainerFiles: [InputFile] = [], builtinTrainerVersion: Int = 1) {
        self.domains = domains; self.trainerFiles = trainerFiles; self.builtinTrainerVersion = builtinTrainerVersion
    }
}

/// Compiles resolved specs into task graphs.
public enum SpecCompiler {
    /// Compiles `spec` with the facts the engine resolved about its domains and trainer files.
    public static func compile(_ spec: Spec, facts: CompileFacts) throws -> CompiledSpec {
        var builder = GraphBuilder()
        builder.nodes.reserveCapacity(spec.proxies.count * spec.proxies.models.count * spec.proxies.seeds + 64)
        let domains = spec.domainNames
        let prior = spec.priorWeights(facts: facts.domains)
        let trainer = trainerSettings(spec.proxies.trainer, builtinVersion: facts.builtinTrainerVersion)
        let data = dataSettings(spec, facts.domains)

        // Swarm: sampled and trained, or imported.
        let swarm: TaskID
        var collectRuns: [CollectParameters.Run] = []
        var collectTrains: [TaskID] = []
        // Further proxy models' trainings, one collect each: the report ranks the swarm by each model.
        var otherModels: [(name: String, runs: [CollectParameters.Run], trains: [TaskID])] = []
        var trains: [TaskID] = []
        if let results = spec.proxies.results {
            swarm = builder.add("import", ImportParameters(domains: domains, proxies: .init(results: .init(
                mixtures: results.mixtures, metrics: results.metrics)),
                scaling: spec.scaling.map { .init(steps: .init(tokensPerStep: $0.tokensPerStep), models: spec.proxies.models.map(\.name)) }),
                files: [inputFile(results.mixtures, spec), inputFile(results.metrics, spec)])
        } else {
            let sampler = SamplerSettings(spec.proxies.sampler)
            swarm = builder.add("sample", SampleParameters(domains: domains, prior: prior, proxies: .init(
                count: spec.proxies.count, sampler: sampler)))
            // A train task carries (sampler, prior, index), never the swarm table: mixture i must
            // not depend on `count`, so growing the swarm reuses every existing training.
            let width = max(4, String(max(spec.proxies.count - 1, 0)).count)
            for (modelIndex, model) in spec.proxies.models.enumerated() {
                // The trainings of a model differ only in mixture index, seed and run id: encode their
                // parameters once and set those three members per task (10,000 encodings would
                // dominate a no-op plan). A compiler test checks every node against a full encoding.
                let template = TrainParameters(
                    domains: domains, prior: prior,
                    proxies: .init(sampler: sampler, model: modelSettings(model, trainer), trainer: trainer),
                    mixture: 0, seed: 0, data: data, run: trainer.isCommand ? "" : nil).canonical
                guard case .object(let members) = template else { throw GraphError(message: "train parameters are not an object") }
                let seeds = spec.proxies.seeds, files = facts.trainerFiles.sorted(), isCommand = trainer.isCommand
                let flops = 6 * Double(model.size) * Double(model.tokens)
                let seedValues = (0..<seeds).map { CanonicalValue.int(Int64($0)) }
                // Built on all cores (each node depends on its index alone, so the graph is the same).
                let nodes = Self.build(count: spec.proxies.count * seeds) { k in
                    let index = k / seeds, seed = k % seeds
                    let id = "train/\(model.name)/\(padded(index, width))/s\(seed)"
                    var own = members
                    own["mixture"] = .int(Int64(index))
                    own["seed"] = seedValues[seed]
                    if isCommand { own["run"] = .string(id) }
                    return TaskNode(id: TaskID(id), kind: .train, version: TaskKind.train.implementationVersion,
                                    parameters: .object(own), inputs: [], fileInputs: files, trainingFLOPs: flops)
                }
                if modelIndex > 0 { otherModels.append((model.name, [], [])) }
                for (k, node) in nodes.enumerated() {
                    builder.nodes.append(node)
                    trains.append(node.id)
                    // The regression learns from the first proxy model (docs/design-notes.md).
                    if modelIndex == 0 {
                        collectTrains.append(node.id)
                        collectRuns.append(.init(mixture: k / seeds, seed: k % seeds))
                    } else {
                        otherModels[otherModels.count - 1].trains.append(node.id)
                        otherModels[otherModels.count - 1].runs.append(.init(mixture: k / seeds, seed: k % seeds))
                    }
                }
            }
        }

        // Data Mixing Laws: a step law per (model, mixture), a size law per mixture; collect then holds
        // the predicted target-scale losses instead of the first model's final metrics.
        var scaled: ScalingTasks?
        if let scaling = spec.scaling {
            scaled = ScalingTasks.add(to: &builder, spec: spec, scaling: scaling, swarm: swarm, trains: trains)
            collectRuns = (0..<(scaled?.sizeLaws.count ?? 0)).map { .init(mixture: $0, seed: 0) }
            collectTrains = scaled?.sizeLaws ?? []
        }

        // One run per training: built directly rather than through the Codable encoder (the same
        // value, checked by a compiler test), which would dominate compiling a large swarm.
        let collectTemplate = CollectParameters(domains: domains, imported: spec.proxies.results != nil, runs: []).canonical
        guard case .object(var collectMembers) = collectTemplate else { throw GraphError(message: "collect parameters are not an object") }
        if scaled != nil { collectMembers["scaled"] = .bool(true) }
        collectMembers["runs"] = .array(collectRuns.map { .object(["mixture": .int(Int64($0.mixture)), "seed": .int(Int64($0.seed))]) })
        let collect = builder.add("collect", CollectParameters.self, canonical: .object(collectMembers), inputs: [swarm] + collectTrains)
        // With `scaling`, collect holds target-scale predictions: the further models' final metrics
        // are not collected for the report (their trainings feed the step laws).
        let modelCollects = (scaled == nil ? otherModels : []).map { other -> TaskID in
            var members = collectMembers
            members["runs"] = .array(other.runs.map { .object(["mixture": .int(Int64($0.mixture)), "seed": .int(Int64($0.seed))]) })
            return builder.add("collect/\(other.name)", CollectParameters.self, canonical: .object(members), inputs: [swarm] + other.trains)
        }

        let metrics = spec.objective.expression.metricNames
        let objective = ObjectiveSettings(spec.objective)
        var fits: [TaskID] = [], crossValidations: [TaskID] = []
        for kind in spec.regression.models {
            let regressor = RegressorSettings(kind, spec.regression)
            fits.append(builder.add("fit/\(kind.rawValue)", FitParameters(regression: regressor, metrics: metrics),
                                    inputs: [collect]))
            crossValidations.append(builder.add("cross-validate/\(kind.rawValue)", CrossValidateParameters(
                regression: .init(folds: spec.regression.folds, seed: spec.regression.seed, regressor: regressor),
                metrics: metrics, objective: objective), inputs: [collect]))
        }

        let s = spec.search
        let search = builder.add("search", SearchParameters(
            domains: domains, prior: prior, tokens: spec.availableTokens(facts: facts.domains), objective: objective,
            search: .init(candidates: s.candidates, topK: s.topK, seed: s.seed, strength: s.strength,
                          bounds: s.bounds.mapValues(WeightRange.init),
                          availability: s.availability.map { .init(targetTokens: $0.targetTokens, maxEpochs: $0.maxEpochs) }),
            regressors: spec.regression.models.map(\.rawValue)),
            inputs: fits + (fits.count > 1 ? crossValidations : []))

        var verifications: [TaskID] = []
        var verifyRows: [ReportParameters.Verification] = []
        if let verify = spec.verify {
            let model = modelSettings(verify.model, trainer)
            func verifyTask(_ name: String, weights: [Double]?, seed: Int) {
                let id = "verify/\(name)/s\(seed)"
                let parameters = VerifyParameters(domains: domains, verify: .init(model: model, trainer: trainer),
                                                  mixture: weights, seed: seed, data: data,
                                                  run: trainer.isCommand ? id : nil)
                verifications.append(builder.add(id, parameters, inputs: weights == nil ? [search] : [],
                                                 files: facts.trainerFiles, trains: verify.model))
                verifyRows.append(.init(name: name, seed: seed))
            }
            for seed in 0..<verify.seeds {
                verifyTask(MixtureName.found, weights: nil, seed: seed)
                for baseline in verify.baselines {
                    switch baseline {
                    case .prior: verifyTask(baseline.name, weights: prior, seed: seed)
                    case .uniform:
                        verifyTask(baseline.name, weights: Array(repeating: 1.0 / Double(domains.count), count: domains.count), seed: seed)
                    case .mixture(let name, let weights):
                        verifyTask(name, weights: domains.map { weights[$0] ?? 0 }, seed: seed)
                    }
                }
            }
        }

        var summary: TaskID?
        if let scaling = spec.scaling, let scaled {
            summary = builder.add("scaling/summary", ScalingSummaryParameters(
                domains: domains, prior: prior, objective: objective,
                regressors: spec.regression.models.map { RegressorSettings($0, spec.regression) },
                models: spec.proxies.models.map { .init(name: $0.name, size: $0.size, tokens: $0.tokens) },
                scaling: .init(target: .init(size: scaling.targetSize, tokens: scaling.targetTokens),
                               bootstrap: ScalingTasks.bootstrap(scaling)),
                refits: min(scaling.bootstrapSamples, ScalingSummaryParameters.maximumRefits)),
                inputs: [collect, search] + scaled.sizeLaws + scaled.stepLaws)
        }

        let f = SpecNumberFormat.self
        let report = builder.add("report", ReportParameters(
            name: spec.name, description: spec.description,
            settings: ReportParameters.Setting.table(for: spec),
            domains: domains, prior: prior, objective: objective, regressors: spec.regression.models.map(\.rawValue),
            verifyModel: spec.verify.map { "\(f.compactCount($0.model.size)) params, \(f.compactCount($0.model.tokens)) tokens" },
            verifications: verifyRows, diagnostics: ReportParameters.Diagnostics(spec, facts: facts.domains),
            scaling: summary != nil ? true : nil),
            inputs: [collect] + crossValidations + [search] + verifications + fits + modelCollects + (summary.map { [$0] } ?? []))

        return CompiledSpec(graph: try TaskGraph(nodes: builder.nodes), prior: prior, swarm: swarm, trains: trains,
                            collect: collect, fits: fits, crossValidations: crossValidations, search: search,
                            verifications: verifications, report: report,
                            stepLaws: scaled?.stepLaws ?? [], sizeLaws: scaled?.sizeLaws ?? [], scalingSummary: summary)
    }

    /// The trainer's identity. The built-in trainer carries its implementation version, so
    /// improving it reruns training.
    static func trainerSettings(_ t: TrainerSpec, builtinVersion: Int) -> TrainerSettings {
        switch t {
        case .builtin: return .builtin(version: builtinVersion)
        case .command(let argv, _): return .command(argv: argv)
        }
    }

    /// A model's settings; its name only where the trainer sees it (a command gets `{model.name}`
    /// and `MIXSPEC_MODEL_NAME`).
    static func modelSettings(_ m: ProxyModel, _ trainer: TrainerSettings) -> ModelSettings {
        ModelSettings(name: trainer.isCommand ? m.name : nil, size: m.size, tokens: m.tokens)
    }

    /// Domain data for the built-in trainer, which reads it itself; a command trainer owns its data,
    /// so its keys carry the command and its files instead.
    private static func dataSettings(_ spec: Spec, _ facts: DomainFactTable) -> [String: DomainDataSettings]? {
        guard case .builtin = spec.proxies.trainer else { return nil }
        var out: [String: DomainDataSettings] = [:]
        for domain in spec.domains {
            var settings = DomainDataSettings(digest: facts[domain.name]?.contentDigest)
            switch domain.source {
            case .none: break
            case .paths(let patterns): settings.path = patterns
            case .synthetic(let seed): settings.synthetic = seed
            }
            out[domain.name] = settings
        }
        return out
    }

    /// A file named in the spec, keyed by its name relative to the spec's folder.
    public static func inputFile(_ path: String, _ spec: Spec) -> InputFile {
        let absolute = spec.resolvePath(path)
        let base = spec.baseDirectory
        let name = absolute.hasPrefix(base + "/") ? String(absolute.dropFirst(base.count + 1)) : absolute
        return InputFile(name: name, path: absolute)
    }

    /// `make(0) … make(count - 1)`, made on all cores.
    private static func build(count: Int, _ make: @Sendable (Int) -> TaskNode) -> [TaskNode] {
        guard count > 0 else { return [] }
        return [TaskNode](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = UncheckedPointer(base: buffer.baseAddress!)
            let chunks = min(count, 8)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for k in (count * c / chunks)..<(count * (c + 1) / chunks) { (base.base + k).initialize(to: make(k)) }
            }
            initialized = count
        }
    }

    /// A pointer handed to tasks that write disjoint elements.
    private struct UncheckedPointer: @unchecked Sendable { let base: UnsafeMutablePointer<TaskNode> }

    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// Accumulates nodes in topological order, each from its kind's typed parameters.
struct GraphBuilder {
    var nodes: [TaskNode] = []

    mutating func add<P: TaskParameters>(_ id: String, _ parameters: P, inputs: [TaskID] = [],
                                         files: [InputFile] = [], trains model: ProxyModel? = nil) -> TaskID {
        add(id, P.self, canonical: parameters.canonical, inputs: inputs, files: files, trains: model)
    }

    /// Adds a node whose parameters of type `P` are already encoded.
    mutating func add<P: TaskParameters>(_ id: String, _ type: P.Type, canonical parameters: CanonicalValue,
                                         inputs: [TaskID] = [], files: [InputFile] = [], trains model: ProxyModel? = nil) -> TaskID {
        let flops = model.map { 6 * Double($0.size) * Double($0.tokens) } ?? 0
        let node = TaskNode(id: TaskID(id), kind: P.kind, version: P.kind.implementationVersion,
                            parameters: parameters, inputs: inputs, fileInputs: files.sorted(), trainingFLOPs: flops)
        nodes.append(node)
        return node.id
    }
}

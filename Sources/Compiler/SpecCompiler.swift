// Spec → task graph (DESIGN.md §2). Pure and deterministic: the same spec and domain facts
// always give the same graph, node order and parameters.
import SpecModel

/// The compiled form of a spec: the graph plus the roles of its tasks, so the engine and the
/// command line can find the outputs they need without parsing ids.
public struct CompiledSpec: Sendable, Equatable {
    public var graph: TaskGraph
    /// Prior weights in domain order (explicit, token share, or uniform).
    public var prior: [Double]
    /// Available tokens per domain in domain order (nil where unknown).
    public var domainTokens: [Int64?]
    /// The task that produces the swarm table (`sample`) or the imported runs (`import`).
    public var swarm: TaskID
    /// Training tasks of the swarm, in id order (empty when results are imported).
    public var trains: [TaskID]
    public var collect: TaskID
    /// One fit and one cross-validation per listed regressor, in the spec's order.
    public var fits: [TaskID]
    public var crossValidations: [TaskID]
    public var search: TaskID
    /// Verification trainings: (mixture name, seed index, task), found mixture first.
    public var verifications: [TaskID]
    public var report: TaskID
    /// What each train task trains: its model, mixture index and replicate seed.
    public var trainRuns: [TaskID: TrainRun]
    /// What each verify task trains: the mixture name, explicit weights (nil = the found mixture), seed.
    public var verifyRuns: [TaskID: VerifyRun]
}

/// One proxy training of the swarm.
public struct TrainRun: Sendable, Equatable {
    public var model: ProxyModel
    public var mixture: Int
    public var seed: Int
}

/// One verification training at target scale.
public struct VerifyRun: Sendable, Equatable {
    /// `found`, `prior`, `uniform`, or a named baseline.
    public var name: String
    /// Weights in domain order; nil for the found mixture (read from the search output).
    public var weights: [Double]?
    public var seed: Int
}

/// Compiles resolved specs into task graphs.
public enum SpecCompiler {
    /// Compiles `spec` with the facts the engine resolved about its domains. `builtinTrainerVersion`
    /// is the built-in trainer's implementation version (part of every builtin training key).
    public static func compile(_ spec: Spec, facts: DomainFactTable, builtinTrainerVersion: Int = 1) -> CompiledSpec {
        var nodes: [TaskNode] = []
        func add(_ id: String, _ kind: TaskKind, _ parameters: CanonicalValue, inputs: [TaskID] = [],
                 files: [String] = [], trains model: ProxyModel? = nil) -> TaskID {
            let flops = model.map { 6 * Double($0.size) * Double($0.tokens) } ?? 0
            let node = TaskNode(id: TaskID(id), kind: kind, version: kind.implementationVersion,
                                parameters: parameters, inputs: inputs, fileInputs: files.sorted(), trainingFLOPs: flops)
            nodes.append(node)
            return node.id
        }

        let domainNames = CanonicalValue.array(spec.domainNames.map(CanonicalValue.string))
        let prior = spec.priorWeights(facts: facts)
        let tokens = spec.availableTokens(facts: facts)
        let data = dataDigests(spec, facts)
        let trainer = ParameterEncoding.trainer(spec.proxies.trainer, builtinVersion: builtinTrainerVersion)
        let namesMatter: Bool = { if case .command = spec.proxies.trainer { return true } else { return false } }()

        // Swarm: sampled and trained, or imported.
        let swarm: TaskID
        var trains: [TaskID] = []
        var trainRuns: [TaskID: TrainRun] = [:]
        var verifyRuns: [TaskID: VerifyRun] = [:]
        if let results = spec.proxies.results {
            swarm = add("import", .importResults, .object([
                "domains": domainNames,
                "proxies": .object(["results": .object([
                    "mixtures": .string(results.mixtures), "metrics": .string(results.metrics),
                ])]),
            ]), files: [spec.resolvePath(results.mixtures), spec.resolvePath(results.metrics)])
        } else {
            let sampler = ParameterEncoding.sampler(spec.proxies.sampler)
            swarm = add("sample", .sample, .object([
                "domains": domainNames, "prior": ParameterEncoding.weights(prior),
                "proxies": .object(["count": .int(spec.proxies.count), "sampler": sampler]),
            ]))
            // A train task carries (sampler, prior, index), never the swarm table: mixture i must
            // not depend on `count`, so growing the swarm reuses every existing training.
            let width = max(4, String(max(spec.proxies.count - 1, 0)).count)
            for model in spec.proxies.models {
                for index in 0..<spec.proxies.count {
                    for seed in 0..<spec.proxies.seeds {
                        var parameters: [String: CanonicalValue] = [
                            "domains": domainNames, "prior": ParameterEncoding.weights(prior),
                            "proxies": .object([
                                "sampler": sampler, "trainer": trainer,
                                "model": ParameterEncoding.model(model, includeName: namesMatter),
                            ]),
                            "mixture": .int(index), "seed": .int(seed),
                        ]
                        if let data { parameters["data"] = data }
                        let id = add("train/\(model.name)/\(padded(index, width))/s\(seed)", .train, .object(parameters), trains: model)
                        trains.append(id)
                        trainRuns[id] = TrainRun(model: model, mixture: index, seed: seed)
                    }
                }
            }
        }

        let collect = add("collect", .collect, .object([
            "domains": domainNames,
            "proxies": .object([
                "models": .array(spec.proxies.models.map { .string($0.name) }),
                "seeds": .int(spec.proxies.seeds),
            ]),
        ]), inputs: [swarm] + trains)

        let metrics = CanonicalValue.array(spec.objective.expression.metricNames.map(CanonicalValue.string))
        var fits: [TaskID] = [], crossValidations: [TaskID] = []
        for kind in spec.regression.models {
            let regressor = ParameterEncoding.regressor(kind, spec.regression)
            fits.append(add("fit/\(kind.rawValue)", .fit, .object([
                "regression": regressor, "metrics": metrics,
            ]), inputs: [collect]))
            crossValidations.append(add("cross-validate/\(kind.rawValue)", .crossValidate, .object([
                "regression": .object(["folds": .int(spec.regression.folds), "seed": .uint(spec.regression.seed),
                                       "regressor": regressor]),
                "metrics": metrics,
            ]), inputs: [collect]))
        }

        let search = add("search", .search, .object([
            "domains": domainNames, "prior": ParameterEncoding.weights(prior), "tokens": ParameterEncoding.tokens(tokens),
            "objective": ParameterEncoding.objective(spec.objective),
            "search": .object([
                "candidates": .int(spec.search.candidates), "top_k": .int(spec.search.topK),
                "seed": .uint(spec.search.seed), "strength": .number(spec.search.strength),
                "bounds": ParameterEncoding.bounds(spec.search.bounds),
                "availability": ParameterEncoding.availability(spec.search.availability),
            ]),
        ]), inputs: fits + (fits.count > 1 ? crossValidations : []))

        var verifications: [TaskID] = []
        if let verify = spec.verify {
            let model = ParameterEncoding.model(verify.model, includeName: namesMatter)
            func verifyTask(_ name: String, weights: [Double]?, seed: Int) -> TaskID {
                var parameters: [String: CanonicalValue] = [
                    "domains": domainNames, "seed": .int(seed),
                    "verify": .object(["model": model, "trainer": trainer]),
                ]
                if let weights { parameters["mixture"] = ParameterEncoding.weights(weights) }
                if let data { parameters["data"] = data }
                let id = add("verify/\(name)/s\(seed)", .verify, .object(parameters), inputs: weights == nil ? [search] : [],
                             trains: verify.model)
                verifyRuns[id] = VerifyRun(name: name, weights: weights, seed: seed)
                return id
            }
            for seed in 0..<verify.seeds {
                verifications.append(verifyTask("found", weights: nil, seed: seed))
                for baseline in verify.baselines {
                    switch baseline {
                    case .prior: verifications.append(verifyTask("prior", weights: prior, seed: seed))
                    case .uniform:
                        let uniform = Array(repeating: 1.0 / Double(spec.domains.count), count: spec.domains.count)
                        verifications.append(verifyTask("uniform", weights: uniform, seed: seed))
                    case .mixture(let name, let weights):
                        verifications.append(verifyTask(name, weights: spec.domainNames.map { weights[$0] ?? 0 }, seed: seed))
                    }
                }
            }
        }

        // The report shows the spec's settings, so it reads the whole resolved spec (cheap to rerun).
        let report = add("report", .report, .object([
            "spec": spec.canonicalValue, "prior": ParameterEncoding.weights(prior),
        ]), inputs: [collect] + crossValidations + [search] + verifications)

        return CompiledSpec(graph: TaskGraph(nodes: nodes), prior: prior, domainTokens: tokens, swarm: swarm, trains: trains,
                            collect: collect, fits: fits, crossValidations: crossValidations, search: search,
                            verifications: verifications, report: report, trainRuns: trainRuns, verifyRuns: verifyRuns)
    }

    /// Domain content digests for the built-in trainer, which reads the data itself; a command
    /// trainer owns its data, so its keys carry the command instead.
    private static func dataDigests(_ spec: Spec, _ facts: DomainFactTable) -> CanonicalValue? {
        guard case .builtin = spec.proxies.trainer else { return nil }
        return .object(Dictionary(uniqueKeysWithValues: spec.domains.map { domain in
            (domain.name, facts[domain.name]?.contentDigest.map(CanonicalValue.string) ?? .null)
        }))
    }

    private static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

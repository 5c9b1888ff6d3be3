// The per-kind work of a mixspec run: sample, train, import, collect, fit, cross-validate,
// search, verify, report. Each kind reads only what its key covers (the compiler encodes
// exactly those spec fields) plus the verified outputs of its inputs.
import Compiler
import ContentStore
import Engine
import Foundation
import Launchers
import Methods
import SpecModel
import Trainer

/// Executes the tasks of one compiled spec.
public struct MixspecExecutor: TaskExecutor {
    public let spec: Spec
    public let compiled: CompiledSpec
    private let data: DomainData
    private let commandStandIn: CommandStandIn?

    /// Computes, in process, what the spec's training command would report: final metrics for
    /// (weights by domain, proxy model, seed). Used to fill a store fast (benchmarks); the records
    /// it produces are keyed exactly like the command's, so a later run finds them cached.
    public typealias CommandStandIn = @Sendable (_ weights: [(String, Double)], _ model: ProxyModel, _ seed: Int) throws -> [String: Double]

    /// An executor for `compiled`; with `commandStandIn`, train and verify tasks of a `command`
    /// trainer call it instead of launching the command.
    public init(spec: Spec, compiled: CompiledSpec, commandStandIn: CommandStandIn? = nil) {
        self.spec = spec
        self.compiled = compiled
        self.data = DomainData(spec: spec)
        self.commandStandIn = commandStandIn
    }

    public func describe(_ task: TaskNode) -> String {
        switch (task.kind, spec.proxies.trainer) {
        case (.train, .command(let argv, _)), (.verify, .command(let argv, _)): return argv.joined(separator: " ")
        case (.train, .builtin), (.verify, .builtin): return "builtin trainer"
        default: return "mixspec \(task.kind.rawValue)"
        }
    }

    public func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data {
        switch task.kind {
        case .sample: return try PayloadCoding.encode(sample())
        case .train:
            guard let run = compiled.trainRuns[task.id] else { throw EngineError.taskFailed("unknown train task \(task.id)") }
            let weights = try sampler().mixture(at: run.mixture)
            return try PayloadCoding.encode(await train(weights: weights, model: run.model, seed: run.seed, id: task.id, context: context))
        case .importResults: return try PayloadCoding.encode(importRuns(context: context))
        case .collect: return try PayloadCoding.encode(collect(inputs))
        case .fit: return try PayloadCoding.encode(fit(task, inputs))
        case .crossValidate: return try PayloadCoding.encode(crossValidate(task, inputs))
        case .search: return try PayloadCoding.encode(search(inputs, context: context))
        case .verify:
            guard let run = compiled.verifyRuns[task.id], let verify = spec.verify else {
                throw EngineError.taskFailed("unknown verify task \(task.id)")
            }
            let weights = try run.weights ?? PayloadCoding.decode(SearchPayload.self, from: inputs[compiled.search], task: "search").weights
            return try PayloadCoding.encode(await train(weights: weights, model: verify.model, seed: run.seed, id: task.id, context: context))
        case .report:
            let summary = try SummaryBuilder(spec: spec, compiled: compiled, inputs: inputs).summary()
            return try summary.jsonData()
        }
    }

    // MARK: swarm

    private func sampler() throws -> SwarmSampler {
        let s = spec.proxies.sampler
        return try SwarmSampler(SwarmSamplerParameters(
            prior: compiled.prior, temperature: s.temperature, minStrength: s.strength.lowerBound,
            maxStrength: s.strength.upperBound, maxUsage: s.maxUsage, minWeight: s.minWeight, seed: s.seed))
    }

    private func sample() throws -> SwarmPayload {
        SwarmPayload(domains: spec.domainNames, mixtures: try sampler().mixtures(0..<spec.proxies.count))
    }

    private func train(weights: [Double], model: ProxyModel, seed: Int, id: TaskID, context: TaskContext) async throws -> TrainPayload {
        switch spec.proxies.trainer {
        case .builtin:
            let corpora = try data.corpora()
            let configuration = TrainerConfiguration(size: model.size, tokens: model.tokens, seed: UInt64(seed))
            context.log.write("mixspec: builtin trainer, \(model.size) parameters requested, \(model.tokens) tokens, seed \(seed)")
            let result = try BuiltinTrainer.train(corpora: corpora, weights: weights, configuration: configuration,
                                                  isCancelled: { Task.isCancelled })
            context.log.write("mixspec: trained \(result.parameterCount) parameters on \(result.tokens) tokens in \(result.stepCount) steps")
            for (name, value) in result.metrics.sorted(by: { $0.key < $1.key }) { context.log.write("  \(name) = \(value)") }
            return TrainPayload(
                weights: weights, metrics: result.metrics,
                steps: result.steps.map { StepPayload(step: Int64($0.step), tokens: $0.tokens, metrics: $0.metrics) },
                parameterCount: result.parameterCount, epochs: result.epochs)
        case .command(let argv, _):
            if let standIn = commandStandIn {
                let metrics = try standIn(Array(zip(spec.domainNames, weights)), model, seed)
                return TrainPayload(weights: weights, metrics: metrics, steps: [], parameterCount: nil, epochs: nil)
            }
            let metrics = try await CommandTrainer.run(
                argv: argv, weights: Array(zip(spec.domainNames, weights)), model: (model.name, model.size),
                tokens: model.tokens, seed: seed, runID: id.rawValue, workingDirectory: spec.baseDirectory, context: context)
            return TrainPayload(
                weights: weights, metrics: metrics.metrics,
                steps: metrics.steps.map { StepPayload(step: $0.step, tokens: $0.tokens, metrics: $0.metrics) },
                parameterCount: nil, epochs: nil)
        }
    }

    private func importRuns(context: TaskContext) throws -> RunTablePayload {
        guard let results = spec.proxies.results else { throw EngineError.taskFailed("the spec imports no results") }
        let imported = try ImportedRuns.load(mixturesPath: spec.resolvePath(results.mixtures), metricsPath: spec.resolvePath(results.metrics))
        for warning in imported.warnings { context.log.write("warning: \(warning)") }
        let columns = try ImportedColumns.match(domains: spec.domainNames, columns: imported.mixtures.columns, file: results.mixtures)
        let metricNames = imported.metrics.columns
        let runs = imported.mixtures.runIDs.enumerated().map { (i, id) in
            let row = imported.mixtures.rows[i]
            let metricRow = imported.metrics.rows[i]
            var metrics: [String: Double] = [:]
            for (j, name) in metricNames.enumerated() { metrics[name] = metricRow[j] }
            return RunRow(id: id, weights: columns.map { row[$0] }, metrics: metrics)
        }
        return RunTablePayload(domains: spec.domainNames, metrics: metricNames.sorted(), runs: runs)
    }

    /// The first proxy model's runs, averaged over seeds, one row per mixture (or the imported runs).
    private func collect(_ inputs: [TaskID: Data]) throws -> RunTablePayload {
        if spec.proxies.results != nil {
            return try PayloadCoding.decode(RunTablePayload.self, from: inputs[compiled.swarm], task: compiled.swarm.rawValue)
        }
        let swarm = try PayloadCoding.decode(SwarmPayload.self, from: inputs[compiled.swarm], task: compiled.swarm.rawValue)
        guard let model = spec.proxies.models.first else { throw EngineError.taskFailed("the spec has no proxy model") }
        var byMixture: [Int: [TrainPayload]] = [:]
        for id in compiled.trains {
            guard let run = compiled.trainRuns[id], run.model == model else { continue }
            let payload = try PayloadCoding.decode(TrainPayload.self, from: inputs[id], task: id.rawValue)
            guard payload.weights == swarm.mixtures[run.mixture] else {
                throw EngineError.taskFailed("\(id) trained on weights that differ from mixture \(run.mixture) of the swarm")
            }
            byMixture[run.mixture, default: []].append(payload)
        }
        let width = max(4, String(max(swarm.mixtures.count - 1, 0)).count)
        var rows: [RunRow] = []
        for index in swarm.mixtures.indices {
            guard let replicates = byMixture[index], !replicates.isEmpty else { continue }
            let names = replicates.map { Set($0.metrics.keys) }.reduce(Set(replicates[0].metrics.keys)) { $0.intersection($1) }
            var mean: [String: Double] = [:]
            for name in names { mean[name] = replicates.map { $0.metrics[name]! }.reduce(0, +) / Double(replicates.count) }
            rows.append(RunRow(id: String(repeating: "0", count: max(0, width - String(index).count)) + String(index),
                               weights: swarm.mixtures[index], metrics: mean))
        }
        let common = rows.map { Set($0.metrics.keys) }.reduce(rows.first.map { Set($0.metrics.keys) } ?? []) { $0.intersection($1) }
        return RunTablePayload(domains: spec.domainNames, metrics: common.sorted(), runs: rows)
    }

    // MARK: regression

    private func regressor(for task: TaskNode) throws -> RegressorSpec {
        let name = task.id.rawValue.split(separator: "/").last.map(String.init) ?? ""
        guard let kind = RegressorKind(rawValue: name) else { throw EngineError.taskFailed("unknown regressor in \(task.id)") }
        return RegressorChoice.spec(kind, spec.regression)
    }

    private func trainingData(_ inputs: [TaskID: Data]) throws -> (Matrix, [String: [Double]], RunTablePayload) {
        let table = try PayloadCoding.decode(RunTablePayload.self, from: inputs[compiled.collect], task: "collect")
        let needed = spec.objective.expression.metricNames
        for name in needed where !table.metrics.contains(name) {
            throw EngineError.taskFailed("the objective needs metric '\(name)', which the proxy runs do not report; they report: \(table.metrics.joined(separator: ", "))")
        }
        guard !table.runs.isEmpty else { throw EngineError.taskFailed("no proxy runs to learn from") }
        let x = try Matrix(rowArrays: table.runs.map(\.weights))
        var targets: [String: [Double]] = [:]
        for name in needed { targets[name] = table.runs.map { $0.metrics[name]! } }
        return (x, targets, table)
    }

    private func fit(_ task: TaskNode, _ inputs: [TaskID: Data]) throws -> FitPayload {
        let regressor = try regressor(for: task)
        let (x, targets, _) = try trainingData(inputs)
        var models: [String: FittedModel] = [:]
        for (name, y) in targets.sorted(by: { $0.key < $1.key }) { models[name] = try regressor.fit(x, y) }
        return FitPayload(regressor: regressor.name, models: models)
    }

    private func crossValidate(_ task: TaskNode, _ inputs: [TaskID: Data]) throws -> CrossValidationPayload {
        let regressor = try regressor(for: task)
        let (x, targets, table) = try trainingData(inputs)
        let report = try CrossValidation.run(regressor, x: x, targets: targets, folds: spec.regression.folds, seed: spec.regression.seed)
        let formula = spec.objective.expression.formula
        let predicted = try formula.evaluate(columns: report.outOfFold, count: x.rows)
        let actual = try formula.evaluate(columns: targets, count: x.rows)
        let score = AgreementScore(predicted: predicted, observed: actual)
        let points = table.runs.indices.map { ObjectivePoint(run: table.runs[$0].id, predicted: predicted[$0], actual: actual[$0]) }
        return CrossValidationPayload(regressor: regressor.name, folds: spec.regression.folds, scores: report.scores.mapValues(AgreementScore.init),
                                      objective: score, points: points)
    }

    // MARK: search

    private func search(_ inputs: [TaskID: Data], context: TaskContext) throws -> SearchPayload {
        let (chosen, scores) = try RegressorSelection.chosenFit(compiled) { inputs[$0] }
        if !scores.isEmpty {
            context.log.write("mixspec: regressor chosen by CV objective Spearman: \(chosen) (\(scores.map { String(format: "%.4f", $0) }.joined(separator: ", ")))")
        }
        let fit = try PayloadCoding.decode(FitPayload.self, from: inputs[chosen], task: chosen.rawValue)
        let s = spec.search
        let names = spec.domainNames
        let lower = names.map { s.bounds[$0]?.lowerBound ?? 0 }
        let upper = names.map { s.bounds[$0]?.upperBound ?? 1 }
        var availability: Methods.Availability?
        if let a = s.availability {
            // A domain whose size is unknown is not limited by availability.
            let tokens = compiled.domainTokens.map { $0.map(Double.init) ?? .infinity }
            availability = Methods.Availability(tokens: tokens, targetTokens: Double(a.targetTokens), maxEpochs: a.maxEpochs)
        }
        let parameters = SearchParameters(
            prior: compiled.prior, candidates: s.candidates, topK: s.topK, seed: s.seed,
            minStrength: s.strength, maxStrength: s.strength, strengthCount: 1,
            lowerBounds: lower, upperBounds: upper, availability: availability)
        let result = try MixtureSearch.run(parameters, models: fit.models, objective: spec.objective.evaluable)
        context.log.write("mixspec: \(result.accepted) of \(result.drawn) candidates satisfy the constraints")
        return SearchPayload(regressor: fit.regressor, weights: result.weights, objective: result.objective, metrics: result.metrics,
                             priorObjective: result.priorObjective, uniformObjective: result.uniformObjective,
                             top: result.top.map(\.weights), topObjectives: result.top.map(\.objective),
                             drawn: result.drawn, accepted: result.accepted)
    }
}

/// The methods library's regressor for a spec regressor kind and its settings.
enum RegressorChoice {
    static func spec(_ kind: RegressorKind, _ r: Regression) -> RegressorSpec {
        switch kind {
        case .linear: return .linear(LinearOptions(ridge: r.linear.ridge))
        case .gbdt:
            let g = r.gbdt
            var o = GBDTOptions()
            o.iterations = g.iterations; o.learningRate = g.learningRate; o.numLeaves = g.leaves
            o.minDataInLeaf = g.minSamplesLeaf; o.maxBin = g.bins; o.minSumHessianInLeaf = g.minSumHessian
            return .gbdt(o)
        case .mixingLaw:
            let m = r.mixingLaw
            return .mixingLaw(MixingLawOptions(huberDelta: m.huberDelta, starts: m.starts, seed: m.seed))
        }
    }
}

// `train` and `verify`: one training run on the built-in trainer or through the user's command.
import Compiler
import ContentStore
import Engine
import Foundation
import Launchers
import Trainer

/// What a training task needs besides its parameters: where it runs, the loaded corpora, and its context.
struct Training {
    let workingDirectory: String
    let corpora: CorpusCache
    let commandStandIn: MixspecExecutor.CommandStandIn?
    /// Where a command trainer's runs go (this machine unless a launcher says otherwise).
    let launcher: any TrainingLauncher
    let context: TaskContext

    /// A proxy run: its mixture recomputed from (sampler, prior, index).
    func train(_ p: TrainParameters) async throws -> TrainPayload {
        let weights = try SampleTask.swarmSampler(p.proxies.sampler, prior: p.prior).mixture(at: p.mixture)
        return try OutputValidation.check(await run(domains: p.domains, weights: weights, model: p.proxies.model,
                                                    trainer: p.proxies.trainer, seed: p.seed, data: p.data, runID: p.run, kind: "train"))
    }

    /// A target-scale run: explicit weights, or the found mixture from input 0 (`search`).
    func verify(_ p: VerifyParameters, _ upstream: [Data]) async throws -> TrainPayload {
        let weights: [Double]
        if let mixture = p.mixture {
            weights = mixture
        } else {
            weights = try PayloadCoding.decode(SearchPayload.self, from: upstream.first, task: "search").weights
        }
        return try OutputValidation.check(await run(domains: p.domains, weights: weights, model: p.verify.model,
                                                    trainer: p.verify.trainer, seed: p.seed, data: p.data, runID: p.run, kind: "verify"))
    }

    private func run(domains: [String], weights: [Double], model: ModelSettings, trainer: TrainerSettings, seed: Int,
                     data: [String: DomainDataSettings]?, runID: String?, kind: String) async throws -> TrainPayload {
        guard weights.count == domains.count else {
            throw EngineError.taskFailed("mixture has \(weights.count) weights for \(domains.count) domains")
        }
        switch trainer {
        case .builtin:
            guard let data else { throw EngineError.taskFailed("the built-in trainer needs the domains' data") }
            let loaded = try corpora.corpora(domains: domains, data: data)
            let configuration = TrainerConfiguration(size: model.size, tokens: model.tokens, seed: UInt64(seed))
            context.log.write("mixspec: builtin trainer, \(model.size) parameters requested, \(model.tokens) tokens, seed \(seed)")
            let result = try BuiltinTrainer.train(corpora: loaded, weights: weights, configuration: configuration,
                                                  isCancelled: { Task.isCancelled })
            context.log.write("mixspec: trained \(result.parameterCount) parameters on \(result.tokens) tokens in \(result.stepCount) steps")
            for (name, value) in result.metrics.sorted(by: { $0.key < $1.key }) { context.log.write("  \(name) = \(value)") }
            return TrainPayload(
                weights: weights, metrics: result.metrics,
                steps: result.steps.map { StepPayload(step: Int64($0.step), tokens: $0.tokens, metrics: $0.metrics) },
                parameterCount: result.parameterCount, epochs: result.epochs)
        case .command(let argv):
            let named = Array(zip(domains, weights))
            if let commandStandIn {
                return TrainPayload(weights: weights, metrics: try commandStandIn(named, model, seed), steps: [],
                                    parameterCount: nil, epochs: nil)
            }
            let metrics = try await launcher.launch(LaunchRequest(
                argv: argv, weights: named, modelName: model.name ?? "", modelSize: model.size, tokens: model.tokens, seed: seed,
                runID: runID ?? "", workingDirectory: workingDirectory, kind: kind), context: context)
            return TrainPayload(
                weights: weights, metrics: metrics.metrics,
                steps: metrics.steps.map { StepPayload(step: $0.step, tokens: $0.tokens, metrics: $0.metrics) },
                parameterCount: nil, epochs: nil)
        }
    }
}

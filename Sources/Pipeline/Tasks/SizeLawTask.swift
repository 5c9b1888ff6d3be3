// `size-law`: Data Mixing Laws' L(N) = E + (N0/N)^α across the proxy sizes, fitted to each proxy's
// step law at the target's tokens and evaluated at the target size, with intervals that carry the
// step laws' bootstrap forward (Methods' ScalingChain).
import Compiler
import ContentStore
import Foundation
import Methods

enum SizeLawTask {
    static func run(_ p: SizeLawParameters, _ upstream: [Data]) throws -> SizeLawPayload {
        guard upstream.count == p.sizes.count else {
            throw EngineError.taskFailed("size law of mixture \(p.mixture) has \(upstream.count) step laws for \(p.sizes.count) proxy sizes")
        }
        let steps = try upstream.map { try PayloadCoding.decode(StepLawPayload.self, from: $0, task: "step-law of mixture \(p.mixture)") }
        let common = steps.dropFirst().reduce(Set(steps.first?.metrics ?? [])) { $0.intersection($1.metrics) }.sorted()
        guard !common.isEmpty else { throw EngineError.taskFailed("mixture \(p.mixture): the proxy models' step laws share no metric") }
        let inputs = zip(steps, p.sizes).map { (step, size) -> StepLawInput in
            let curves = common.compactMap { step.metrics.firstIndex(of: $0) }
            func select(_ law: SharedPowerLaw) -> SharedPowerLaw { SharedPowerLaw(alpha: law.alpha, curves: curves.map { law.curves[$0] }) }
            let last = step.result.tokens.indices.last ?? 0
            return StepLawInput(size: Double(size), law: select(step.result.fit.law), replicates: step.result.replicates.map(select),
                                finalTokens: step.result.tokens.last ?? 0,
                                finalMetrics: curves.map { step.result.observed[$0].indices.contains(last) ? step.result.observed[$0][last] : .nan })
        }
        let options = PowerLawFitOptions(huberDelta: p.scaling.huberDelta)
        let b = p.scaling.bootstrap
        do {
            let result = try ScalingChain.sizeLaw(models: inputs, targetSize: Double(p.scaling.target.size),
                                                  targetTokens: Double(p.scaling.target.tokens), options: options,
                                                  bootstrap: BootstrapOptions(samples: b.samples, seed: b.seed, level: b.level))
            for (name, interval) in zip(common, result.target) where !(interval.estimate.isFinite && abs(interval.estimate) <= OutputValidation.plausibleMagnitude) {
                throw EngineError.taskFailed("mixture \(p.mixture): the size law predicts \(name) = \(interval.estimate) at the target scale, not a usable loss")
            }
            return SizeLawPayload(mixture: p.mixture, metrics: common, sizes: p.sizes.map(Double.init), result: result)
        } catch let error as MethodsError {
            throw EngineError.taskFailed("mixture \(p.mixture): \(error)")
        }
    }
}

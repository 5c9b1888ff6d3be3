// The scaling-summary payload as the report's `ScalingSummary` (Reporting knows no Methods types).
import Compiler
import Foundation
import Methods
import Reporting
import SpecModel

enum ScalingReport {
    static func summary(_ p: ScalingSummaryPayload, names: [String]) throws -> ScalingSummary {
        func interval(_ i: Interval) -> ScalingInterval { ScalingInterval(estimate: i.estimate, low: i.low, high: i.high) }
        let models = p.models.map { ScalingModel(name: $0.name, size: Double($0.size), tokens: Double($0.tokens)) }
        let mixtures = p.mixtures.map { m -> ScalingMixture in
            let steps = zip(m.steps, p.models).map { (step, model) -> StepLawSummary in
                let fit = step.result.fit
                return StepLawSummary(
                    model: model.name, metrics: step.metrics, alpha: interval(step.result.alpha),
                    irreducible: fit.law.curves.map(\.irreducible), scale: fit.law.curves.map(\.scale),
                    converged: fit.converged, agreeingStarts: fit.agreeingStarts, starts: fit.starts,
                    fittedTokens: step.result.tokens,
                    checkpoints: step.checkpoints.map { c in
                        CheckpointSummary(tokens: Double(c.tokens), metrics: c.metrics.filter { m.metrics.contains($0.key) && $0.value.isFinite })
                    })
            }
            let r = m.size
            return ScalingMixture(run: m.run, metrics: m.metrics, steps: steps, size: SizeLawSummary(
                alpha: interval(r.alpha), irreducible: r.irreducible.map(interval), scale: r.scale.map(interval),
                observed: r.observed, target: r.target.map(interval), converged: r.fit.converged, leaveOneOut: r.leaveOneOut))
        }
        var leaveOneOut: [String: Double]? = nil
        let withLOO = p.mixtures.filter { $0.size.leaveOneOut != nil }
        if !withLOO.isEmpty {
            var sums: [String: (Double, Int)] = [:]
            for m in withLOO {
                for (k, name) in m.metrics.enumerated() {
                    guard let e = m.size.leaveOneOut?[k], e.isFinite else { continue }
                    let old = sums[name] ?? (0, 0)
                    sums[name] = (old.0 + abs(e), old.1 + 1)
                }
            }
            leaveOneOut = sums.mapValues { $0.0 / Double(max($0.1, 1)) }
        }
        let f = SpecNumberFormat.self
        return ScalingSummary(
            target: "\(f.compactCount(p.target.size)) params, \(f.compactCount(p.target.tokens)) tokens",
            targetSize: Double(p.target.size), targetTokens: Double(p.target.tokens), level: p.level,
            regressor: p.regressor, refits: p.refits, models: models,
            predictions: p.predictions.map { ScalingPrediction(name: $0.name, objective: interval($0.objective), metrics: $0.metrics.mapValues(interval)) },
            leaveOneOut: leaveOneOut, mixtures: mixtures)
    }
}

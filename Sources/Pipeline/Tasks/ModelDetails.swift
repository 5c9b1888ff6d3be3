// `fit`'s account of each fitted model per domain (issue 14): linear slopes with bootstrap intervals,
// mixing-law parameters, gbdt split gain and partial dependence. Computed where the training rows
// are (the fit task), stored with the models, and shown by the report and `mixspec model`.
import Methods
import Reporting

enum ModelDetails {
    /// The summary of `models` (keyed by target metric), fitted on `x` (columns = `domains`) and `targets`.
    static func summarise(_ regressor: RegressorSpec, models: [String: FittedModel], x: Matrix, targets: [String: [Double]],
                          domains: [String]) throws -> FittedModelSummary {
        func keyed(_ values: [Double]) -> [String: Double] { Dictionary(zip(domains, values), uniquingKeysWith: { a, _ in a }) }
        var summaries: [ModelTargetSummary] = []
        for (target, model) in models.sorted(by: { $0.key < $1.key }) {
            guard let y = targets[target] else { continue }
            var summary = ModelTargetSummary(target: target)
            switch model {
            case .linear(let m):
                let options: LinearOptions
                if case .linear(let o) = regressor { options = o } else { options = LinearOptions() }
                let inspection = try ModelInspection.linear(m, x: x, y: y, options: options)
                func interval(_ e: BootstrapEstimate) -> EstimateInterval { EstimateInterval(value: e.value, low: e.low, high: e.high) }
                summary.linear = LinearModelSummary(
                    intercept: interval(inspection.intercept),
                    coefficients: Dictionary(zip(domains, inspection.coefficients.map(interval)), uniquingKeysWith: { a, _ in a }),
                    rank: inspection.rank, resamples: inspection.resamples)
            case .mixingLaw(let m):
                summary.mixingLaw = MixingLawSummary(c: m.c, k: m.k, t: keyed(m.t))
            case .gbdt(let m):
                let gain = try ModelInspection.gain(m, x: x, y: y)
                var curves: [String: [CurvePoint]] = [:]
                for (j, domain) in domains.enumerated() where j < x.columns {
                    let pd = try ModelInspection.partialDependence(model, x: x, feature: j)
                    curves[domain] = zip(pd.grid, pd.mean).map { CurvePoint(x: $0, y: $1) }
                }
                summary.gbdt = GBDTModelSummary(gain: keyed(gain), trees: m.trees.count, partialDependence: curves)
            }
            summaries.append(summary)
        }
        return FittedModelSummary(regressor: regressor.name, targets: summaries)
    }
}

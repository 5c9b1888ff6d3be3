// `scaling-summary`: the nested pipeline's laws per mixture, and the predicted target-scale objective
// of the found mixture, the prior and uniform with bootstrap intervals (ObjectiveBootstrap).
import Compiler
import ContentStore
import Foundation
import Methods

enum ScalingSummaryTask {
    static func run(_ p: ScalingSummaryParameters, _ upstream: [Data]) throws -> ScalingSummaryPayload {
        let table = try PayloadCoding.decode(RunTablePayload.self, from: upstream.first, task: "collect")
        let search = try PayloadCoding.decode(SearchPayload.self, from: upstream.count > 1 ? upstream[1] : nil, task: "search")
        let mixtures = table.runs.count, models = p.models.count
        guard upstream.count == 2 + mixtures * (1 + models) else {
            throw EngineError.taskFailed("scaling-summary has \(upstream.count) inputs; expected 2 + \(mixtures) size laws + \(mixtures * models) step laws")
        }
        let sizes = try upstream[2..<(2 + mixtures)].map { try PayloadCoding.decode(SizeLawPayload.self, from: $0, task: "size-law") }
        let steps = try upstream[(2 + mixtures)...].map { data -> StepLawPayload in
            var step = try PayloadCoding.decode(StepLawPayload.self, from: data, task: "step-law")
            step.result.replicates = []  // the report shows intervals, not every replicate
            return step
        }
        let laws = table.runs.indices.map { i in
            var size = sizes[i].result
            size.replicates = []
            return ScalingSummaryPayload.Mixture(run: table.runs[i].id, weights: table.runs[i].weights, metrics: sizes[i].metrics,
                                                 steps: (0..<models).map { steps[$0 * mixtures + i] }, size: size)
        }

        guard let settings = p.regressors.first(where: { $0.model == search.regressor }) ?? p.regressors.first else {
            throw EngineError.taskFailed("scaling-summary has no regressor settings")
        }
        let regressor = try RegressorChoice.spec(settings)
        let objective = try p.objective.parsed()
        let formula = objective.expression.formula
        let uniform = [Double](repeating: 1 / Double(max(p.domains.count, 1)), count: p.domains.count)
        let named: [(String, [Double], Double)] = [("found", search.weights, search.objective),
                                                  ("prior", p.prior, search.priorObjective),
                                                  ("uniform", uniform, search.uniformObjective)]
        let x = try Matrix(rowArrays: named.map(\.1))
        let boot = try ObjectiveBootstrap.run(table: table, regressor: regressor, formula: formula, at: x, refits: p.refits)
        let central = try regressor.fitCentral(table: table, metrics: formula.metricNames, at: x)
        let level = p.scaling.bootstrap.level
        let predictions = named.enumerated().map { (i, entry) in
            ScalingSummaryPayload.Prediction(
                name: entry.0, weights: entry.1,
                objective: .percentile(estimate: entry.2, samples: boot.objective[i], level: level),
                metrics: Dictionary(uniqueKeysWithValues: formula.metricNames.map { name in
                    (name, Interval.percentile(estimate: central[name]?[i] ?? .nan, samples: boot.metrics[name]?[i] ?? [], level: level))
                }))
        }
        return ScalingSummaryPayload(regressor: search.regressor, models: p.models, target: p.scaling.target, level: level,
                                     mixtures: laws, predictions: predictions,
                                     refits: boot.objective.first?.count ?? 0)
    }
}

extension RegressorSpec {
    /// Each metric's prediction at `x` by the regressor fitted to the central target-scale losses.
    func fitCentral(table: RunTablePayload, metrics: [String], at x: Matrix) throws -> [String: [Double]] {
        let train = try Matrix(rowArrays: table.runs.map(\.weights))
        var out: [String: [Double]] = [:]
        for name in metrics {
            let y = try table.runs.map { run in
                guard let v = run.metrics[name] else { throw EngineError.taskFailed("run \(run.id) lacks metric '\(name)'") }
                return v
            }
            out[name] = try fit(train, y).predict(x)
        }
        return out
    }
}

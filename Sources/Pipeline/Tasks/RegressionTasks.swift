// `fit` and `cross-validate`: regressors from mixture weights to the objective's metrics.
import Compiler
import ContentStore
import Foundation
import Methods

enum RegressionTasks {
    static func fit(_ p: FitParameters, _ upstream: [Data]) throws -> FitPayload {
        let regressor = try RegressorChoice.spec(p.regression)
        let (x, targets, table) = try trainingData(metrics: p.metrics, upstream)
        var models: [String: FittedModel] = [:]
        for (name, y) in targets.sorted(by: { $0.key < $1.key }) { models[name] = try regressor.fit(x, y) }
        let checked = try OutputValidation.check(FitPayload(regressor: regressor.name, models: models), on: x)
        let details = try ModelDetails.summarise(regressor, models: checked.models, x: x, targets: targets, domains: table.domains)
        return FitPayload(regressor: checked.regressor, models: checked.models, details: details)
    }

    static func crossValidate(_ p: CrossValidateParameters, _ upstream: [Data]) throws -> CrossValidationPayload {
        let regressor = try RegressorChoice.spec(p.regression.regressor)
        let (x, targets, table) = try trainingData(metrics: p.metrics, upstream)
        let report = try CrossValidation.run(regressor, x: x, targets: targets, folds: p.regression.folds, seed: p.regression.seed)
        let formula = try p.objective.parsed().expression.formula
        let predicted = try formula.evaluate(columns: report.outOfFold, count: x.rows)
        let actual = try formula.evaluate(columns: targets, count: x.rows)
        let runs = table.runs.map(\.id)
        try OutputValidation.checkObjective(actual, runs: runs, what: "of the observed metrics")
        try OutputValidation.checkObjective(predicted, runs: runs, what: "predicted out of fold")
        let score = AgreementScore(predicted: predicted, observed: actual)
        let points = table.runs.indices.map { ObjectivePoint(run: table.runs[$0].id, predicted: predicted[$0], actual: actual[$0]) }
        return CrossValidationPayload(regressor: regressor.name, folds: p.regression.folds,
                                      scores: report.scores.mapValues(AgreementScore.init), objective: score, points: points,
                                      predictions: report.outOfFold)
    }

    /// The weights matrix and one target column per metric, from `collect` (input 0).
    private static func trainingData(metrics needed: [String], _ upstream: [Data]) throws -> (Matrix, [String: [Double]], RunTablePayload) {
        let table = try PayloadCoding.decode(RunTablePayload.self, from: upstream.first, task: "collect")
        for name in needed where !table.metrics.contains(name) {
            let lacking = table.runs.filter { $0.metrics[name] == nil }.map(\.id)
            if lacking.count < table.runs.count, let first = lacking.first {
                let shown = lacking.prefix(10).joined(separator: ", ") + (lacking.count > 10 ? ", …" : "")
                throw EngineError.taskFailed("the objective needs metric '\(name)', which \(lacking.count) of \(table.runs.count) proxy runs did not report (\(shown)); "
                    + "fix the trainer, or rerun those trainings, e.g. `mixspec run SPEC --rerun 'train/*/\(first)/*'`")
            }
            throw EngineError.taskFailed("the objective needs metric '\(name)', which the proxy runs do not report; they report: \(table.metrics.joined(separator: ", "))")
        }
        guard !table.runs.isEmpty else { throw EngineError.taskFailed("no proxy runs to learn from") }
        let x = try Matrix(rowArrays: table.runs.map(\.weights))
        var targets: [String: [Double]] = [:]
        for name in needed {
            targets[name] = try table.runs.map { run in
                guard let value = run.metrics[name] else { throw EngineError.taskFailed("run \(run.id) lacks metric '\(name)'") }
                return value
            }
        }
        return (x, targets, table)
    }
}

/// The methods library's regressor for a regressor's settings.
enum RegressorChoice {
    static func spec(_ r: RegressorSettings) throws -> RegressorSpec {
        if let l = r.linear { return .linear(LinearOptions(ridge: l.ridge)) }
        if let g = r.gbdt {
            var o = GBDTOptions()
            o.iterations = g.iterations; o.learningRate = g.learningRate; o.numLeaves = g.leaves
            o.minDataInLeaf = g.minSamplesLeaf; o.maxBin = g.bins; o.minSumHessianInLeaf = g.minSumHessian
            return .gbdt(o)
        }
        if let m = r.mixingLaw { return .mixingLaw(MixingLawOptions(huberDelta: m.huberDelta, starts: m.starts, seed: m.seed)) }
        throw EngineError.taskFailed("regressor '\(r.model)' has no settings")
    }
}

// `mixspec predict`: the objective predicted by the fitted regressor the search uses.
import Compiler
import ContentStore
import Foundation
import Methods
import SpecModel

struct Predictor {
    let spec: Spec
    let compiled: CompiledSpec
    let output: (TaskID) -> Data?

    /// Predictions in row order, and the warnings about the input (rows that were renormalised).
    func predict(csv path: String, interval: Bool = false) throws -> Predictions {
        let table = try RunTable.load(path: path)
        let columns = try ImportedColumns.match(domains: spec.domainNames, columns: table.columns, file: path)
        // The same rule as imported runs: negatives and far-off sums are errors, small deviations renormalised.
        var rows = table.rows.map { row in columns.map { row[$0] } }
        let checked = MixtureRows.normalise(&rows, runIDs: table.runIDs, columns: spec.domainNames, locations: table.rowLocations)
        if !checked.errors.isEmpty { throw CSVImportError(diagnostics: checked.errors) }
        let choice = try RegressorSelection.chosen(fits: compiled.fits.count, crossValidations: compiled.crossValidations.map(output))
        let chosen = compiled.fits[choice.index]
        let fit = try PayloadCoding.decode(FitPayload.self, from: output(chosen), task: chosen.rawValue)
        let x = try Matrix(rowArrays: rows)
        var predicted: [String: [Double]] = [:]
        for (metric, model) in fit.models { predicted[metric] = try model.predict(x) }
        let objective = try spec.objective.expression.formula.evaluate(columns: predicted, count: x.rows)
        if let bad = objective.indices.first(where: { !objective[$0].isFinite }) {
            throw EngineError.taskFailed("\(path): the predicted objective of \(table.runIDs[bad]) is \(objective[bad]); it must be finite (a division by zero in the objective?)")
        }
        var result = Predictions(rows: Array(zip(table.runIDs, objective)), warnings: checked.warning.map { ["\($0)"] } ?? [])
        result.metrics = predicted
        if interval { result.intervals = try intervals(x: x, kind: spec.regression.models[choice.index]) }
        return result
    }

    /// With `scaling`: bootstrap intervals of the objective and each metric at `x`, from the chosen
    /// regressor refitted on the replicates of the target-scale losses that collect holds.
    private func intervals(x: Matrix, kind: RegressorKind) throws -> PredictionIntervals {
        guard let scaling = spec.scaling else {
            throw EngineError.taskFailed("--interval needs a 'scaling' section: the intervals come from the bootstrap of its step and size laws")
        }
        let table = try PayloadCoding.decode(RunTablePayload.self, from: output(compiled.collect), task: compiled.collect.rawValue)
        let formula = spec.objective.expression.formula
        let regressor = try RegressorChoice.spec(RegressorSettings(kind, spec.regression))
        let boot = try ObjectiveBootstrap.run(table: table, regressor: regressor, formula: formula, at: x,
                                             refits: min(scaling.bootstrapSamples, ScalingSummaryParameters.maximumRefits))
        func bounds(_ samples: [[Double]]) -> [(Double, Double)] {
            samples.map { s in
                let i = Interval.percentile(estimate: .nan, samples: s, level: scaling.level)
                return (i.low, i.high)
            }
        }
        return PredictionIntervals(objective: bounds(boot.objective), metrics: boot.metrics.mapValues(bounds), level: scaling.level)
    }
}

/// Bootstrap bounds per predicted row (`predict --interval`).
public struct PredictionIntervals: Sendable {
    /// (low, high) of the objective, one per row.
    public var objective: [(Double, Double)]
    /// (low, high) of each metric, one per row.
    public var metrics: [String: [(Double, Double)]]
    /// Coverage, e.g. 0.95.
    public var level: Double
}

/// What `predict` returns: (run id, predicted objective) rows and warnings about the input.
public struct Predictions: Sendable {
    public var rows: [(String, Double)]
    public var warnings: [String]
    /// Each predicted metric, one value per row (`predict --metrics`).
    public var metrics: [String: [Double]] = [:]
    /// Bootstrap bounds (`predict --interval`, with `scaling`).
    public var intervals: PredictionIntervals?
}

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
    func predict(csv path: String) throws -> Predictions {
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
        return Predictions(rows: Array(zip(table.runIDs, objective)), warnings: checked.warning.map { ["\($0)"] } ?? [])
    }
}

/// What `predict` returns: (run id, predicted objective) rows and warnings about the input.
public struct Predictions: Sendable {
    public var rows: [(String, Double)]
    public var warnings: [String]
}

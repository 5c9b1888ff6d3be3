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

    func predict(csv path: String) throws -> [(String, Double)] {
        let table = try RunTable.load(path: path)
        let columns = try ImportedColumns.match(domains: spec.domainNames, columns: table.columns, file: path)
        let choice = try RegressorSelection.chosen(fits: compiled.fits.count, crossValidations: compiled.crossValidations.map(output))
        let chosen = compiled.fits[choice.index]
        let fit = try PayloadCoding.decode(FitPayload.self, from: output(chosen), task: chosen.rawValue)
        let x = try Matrix(rowArrays: table.rows.map { row in columns.map { row[$0] } })
        var predicted: [String: [Double]] = [:]
        for (metric, model) in fit.models { predicted[metric] = try model.predict(x) }
        let objective = try spec.objective.expression.formula.evaluate(columns: predicted, count: x.rows)
        if let bad = objective.indices.first(where: { !objective[$0].isFinite }) {
            throw EngineError.taskFailed("\(path): the predicted objective of \(table.runIDs[bad]) is \(objective[bad]); it must be finite (a division by zero in the objective?)")
        }
        return Array(zip(table.runIDs, objective))
    }
}

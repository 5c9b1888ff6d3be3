// The predicted objective's bootstrap at the target scale: the regressor refitted on each replicate
// of the size laws' target-scale losses (collect's `samples`), then evaluated at the mixtures asked
// about. Shared by `scaling-summary` (found, prior, uniform) and `predict --interval`.
import ContentStore
import Foundation
import Methods

struct ObjectiveBootstrap {
    /// Per mixture asked about: the objective of each refitted replicate, and each metric's.
    var objective: [[Double]]
    var metrics: [String: [[Double]]]

    /// Refits `regressor` on the first `refits` replicates of `table` (every run must carry them).
    static func run(table: RunTablePayload, regressor: RegressorSpec, formula: ObjectiveFormula, at x: Matrix, refits: Int) throws -> ObjectiveBootstrap {
        let metrics = formula.metricNames
        let available = table.runs.compactMap { run in metrics.map { run.samples?[$0]?.count ?? 0 }.min() }.min() ?? 0
        guard table.runs.allSatisfy({ $0.samples != nil }), available > 0 else {
            throw EngineError.taskFailed("the collected runs carry no bootstrap replicates of the target-scale losses (is 'scaling' set?)")
        }
        let train = try Matrix(rowArrays: table.runs.map(\.weights))
        var objective = [[Double]](repeating: [], count: x.rows)
        var perMetric = Dictionary(uniqueKeysWithValues: metrics.map { ($0, [[Double]](repeating: [], count: x.rows)) })
        for b in 0..<min(refits, available) {
            var predicted: [String: [Double]] = [:]
            for name in metrics {
                let y = table.runs.map { $0.samples?[name]?[b] ?? .nan }
                // A replicate the regressor cannot fit is left out (the interval says how many held).
                guard let model = try? regressor.fit(train, y), let values = try? model.predict(x) else { predicted = [:]; break }
                predicted[name] = values
            }
            guard predicted.count == metrics.count, let values = try? formula.evaluate(columns: predicted, count: x.rows) else { continue }
            for i in 0..<x.rows {
                objective[i].append(values[i])
                for name in metrics { perMetric[name]?[i].append(predicted[name]?[i] ?? .nan) }
            }
        }
        return ObjectiveBootstrap(objective: objective, metrics: perMetric)
    }
}

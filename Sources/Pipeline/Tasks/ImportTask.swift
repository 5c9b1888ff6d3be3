// `import`: finished runs from the two CSVs the spec names (declared input files of the task).
import Compiler
import ContentStore
import Engine
import Foundation
import Methods

enum ImportTask {
    static func run(_ p: ImportParameters, files: [String: String], warn: (String) -> Void) throws -> RunTablePayload {
        let results = p.proxies.results
        guard let mixturesPath = files[results.mixtures], let metricsPath = files[results.metrics] else {
            throw EngineError.taskFailed("the import task's CSV files are not among its declared inputs")
        }
        let imported = try ImportedRuns.load(mixturesPath: mixturesPath, metricsPath: metricsPath)
        for warning in imported.warnings { warn("\(warning)") }
        let columns = try ImportedColumns.match(domains: p.domains, columns: imported.mixtures.columns, file: results.mixtures)
        let metricNames = imported.metrics.columns
        let runs = imported.mixtures.runIDs.enumerated().map { (i, id) in
            let row = imported.mixtures.rows[i]
            let metricRow = imported.metrics.rows[i]
            var metrics: [String: Double] = [:]
            for (j, name) in metricNames.enumerated() { metrics[name] = metricRow[j] }
            return RunRow(id: id, weights: columns.map { row[$0] }, metrics: metrics)
        }
        for run in runs {
            for (name, value) in run.metrics.sorted(by: { $0.key < $1.key })
            where !(value.isFinite && abs(value) <= OutputValidation.plausibleMagnitude) {
                throw EngineError.taskFailed("\(results.metrics): run \(run.id) has \(name) = \(value), not a plausible metric (finite, |x| ≤ \(OutputValidation.plausibleMagnitude))")
            }
        }
        return RunTablePayload(domains: p.domains, metrics: metricNames.sorted(), runs: runs)
    }
}

// `import`: finished runs from the two CSVs the spec names (declared input files of the task).
import Compiler
import ContentStore
import Engine
import Foundation
import Methods
import SafeFiles

enum ImportTask {
    static func run(_ p: ImportParameters, files: [String: String], warn: (String) -> Void) throws -> RunTablePayload {
        let results = p.proxies.results
        guard let mixturesPath = files[results.mixtures], let metricsPath = files[results.metrics] else {
            throw EngineError.taskFailed("the import task's CSV files are not among its declared inputs")
        }
        if let scaling = p.scaling {
            return try longForm(p, mixturesPath: mixturesPath, metricsPath: metricsPath, tokensPerStep: scaling.steps.tokensPerStep, warn: warn)
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

    /// With `scaling`: mixtures as usual, metrics long-form (one row per run, model and checkpoint);
    /// each run keeps its checkpoints per model for the step laws.
    private static func longForm(_ p: ImportParameters, mixturesPath: String, metricsPath: String, tokensPerStep: Int64?,
                                 warn: (String) -> Void) throws -> RunTablePayload {
        let results = p.proxies.results
        var mixtures = try RunTable.load(path: mixturesPath)
        let checked = MixtureRows.normalise(&mixtures.rows, runIDs: mixtures.runIDs, columns: mixtures.columns, locations: mixtures.rowLocations)
        if !checked.errors.isEmpty { throw CSVImportError(diagnostics: checked.errors) }
        if let warning = checked.warning { warn("\(warning)") }
        let columns = try ImportedColumns.match(domains: p.domains, columns: mixtures.columns, file: results.mixtures)
        let data: Data?
        do { data = try BoundedFile.read(metricsPath, limit: ReadLimits.storeIndex) } catch {
            throw EngineError.taskFailed("\(results.metrics): \(error)")
        }
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw EngineError.taskFailed("\(results.metrics): cannot read it as UTF-8 text")
        }
        let long = try LongFormMetrics.parse(text, file: results.metrics, tokensPerStep: tokensPerStep)
        // A file may hold more model sizes than the spec fits: their rows are left out, and said so.
        let models = p.scaling?.models ?? []
        var unused: [String: (count: Int, first: SourceLocation)] = [:]
        for row in long.rows where !models.contains(row.model) {
            unused[row.model, default: (0, row.location)].count += 1
        }
        for (model, rows) in unused.sorted(by: { $0.key < $1.key }) {
            warn("\(rows.first): \(rows.count) row\(rows.count == 1 ? "" : "s") of model '\(model)' left out: "
                 + "it is not one of proxies.models (\(models.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        let known = Set(mixtures.runIDs)
        let strays = long.rows.filter { !known.contains($0.run) }
        if !strays.isEmpty {
            throw CSVImportError(diagnostics: strays.prefix(20).map { CSVDiagnostic($0.location, "run '\($0.run)' has metrics but no row in \(results.mixtures)") })
        }
        var byRun: [String: [String: [StepPayload]]] = [:]
        for row in long.rows where models.contains(row.model) {
            for value in row.values where !(value.isFinite && abs(value) <= OutputValidation.plausibleMagnitude) {
                throw EngineError.taskFailed("\(row.location): \(value) is not a plausible metric (finite, |x| ≤ \(OutputValidation.plausibleMagnitude))")
            }
            byRun[row.run, default: [:]][row.model, default: []].append(
                StepPayload(step: row.step, tokens: row.tokens, metrics: Dictionary(uniqueKeysWithValues: zip(long.metrics, row.values))))
        }
        let runs = mixtures.runIDs.enumerated().map { (i, id) in
            RunRow(id: id, weights: columns.map { mixtures.rows[i][$0] }, metrics: [:],
                   checkpoints: (byRun[id] ?? [:]).mapValues { $0.sorted { $0.tokens < $1.tokens } })
        }
        return RunTablePayload(domains: p.domains, metrics: long.metrics.sorted(), runs: runs)
    }
}

// `report`: the run summary (summary.json, the HTML report, the terminal summary) from the outputs of
// collect, the cross-validations, search and the verify runs, and the settings the compiler rendered.
import Compiler
import ContentStore
import Foundation
import Reporting
import SpecModel

enum ReportTask {
    static func run(_ p: ReportParameters, _ upstream: [Data]) throws -> RunSummary {
        let cvCount = p.regressors.count
        let otherModels = Array(p.diagnostics.models.dropFirst())
        let scaled = p.scaling == true
        let expected = 1 + cvCount + 1 + p.verifications.count + cvCount + otherModels.count + (scaled ? 1 : 0)
        guard upstream.count == expected else {
            throw EngineError.taskFailed("report has \(upstream.count) inputs, expected \(expected)")
        }
        let names = p.domains
        func keyed(_ weights: [Double]) -> [String: Double] { Dictionary(zip(names, weights), uniquingKeysWith: { a, _ in a }) }
        let validations = try (0..<cvCount).map {
            try PayloadCoding.decode(CrossValidationPayload.self, from: upstream[1 + $0], task: "cross-validate/\(p.regressors[$0])")
        }
        let search = try PayloadCoding.decode(SearchPayload.self, from: upstream[1 + cvCount], task: "search")
        let verifyOutputs = Array(upstream[(2 + cvCount)..<(2 + cvCount + p.verifications.count)])
        let fitOutputs = Array(upstream[(2 + cvCount + p.verifications.count)..<(2 + 2 * cvCount + p.verifications.count)])
        let modelOutputs = Array(upstream.dropLast(scaled ? 1 : 0).suffix(otherModels.count))
        var scores: [CrossValidationScore] = []
        for cv in validations {
            let n = cv.points.count
            scores.append(CrossValidationScore(regressor: cv.regressor, target: "objective", spearman: cv.objective.spearman,
                                               pearson: cv.objective.pearson, mse: cv.objective.mse, n: n))
            for (metric, s) in cv.scores.sorted(by: { $0.key < $1.key }) {
                scores.append(CrossValidationScore(regressor: cv.regressor, target: metric, spearman: s.spearman,
                                                   pearson: s.pearson, mse: s.mse, n: n))
            }
        }
        let scatter = validations.first { $0.regressor == search.regressor }.map { cv in
            CrossValidationScatter(regressor: cv.regressor, spearman: cv.objective.spearman,
                                   points: cv.points.map { CrossValidationPoint(run: $0.run, predicted: $0.predicted, actual: $0.actual) })
        }
        let objective = try p.objective.parsed()
        let out = OutputLayout(name: p.name)
        let verifyRuns = try verifyPayloads(p, verifyOutputs)
        let diagnostics = try ReportDiagnostics(
            parameters: p, objective: objective, found: search.weights,
            table: PayloadCoding.decode(RunTablePayload.self, from: upstream.first, task: "collect"),
            validations: validations,
            fits: zip(p.regressors, fitOutputs).map { try PayloadCoding.decode(FitPayload.self, from: $1, task: "fit/\($0)") },
            verifyRuns: verifyRuns,
            otherModels: zip(otherModels, modelOutputs).map {
                ($0, try PayloadCoding.decode(RunTablePayload.self, from: $1, task: "collect/\($0)"))
            }).summary()
        return RunSummary(
            specName: p.name, description: p.description, settings: p.settings.map { KeySetting($0.label, $0.value) },
            domains: names, prior: keyed(p.prior), found: keyed(search.weights),
            objective: ObjectiveSummary(direction: objective.direction == .minimize ? .minimize : .maximize, text: objective.text),
            predicted: PredictedObjectives(found: search.objective, prior: search.priorObjective, uniform: search.uniformObjective),
            chosenRegressor: search.regressor, crossValidation: scores, cvScatter: scatter,
            topCandidates: search.top.map(keyed),
            verify: try verifyTable(p, objective: objective, runs: verifyRuns),
            outputs: OutputPaths(report: out.relative(out.report), summary: out.relative(out.summary), others: [
                KeySetting("mixture", out.relative(out.mixtureYAML)),
                KeySetting("mixture (JSON)", out.relative(out.mixtureJSON)),
                KeySetting("cross-validation", out.relative(out.crossValidationCSV)),
                KeySetting("predictions", out.relative(out.predictionsCSV)),
            ]), diagnostics: diagnostics,
            scaling: scaled ? try ScalingReport.summary(try PayloadCoding.decode(ScalingSummaryPayload.self, from: upstream.last, task: "scaling/summary"),
                                                        names: names) : nil)
    }

    /// The verify runs by mixture name (in first-seen order), each with its replicates in seed order.
    private static func verifyPayloads(_ p: ReportParameters, _ outputs: [Data]) throws -> [(name: String, runs: [TrainPayload])] {
        var order: [String] = []
        var runs: [String: [TrainPayload]] = [:]
        for (run, data) in zip(p.verifications, outputs) {
            if runs[run.name] == nil { order.append(run.name) }
            runs[run.name, default: []].append(try PayloadCoding.decode(TrainPayload.self, from: data, task: "verify/\(run.name)/s\(run.seed)"))
        }
        return order.map { ($0, runs[$0] ?? []) }
    }

    /// One row per verified mixture (found first), objective averaged over the verify seeds. The
    /// columns are the objective's metrics, then every other metric the runs report (each domain's loss).
    private static func verifyTable(_ p: ReportParameters, objective: Objective, runs: [(name: String, runs: [TrainPayload])]) throws -> VerifyTable? {
        guard let model = p.verifyModel, !p.verifications.isEmpty else { return nil }
        let formula = objective.expression.formula
        let objectiveMetrics = objective.expression.metricNames
        let reported = Set(runs.flatMap { $0.runs.flatMap { $0.metrics.keys } })
        let metricNames = objectiveMetrics + reported.subtracting(objectiveMetrics).sorted()
        let rows = try runs.map { name, replicates -> VerifyRow in
            let objectives = try replicates.map { try formula.evaluate($0.metrics) }
            let mean = objectives.reduce(0, +) / Double(max(objectives.count, 1))
            let std: Double? = objectives.count > 1
                ? (objectives.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(objectives.count - 1)).squareRoot() : nil
            var metrics: [String: Double] = [:]
            for m in metricNames {
                let values = replicates.compactMap { $0.metrics[m] }
                if !values.isEmpty { metrics[m] = values.reduce(0, +) / Double(values.count) }
            }
            return VerifyRow(name: name, role: name == MixtureName.found ? .found : .baseline, objective: mean,
                             objectiveStd: std, seeds: objectives.count, metrics: metrics)
        }
        return VerifyTable(model: model, metrics: metricNames, rows: rows)
    }
}

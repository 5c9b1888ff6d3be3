// Builds the run summary (summary.json, the HTML report, the terminal summary) from the stored
// outputs of collect, cross-validate, search and verify.
import Compiler
import Foundation
import Reporting
import SpecModel

struct SummaryBuilder {
    let spec: Spec
    let compiled: CompiledSpec
    let inputs: [TaskID: Data]

    func summary() throws -> RunSummary {
        let names = spec.domainNames
        func keyed(_ weights: [Double]) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: zip(names, weights))
        }
        let search = try PayloadCoding.decode(SearchPayload.self, from: inputs[compiled.search], task: "search")
        let validations = try compiled.crossValidations.map {
            try PayloadCoding.decode(CrossValidationPayload.self, from: inputs[$0], task: $0.rawValue)
        }
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
        let chosen = validations.first { $0.regressor == search.regressor }
        let scatter = chosen.map { cv in
            CrossValidationScatter(regressor: cv.regressor, spearman: cv.objective.spearman,
                                   points: cv.points.map { CrossValidationPoint(run: $0.run, predicted: $0.predicted, actual: $0.actual) })
        }
        let out = OutputLayout(spec: spec)
        return RunSummary(
            specName: spec.name, description: spec.description, settings: KeySetting.keySettings(for: spec),
            domains: names, prior: keyed(compiled.prior), found: keyed(search.weights),
            objective: ObjectiveSummary(direction: spec.objective.direction == .minimize ? .minimize : .maximize, text: spec.objective.text),
            predicted: PredictedObjectives(found: search.objective, prior: search.priorObjective, uniform: search.uniformObjective),
            chosenRegressor: search.regressor, crossValidation: scores, cvScatter: scatter,
            topCandidates: search.top.map(keyed), verify: try verifyTable(),
            outputs: OutputPaths(report: out.displayPath(out.report), summary: out.displayPath(out.summary), others: [
                KeySetting("mixture", out.displayPath(out.mixtureYAML)),
                KeySetting("mixture (JSON)", out.displayPath(out.mixtureJSON)),
                KeySetting("cross-validation", out.displayPath(out.crossValidationCSV)),
                KeySetting("predictions", out.displayPath(out.predictionsCSV)),
            ]))
    }

    /// One row per verified mixture (found first), objective averaged over the verify seeds.
    private func verifyTable() throws -> VerifyTable? {
        guard let verify = spec.verify, !compiled.verifications.isEmpty else { return nil }
        let formula = spec.objective.expression.formula
        var order: [String] = []
        var runs: [String: [TrainPayload]] = [:]
        for id in compiled.verifications {
            guard let run = compiled.verifyRuns[id] else { continue }
            if runs[run.name] == nil { order.append(run.name) }
            runs[run.name, default: []].append(try PayloadCoding.decode(TrainPayload.self, from: inputs[id], task: id.rawValue))
        }
        let metricNames = spec.objective.expression.metricNames
        let rows = try order.map { name -> VerifyRow in
            let replicates = runs[name] ?? []
            let objectives = try replicates.map { try formula.evaluate($0.metrics) }
            let mean = objectives.reduce(0, +) / Double(objectives.count)
            let std: Double? = objectives.count > 1
                ? (objectives.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(objectives.count - 1)).squareRoot() : nil
            var metrics: [String: Double] = [:]
            for m in metricNames {
                let values = replicates.compactMap { $0.metrics[m] }
                if !values.isEmpty { metrics[m] = values.reduce(0, +) / Double(values.count) }
            }
            return VerifyRow(name: name, role: name == "found" ? .found : .baseline, objective: mean, objectiveStd: std, metrics: metrics)
        }
        let f = ReportNumberFormat.self
        return VerifyTable(model: "\(f.compactCount(verify.model.size)) params, \(f.compactCount(verify.model.tokens)) tokens",
                           metrics: metricNames, rows: rows)
    }
}

// The report's diagnostic sections (issue 14), computed from the report task's inputs only: the
// collected swarm (weights, metrics, replicates, checkpoints), the fits' model details, the
// cross-validations' out-of-fold predictions, the verify runs and the further models' collects.
import Compiler
import Foundation
import Methods
import Reporting
import SpecModel

struct ReportDiagnostics {
    let parameters: ReportParameters
    let objective: SpecModel.Objective
    let found: [Double]
    let table: RunTablePayload
    let validations: [CrossValidationPayload]
    let fits: [FitPayload]
    let verifyRuns: [(name: String, runs: [TrainPayload])]
    let otherModels: [(name: String, table: RunTablePayload)]

    func summary() -> RunDiagnostics {
        RunDiagnostics(swarm: swarm(), models: fits.compactMap(\.details), scatters: scatters(), curves: curves(),
                       noise: noise(), data: data(), rankConsistency: rankConsistency())
    }

    private var formula: ObjectiveFormula { objective.expression.formula }

    /// The objective of every run of `table`; nil when a run lacks one of its metrics.
    private func objectives(_ table: RunTablePayload) -> [Double]? {
        try? table.runs.map { try formula.evaluate($0.metrics) }
    }

    // 1, 2: the swarm's weights and objective.
    private func swarm() -> SwarmCoverage? {
        guard !table.runs.isEmpty else { return nil }
        var weights: [String: [Double]] = [:], zeros: [String: Double] = [:]
        for (j, domain) in table.domains.enumerated() {
            let column = table.runs.map { j < $0.weights.count ? $0.weights[j] : 0 }
            weights[domain] = column
            zeros[domain] = Double(column.filter { $0 == 0 }.count) / Double(column.count)
        }
        return SwarmCoverage(runs: table.runs.map(\.id), weights: weights, objective: objectives(table) ?? [], zeroShare: zeros)
    }

    // 4: out-of-fold predicted vs actual for every regressor and target.
    private func scatters() -> [CrossValidationScatter] {
        var out: [CrossValidationScatter] = []
        for cv in validations {
            out.append(CrossValidationScatter(regressor: cv.regressor, spearman: cv.objective.spearman,
                                              points: cv.points.map { CrossValidationPoint(run: $0.run, predicted: $0.predicted, actual: $0.actual) },
                                              target: "objective"))
            for (metric, predicted) in (cv.predictions ?? [:]).sorted(by: { $0.key < $1.key }) where predicted.count == table.runs.count {
                let actual = table.runs.map { $0.metrics[metric] ?? .nan }
                let points = table.runs.indices.map { CrossValidationPoint(run: table.runs[$0].id, predicted: predicted[$0], actual: actual[$0]) }
                out.append(CrossValidationScatter(regressor: cv.regressor, spearman: Agreement.spearman(predicted, actual),
                                                  points: points, target: metric))
            }
        }
        return out
    }

    // 5: checkpoints of the swarm (a band per token count) and of the verify runs.
    private func curves() -> [TrainingCurve] {
        var byMetric: [String: [Int64: [Double]]] = [:]
        for run in table.runs {
            for step in run.steps ?? [] {
                for (metric, value) in step.metrics where value.isFinite { byMetric[metric, default: [:]][step.tokens, default: []].append(value) }
            }
        }
        let verifyMetrics = Set(verifyRuns.flatMap { $0.runs.flatMap { $0.steps.flatMap { $0.metrics.keys } } })
        let names = Set(byMetric.keys).union(verifyMetrics)
        let domainLosses = table.domains.map { "loss." + $0 }.filter(names.contains)
        let ordered = domainLosses + names.subtracting(domainLosses).sorted()
        return ordered.map { metric in
            let band = (byMetric[metric] ?? [:]).sorted { $0.key < $1.key }.compactMap { tokens, values -> CurveBandPoint? in
                guard let five = FiveNumberSummary(values) else { return nil }
                return CurveBandPoint(tokens: Double(tokens), low: five.min, median: five.median, high: five.max, n: values.count)
            }
            var lines: [NamedCurve] = []
            for (name, runs) in verifyRuns {
                for (seed, run) in runs.enumerated() {
                    let points = run.steps.compactMap { step in step.metrics[metric].map { CurvePoint(x: Double(step.tokens), y: $0) } }
                    if !points.isEmpty { lines.append(NamedCurve(name: "\(name) s\(seed)", points: points)) }
                }
            }
            return TrainingCurve(metric: metric, band: band, lines: lines)
        }
    }

    // 6: replicate noise and the noise ceiling (README: "Noise").
    private func noise() -> NoiseSummary? {
        let diagnostics = parameters.diagnostics
        let verifySeeds = diagnostics.verifySeeds
        guard diagnostics.proxySeeds >= 2 || (verifySeeds ?? 0) >= 2 else { return nil }
        let targets = ["objective"] + table.metrics
        func value(_ target: String, _ metrics: [String: Double]) -> Double? {
            target == "objective" ? try? formula.evaluate(metrics) : metrics[target]
        }
        let rows = targets.map { target -> NoiseRow in
            let groups = table.runs.compactMap { run in run.replicates.map { $0.compactMap { value(target, $0) } } }
            let proxyVariance = NoiseStatistics.pooledVariance(groups)
            let means = table.runs.compactMap { value(target, $0.metrics) }
            let swarmVariance = NoiseStatistics.variance(means)
            var ceiling: Double?
            if let noise = proxyVariance, let total = swarmVariance {
                ceiling = NoiseStatistics.spearmanCeiling(replicateVariance: noise, replicates: diagnostics.proxySeeds, observedVariance: total)
            }
            let verifyGroups = verifyRuns.map { $0.runs.compactMap { value(target, $0.metrics) } }
            return NoiseRow(target: target, proxyStd: proxyVariance.map { $0.squareRoot() }, swarmStd: swarmVariance.map { $0.squareRoot() },
                            ceiling: ceiling, verifyStd: NoiseStatistics.pooledVariance(verifyGroups).map { $0.squareRoot() })
        }
        return NoiseSummary(proxySeeds: diagnostics.proxySeeds, verifySeeds: verifySeeds, rows: rows)
    }

    // 7: the data behind each domain and its repetition at target scale.
    private func data() -> DataTable? {
        let d = parameters.diagnostics
        guard !d.data.isEmpty else { return nil }
        let rows = d.data.enumerated().map { j, source -> DataRow in
            let weight = j < found.count ? found[j] : nil
            let drawn = weight.flatMap { w in d.targetTokens.map { w * Double($0) } }
            let epochs = drawn.flatMap { drawn in source.tokens.flatMap { $0 > 0 ? drawn / Double($0) : nil } }
            return DataRow(domain: source.domain, source: source.source, files: source.files, bytes: source.bytes, tokens: source.tokens,
                           prior: j < parameters.prior.count ? parameters.prior[j] : 0, found: weight, drawn: drawn, epochs: epochs)
        }
        return DataTable(targetTokens: d.targetTokens, targetSource: d.targetSource, maxEpochs: d.maxEpochs, rows: rows)
    }

    // Rank consistency: Spearman between every two proxy models' objective over the mixtures both trained.
    private func rankConsistency() -> [RankAgreement] {
        guard let first = parameters.diagnostics.models.first, !otherModels.isEmpty else { return [] }
        let all = [(first, table)] + otherModels.map { ($0.name, $0.table) }
        let scored: [(String, [String: Double])] = all.compactMap { name, table in
            guard let values = objectives(table) else { return nil }
            return (name, Dictionary(zip(table.runs.map(\.id), values), uniquingKeysWith: { a, _ in a }))
        }
        var out: [RankAgreement] = []
        for a in scored.indices {
            for b in scored.indices where b > a {
                let common = scored[a].1.keys.filter { scored[b].1[$0] != nil }.sorted()
                guard common.count >= 3 else { continue }
                let x = common.map { scored[a].1[$0] ?? 0 }, y = common.map { scored[b].1[$0] ?? 0 }
                out.append(RankAgreement(modelA: scored[a].0, modelB: scored[b].0, spearman: Agreement.spearman(x, y), n: common.count))
            }
        }
        return out
    }
}

/// Replicate-noise arithmetic of the report's noise section.
enum NoiseStatistics {
    /// Sample variance (n − 1); nil with fewer than two values.
    static func variance(_ values: [Double]) -> Double? {
        let finite = values.filter(\.isFinite)
        guard finite.count >= 2 else { return nil }
        let mean = finite.reduce(0, +) / Double(finite.count)
        return finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1)
    }

    /// Within-group variance pooled over groups of two or more (Σ (n_g − 1)·s²_g / Σ (n_g − 1)); nil when no group has two.
    static func pooledVariance(_ groups: [[Double]]) -> Double? {
        var sum = 0.0, dof = 0
        for group in groups {
            guard let v = variance(group) else { continue }
            let n = group.filter(\.isFinite).count
            sum += v * Double(n - 1); dof += n - 1
        }
        return dof > 0 ? sum / Double(dof) : nil
    }

    /// The best Spearman a predictor can reach against means of `replicates` noisy runs: the
    /// reliability R = 1 − (σ²_rep / s) / Var(means) bounds any Pearson correlation by √R, and for
    /// normal data Spearman = (6/π)·asin(r/2).
    static func spearmanCeiling(replicateVariance: Double, replicates: Int, observedVariance: Double) -> Double? {
        guard replicates >= 1, observedVariance > 0, replicateVariance.isFinite, observedVariance.isFinite else { return nil }
        let reliability = min(1, max(0, 1 - replicateVariance / Double(replicates) / observedVariance))
        return 6 / Double.pi * asin(reliability.squareRoot() / 2)
    }
}

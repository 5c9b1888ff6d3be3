// Fixed diagnostics for the report tests (issue 14): a 64-run swarm, three fitted models, scatters,
// curves, noise, data and rank agreement, generated from a seeded RNG so they never change.
import Reporting
import SeededRandom

extension ReportFixtures {
    static func diagnostics() -> RunDiagnostics {
        let r6 = ReportFixtures.r6
        var rng = SplitMix64(seed: 14)
        var weights: [String: [Double]] = Dictionary(uniqueKeysWithValues: domains.map { ($0, []) })
        var objective: [Double] = []
        var runs: [String] = []
        for i in 0..<64 {
            var raw = domains.map { _ in rng.unit() }
            if i % 5 == 0 { raw[1] = 0 }
            let total = raw.reduce(0, +)
            let w = raw.map { r6($0 / total) }
            for (j, d) in domains.enumerated() { weights[d]?.append(w[j]) }
            objective.append(r6(3.4 - 0.5 * w[0] - 0.3 * w[2] + 0.05 * rng.unit()))
            runs.append(String(1000 + i).dropFirst().description)
        }
        let zero = weights.mapValues { column in Double(column.filter { $0 == 0 }.count) / Double(column.count) }
        let swarm = SwarmCoverage(runs: runs, weights: weights, objective: objective, zeroShare: zero)

        let linear = LinearModelSummary(
            intercept: EstimateInterval(value: 3.41, low: 3.38, high: 3.44),
            coefficients: ["web": EstimateInterval(value: -0.52, low: -0.58, high: -0.46), "code": EstimateInterval(value: 0.04, low: -0.02, high: 0.1),
                           "wiki": EstimateInterval(value: -0.29, low: -0.35, high: -0.22), "books": EstimateInterval(value: 0.02, low: -0.05, high: 0.08)],
            rank: 3, resamples: 200)
        let pd = Dictionary(uniqueKeysWithValues: domains.enumerated().map { j, d in
            (d, (0..<13).map { g in CurvePoint(x: r6(0.05 * Double(g)), y: r6(3.2 - Double(j == 0 ? 3 : 1) * 0.01 * Double(g))) })
        })
        let models = [
            FittedModelSummary(regressor: "gbdt", targets: [
                ModelTargetSummary(target: "loss.web", gbdt: GBDTModelSummary(gain: ["web": 12.5, "code": 1.25, "wiki": 4.5, "books": 0.75],
                                                                              trees: 500, partialDependence: pd)),
            ]),
            FittedModelSummary(regressor: "linear", targets: [ModelTargetSummary(target: "loss.web", linear: linear)]),
            FittedModelSummary(regressor: "mixing-law", targets: [
                ModelTargetSummary(target: "loss.web", mixingLaw: MixingLawSummary(c: 2.5, k: 0.75, t: ["web": -1.25, "code": 0.5, "wiki": 0.25, "books": 0.5])),
            ]),
        ]
        func scatter(_ regressor: String, _ target: String, noise: Double) -> CrossValidationScatter {
            var local = SplitMix64(seed: UInt64(target.count * 31 + regressor.count))
            let points = objective.enumerated().map { i, actual in
                CrossValidationPoint(run: runs[i], predicted: r6(actual + noise * (local.unit() - 0.5)), actual: actual)
            }
            return CrossValidationScatter(regressor: regressor, spearman: 0.9 - noise, points: points, target: target)
        }
        let scatters = [scatter("gbdt", "objective", noise: 0.05), scatter("gbdt", "loss.web", noise: 0.08), scatter("linear", "objective", noise: 0.12)]

        let curves = ["loss.web", "loss.wiki"].map { metric in
            TrainingCurve(metric: metric, band: [25_000.0, 50_000, 100_000, 200_000].enumerated().map { k, tokens in
                let centre = 4.2 - 0.3 * Double(k)
                return CurveBandPoint(tokens: tokens, low: r6(centre - 0.1), median: centre, high: r6(centre + 0.12), n: 64)
            }, lines: [
                NamedCurve(name: "found s0", points: [CurvePoint(x: 250_000, y: 3.4), CurvePoint(x: 500_000, y: 3.1), CurvePoint(x: 1_000_000, y: 2.9)]),
                NamedCurve(name: "prior s0", points: [CurvePoint(x: 250_000, y: 3.45), CurvePoint(x: 500_000, y: 3.16), CurvePoint(x: 1_000_000, y: 2.95)]),
            ])
        }
        let noise = NoiseSummary(proxySeeds: 2, verifySeeds: 1, rows: [
            NoiseRow(target: "objective", proxyStd: 0.004, swarmStd: 0.09, ceiling: 0.997, verifyStd: nil),
            NoiseRow(target: "loss.web", proxyStd: 0.006, swarmStd: 0.12, ceiling: 0.996, verifyStd: nil),
        ])
        let data = DataTable(targetTokens: 20_000_000, targetSource: "verify.model.tokens", maxEpochs: nil, rows: domains.map { d in
            DataRow(domain: d, source: "synthetic (seed \(d.count))", files: nil, bytes: 1_000_000, tokens: 1_000_000, prior: prior[d] ?? 0,
                    found: 0.25, drawn: 5_000_000, epochs: 5)
        })
        return RunDiagnostics(swarm: swarm, models: models, scatters: scatters, curves: curves, noise: noise, data: data,
                              rankConsistency: [RankAgreement(modelA: "small", modelB: "medium", spearman: 0.912, n: 64)])
    }
}

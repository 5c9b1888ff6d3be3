// Fixed run summaries for the report tests: realistic shapes (4 domains, a 64-run CV scatter,
// 32 top-k candidates, a verify table), generated from a seeded RNG so they never change.
import Reporting
import SeededRandom

extension SplitMix64 {
    /// Uniform in [0, 1), for fixture numbers.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

enum ReportFixtures {
    /// Rounded to 6 decimals, so fixture numbers print the same everywhere.
    static func r6(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }

    static let domains = ["web", "code", "wiki", "books"]
    static let prior: [String: Double] = ["web": 0.4, "code": 0.25, "wiki": 0.2, "books": 0.15]

    /// A complete summary: CV for two regressors, scatter, top-k, verify with two baselines.
    static func full() -> RunSummary {
        var rng = SplitMix64(seed: 2024)
        var candidates: [[String: Double]] = []
        for _ in 0..<32 {
            let raw = [0.30 + 0.12 * rng.unit(), 0.08 + 0.10 * rng.unit(), 0.28 + 0.14 * rng.unit(), 0.12 + 0.08 * rng.unit()]
            let total = raw.reduce(0, +)
            candidates.append(Dictionary(uniqueKeysWithValues: zip(domains, raw.map { r6($0 / total) })))
        }
        var found: [String: Double] = [:]
        for d in domains { found[d] = r6(candidates.map { $0[d] ?? 0 }.reduce(0, +) / Double(candidates.count)) }
        var points: [CrossValidationPoint] = []
        for i in 0..<64 {
            let actual = 3.05 + 0.35 * rng.unit()
            let predicted = actual + 0.06 * (rng.unit() - 0.5)
            points.append(CrossValidationPoint(run: "train/small/\(String(1000 + i).dropFirst())/s0", predicted: r6(predicted), actual: r6(actual)))
        }
        return RunSummary(
            specName: "quickstart",
            description: "Small hermetic demo: four synthetic domains, 64 proxies, verify at 256k.",
            settings: [
                KeySetting("Domains", "web, code, wiki, books"),
                KeySetting("Swarm", "64 mixtures × 1 model × 1 seed = 64 proxy runs"),
                KeySetting("Proxy models", "small (32k params, 1M tokens)"),
                KeySetting("Trainer", "builtin (CPU)"),
                KeySetting("Regressors", "gbdt, linear (best by CV)"),
                KeySetting("Cross-validation", "5 folds, seed 0"),
                KeySetting("Objective", "minimize mean(loss.web, loss.wiki)"),
                KeySetting("Search", "100k candidates, top 32, seed 7, strength 1"),
                KeySetting("Verify", "256k params, 20M tokens, 1 seed; baselines: prior, uniform"),
            ],
            domains: domains, prior: prior, found: found,
            objective: ObjectiveSummary(direction: .minimize, text: "mean(loss.web, loss.wiki)"),
            predicted: PredictedObjectives(found: 3.0712, prior: 3.1458, uniform: 3.1893),
            chosenRegressor: "gbdt",
            crossValidation: [
                CrossValidationScore(regressor: "gbdt", target: "objective", spearman: 0.9731, pearson: 0.9812, mse: 0.000314, n: 64),
                CrossValidationScore(regressor: "linear", target: "objective", spearman: 0.9012, pearson: 0.9233, mse: 0.001207, n: 64),
            ],
            cvScatter: CrossValidationScatter(regressor: "gbdt", spearman: 0.9731, points: points),
            topCandidates: candidates,
            verify: VerifyTable(model: "256k params, 20M tokens", metrics: ["loss.web", "loss.wiki"], rows: [
                VerifyRow(name: "found", role: .found, objective: 2.8734, metrics: ["loss.web": 2.9012, "loss.wiki": 2.8456]),
                VerifyRow(name: "prior", role: .baseline, objective: 2.9311, metrics: ["loss.web": 2.9104, "loss.wiki": 2.9518]),
                VerifyRow(name: "uniform", role: .baseline, objective: 2.9987, metrics: ["loss.web": 3.0410, "loss.wiki": 2.9564]),
            ]),
            outputs: OutputPaths(report: "out/quickstart/report.html", summary: "out/quickstart/summary.json",
                                 others: [KeySetting("mixture", "out/quickstart/mixture.json")]),
            diagnostics: diagnostics())
    }

    /// The full summary without cross-validation and without verify.
    static func bare() -> RunSummary {
        var s = full()
        s.crossValidation = []
        s.cvScatter = nil
        s.verify = nil
        s.chosenRegressor = "linear"
        s.diagnostics = nil
        return s
    }

    /// A second run for comparisons: a different found mixture, linear regressor, a slightly better verify.
    static func alternative() -> RunSummary {
        var s = full()
        s.specName = "quickstart-wide"
        s.found = ["web": 0.352, "code": 0.098, "wiki": 0.391, "books": 0.159]
        s.chosenRegressor = "linear"
        s.crossValidation = [CrossValidationScore(regressor: "linear", target: "objective", spearman: 0.9105, pearson: 0.9301, mse: 0.00098, n: 128)]
        s.verify = VerifyTable(model: "256k params, 20M tokens", metrics: ["loss.web", "loss.wiki"], rows: [
            VerifyRow(name: "found", role: .found, objective: 2.8611, objectiveStd: 0.0042, seeds: 3, metrics: ["loss.web": 2.9120, "loss.wiki": 2.8102]),
            VerifyRow(name: "prior", role: .baseline, objective: 2.9311, metrics: ["loss.web": 2.9104, "loss.wiki": 2.9518]),
        ])
        s.outputs = OutputPaths(report: "out/quickstart-wide/report.html", summary: "out/quickstart-wide/summary.json")
        return s
    }

    /// A summary whose every user-supplied string is hostile markup.
    static func hostile() -> RunSummary {
        var s = full()
        let evil = "<script>alert('x&y')</script>\"quoted\""
        s.specName = "evil<script>&\"'"
        s.description = "Description with <b>tags</b> & ampersands \"quoted\" 'single' ]]> and a control \u{1B}[31m char"
        s.settings.append(KeySetting(evil, evil))
        s.domains = s.domains.map { $0 == "code" ? evil : $0 }
        for key in ["found", "prior"] {
            var weights = key == "found" ? s.found : s.prior
            weights[evil] = weights.removeValue(forKey: "code")
            if key == "found" { s.found = weights } else { s.prior = weights }
        }
        s.topCandidates = s.topCandidates.map { c in
            var c = c; c[evil] = c.removeValue(forKey: "code"); return c
        }
        s.objective = ObjectiveSummary(direction: .minimize, text: "metric(\"a<b&c\") * 2")
        s.chosenRegressor = evil
        s.crossValidation = [CrossValidationScore(regressor: evil, target: "</td>", spearman: 0.5, pearson: 0.5, mse: 0.1, n: 3)]
        s.cvScatter?.regressor = evil
        if let count = s.cvScatter?.points.count, count > 0 { s.cvScatter?.points[0].run = evil }
        if var verify = s.verify {
            verify.model = evil
            verify.metrics = [evil]
            verify.rows = verify.rows.map { row in
                var row = row
                row.metrics = [evil: row.objective]
                if row.name == "uniform" { row.name = evil }
                return row
            }
            s.verify = verify
        }
        s.outputs = OutputPaths(report: "out/<evil>&/report.html", summary: nil, others: [KeySetting(evil, evil)])
        return s
    }
}

import SpecSyntax

extension SpecBuilder {
    /// Regressor list (unique) and hyperparameters.
    mutating func buildRegression(_ root: Checked) -> Regression? {
        guard let r = root["regression"], let modelValue = r["model"] else { return nil }
        var kinds: [RegressorKind] = []
        let items = modelValue.list ?? [modelValue]
        var seen: [RegressorKind: SourceRange] = [:]
        for item in items {
            guard let word = item.string, let kind = RegressorKind(rawValue: word) else { return nil }
            if let first = seen[kind] {
                error("regressor '\(word)' is listed twice", at: item.range,
                      notes: [DiagnosticNote("first listed here", range: first)])
                return nil
            }
            seen[kind] = item.range
            kinds.append(kind)
        }
        guard let folds = r["folds"]?.int, let seed = r["seed"]?.int,
              let ridge = r["linear"]?["ridge"]?.number,
              let g = r["gbdt"], let iterations = g["iterations"]?.int, let rate = g["learning_rate"]?.number,
              let leaves = g["leaves"]?.int, let minLeaf = g["min_samples_leaf"]?.int, let bins = g["bins"]?.int,
              let hessian = g["min_sum_hessian"]?.number,
              let m = r["mixing_law"], let delta = m["huber_delta"]?.number, let starts = m["starts"]?.int,
              let lawSeed = m["seed"]?.int else { return nil }
        return Regression(models: kinds, folds: Int(folds), seed: UInt64(seed), linear: LinearParameters(ridge: ridge),
                          gbdt: GBDTParameters(iterations: Int(iterations), learningRate: rate, leaves: Int(leaves),
                                               minSamplesLeaf: Int(minLeaf), bins: Int(bins), minSumHessian: hessian),
                          mixingLaw: MixingLawParameters(huberDelta: delta, starts: Int(starts), seed: UInt64(lawSeed)))
    }

    /// The swarm must hold enough independent mixtures for every regressor and for the folds.
    mutating func checkSwarmSize(_ root: Checked, proxies: Proxies, regression: Regression, domains: [Domain]) {
        let n: Int
        let at: SourceRange
        let what: String
        if let results = root["proxies"]?.member("results") {
            guard let rows = mixturesCSV?.rows else { return }
            n = rows
            at = results.value["mixtures"]?.range ?? results.keyRange
            what = "the imported results hold \(rows) runs"
        } else {
            n = proxies.count
            at = root["proxies"]?["count"]?.range ?? root.member("proxies")?.keyRange ?? .point(source.path, line: 1, column: 1)
            what = "the swarm has \(n) mixtures"
        }
        let modelRange = root["regression"]?["model"]?.range
        let d = domains.count
        var needs: [(Int, String)] = [(regression.folds, "\(regression.folds)-fold cross-validation needs at least \(regression.folds)")]
        for kind in regression.models {
            switch kind {
            case .linear: needs.append((d + 2, "linear regression over \(d) domains needs at least \(d + 2) (domains + 2)"))
            // c, k and t_1…t_D, less one: on the simplex a common shift of t is absorbed by k.
            case .mixingLaw: needs.append((d + 1, "the mixing law over \(d) domains needs at least \(d + 1) (its identifiable parameters: domains + 1)"))
            case .gbdt:
                let m = regression.gbdt.minSamplesLeaf
                // m ≤ SpecLimits.minSamplesLeaf; saturate anyway rather than trap should that limit grow.
                let (twice, overflow) = m.multipliedReportingOverflow(by: 2)
                let need = overflow ? Int.max : twice
                needs.append((need, "gbdt with min_samples_leaf \(m) needs at least \(need) (2 · min_samples_leaf)"))
            }
        }
        for (minimum, reason) in needs where n < minimum {
            error("swarm too small for the regressor: \(what); \(reason)", at: at,
                  notes: modelRange.map { [DiagnosticNote("regressor chosen here", range: $0)] } ?? [])
        }
    }
}

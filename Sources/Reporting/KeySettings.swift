// The key settings table of a run, derived from the resolved spec: what a reader needs to judge the
// experiment (swarm, models, trainer, regressors, objective, search, verify), in a fixed order.
import SpecModel

extension KeySetting {
    /// The key settings of `spec`, in display order.
    public static func keySettings(for spec: Spec) -> [KeySetting] {
        let f = ReportNumberFormat.self
        let p = spec.proxies
        var rows: [KeySetting] = []
        rows.append(KeySetting("Domains", spec.domainNames.joined(separator: ", ")))
        let runs = p.count * p.models.count * p.seeds
        rows.append(KeySetting("Swarm", "\(p.count) mixtures × \(p.models.count) model\(p.models.count == 1 ? "" : "s") × \(p.seeds) seed\(p.seeds == 1 ? "" : "s") = \(runs) proxy runs"))
        rows.append(KeySetting("Proxy models", p.models.map { "\($0.name) (\(f.compactCount($0.size)) params, \(f.compactCount($0.tokens)) tokens)" }.joined(separator: "; ")))
        let s = p.sampler
        rows.append(KeySetting("Sampler", "Dirichlet swarm, seed \(s.seed), temperature \(f.plain(s.temperature)), strength \(f.plain(s.strength.lowerBound))–\(f.plain(s.strength.upperBound)), max usage \(f.plain(s.maxUsage)), min weight \(f.plain(s.minWeight))"))
        if let results = p.results {
            rows.append(KeySetting("Proxy results", "imported: mixtures \(results.mixtures), metrics \(results.metrics)"))
        } else {
            rows.append(KeySetting("Trainer", trainerText(p.trainer)))
        }
        let r = spec.regression
        rows.append(KeySetting("Regressors", r.models.map(\.rawValue).joined(separator: ", ") + (r.models.count > 1 ? " (best by CV)" : "")))
        rows.append(KeySetting("Cross-validation", "\(r.folds) folds, seed \(r.seed)"))
        rows.append(KeySetting("Objective", "\(spec.objective.direction.rawValue) \(spec.objective.text)"))
        let search = spec.search
        rows.append(KeySetting("Search", "\(f.compactCount(Int64(search.candidates))) candidates, top \(search.topK), seed \(search.seed), strength \(f.plain(search.strength))"))
        let bounds = spec.domainNames.compactMap { name in
            search.bounds[name].map { "\(name) ∈ [\(f.plain($0.lowerBound)), \(f.plain($0.upperBound))]" }
        }
        if !bounds.isEmpty { rows.append(KeySetting("Bounds", bounds.joined(separator: ", "))) }
        if let a = search.availability {
            rows.append(KeySetting("Availability", "target \(f.compactCount(a.targetTokens)) tokens, at most \(f.plain(a.maxEpochs)) epochs per domain"))
        }
        if let v = spec.verify {
            let baselines = v.baselines.map { baseline -> String in
                switch baseline {
                case .prior: return "prior"
                case .uniform: return "uniform"
                case .mixture(let name, _): return name
                }
            }
            rows.append(KeySetting("Verify", "\(f.compactCount(v.model.size)) params, \(f.compactCount(v.model.tokens)) tokens, \(v.seeds) seed\(v.seeds == 1 ? "" : "s"); baselines: \(baselines.isEmpty ? "none" : baselines.joined(separator: ", "))"))
        } else {
            rows.append(KeySetting("Verify", "none"))
        }
        return rows
    }

    private static func trainerText(_ trainer: TrainerSpec) -> String {
        switch trainer {
        case .builtin: return "builtin (CPU)"
        case .command(let argv, nil): return "command: " + argv.joined(separator: " ")
        case .command(let argv, let slurm?):
            let partition = slurm.partition.map { " (partition \($0))" } ?? ""
            return "slurm\(partition): " + argv.joined(separator: " ")
        }
    }
}

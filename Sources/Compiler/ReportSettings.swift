// The spec's key settings as the report shows them: an ordered list of label/value pairs.
import SpecModel

enum ReportSettings {
    static func encode(_ spec: Spec) -> CanonicalValue {
        .array(pairs(spec).map { .array([.string($0.0), .string($0.1)]) })
    }

    static func pairs(_ spec: Spec) -> [(String, String)] {
        var out: [(String, String)] = []
        if let results = spec.proxies.results {
            out.append(("proxy runs", "imported from \(results.mixtures) and \(results.metrics)"))
        } else {
            out.append(("swarm", "\(spec.proxies.count) mixtures × \(spec.proxies.seeds) seed(s)"))
            for m in spec.proxies.models {
                out.append(("proxy model \(m.name)", "\(UnitFormat.short(m.size)) parameters, \(UnitFormat.short(m.tokens)) tokens"))
            }
            let s = spec.proxies.sampler
            out.append(("sampler", "seed \(s.seed), temperature \(s.temperature), strength \(s.strength.lowerBound)–\(s.strength.upperBound), max usage \(s.maxUsage), min weight \(s.minWeight)"))
            switch spec.proxies.trainer {
            case .builtin: out.append(("trainer", "builtin (CPU, byte-level)"))
            case .command(let argv, let slurm): out.append(("trainer", argv.joined(separator: " ") + (slurm == nil ? "" : " (slurm)")))
            }
        }
        out.append(("regression", spec.regression.models.map(\.rawValue).joined(separator: ", ") + ", \(spec.regression.folds)-fold CV"))
        out.append(("objective", "\(spec.objective.direction.rawValue) \(spec.objective.text)"))
        out.append(("search", "\(UnitFormat.short(Int64(spec.search.candidates))) candidates, top \(spec.search.topK), seed \(spec.search.seed)"))
        if let v = spec.verify {
            out.append(("verify model", "\(UnitFormat.short(v.model.size)) parameters, \(UnitFormat.short(v.model.tokens)) tokens × \(v.seeds) seed(s)"))
        }
        return out
    }
}

/// Short human forms of counts: 32000 → 32k, 1000000 → 1M.
public enum UnitFormat {
    public static func short(_ n: Int64) -> String {
        let units: [(Int64, String)] = [(1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1000, "k")]
        for (scale, suffix) in units where n >= scale && n % scale == 0 { return "\(n / scale)\(suffix)" }
        for (scale, suffix) in units where n >= scale {
            let tenths = (Double(n) / Double(scale) * 10).rounded() / 10
            return "\(tenths)\(suffix)"
        }
        return String(n)
    }
}

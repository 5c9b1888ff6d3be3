// Specs that would pass every field rule but always fail in `run` are rejected here, at the field
// that makes them fail: an objective that reads no metric, a built-in model past the trainer's
// size limit, and sampler upper bounds (min(prior · max_usage, 1)) that cannot sum to 1.
import SpecSyntax

extension SpecLimits {
    /// The largest model the built-in trainer trains (Trainer.TrainerConfiguration.maximumSize; a
    /// test keeps the two equal).
    public static let builtinModelSize: Int64 = 50_000_000
}

extension SpecBuilder {
    mutating func checkRunability(_ root: Checked, domains: [Domain], proxies: Proxies, objective: Objective, verify: Verify?) {
        if objective.expression.metricNames.isEmpty, let node = root["objective"]?["minimize"] ?? root["objective"]?["maximize"] {
            error("the objective reads no metric, so there is nothing to learn or optimise; name at least one (e.g. loss.\(domains.first?.name ?? "web"))",
                  at: node.range)
        }
        if proxies.trainer == .builtin, proxies.results == nil {
            let models = root["proxies"]?["models"]?.list ?? []
            for (model, item) in zip(proxies.models, models) where model.size > SpecLimits.builtinModelSize {
                error("model '\(model.name)' has \(model.size) parameters; the built-in trainer trains at most \(SpecLimits.builtinModelSize) (use a command trainer for larger models)",
                      at: item["size"]?.range ?? item.range)
            }
            if let verify, verify.model.size > SpecLimits.builtinModelSize {
                error("the verify model has \(verify.model.size) parameters; the built-in trainer trains at most \(SpecLimits.builtinModelSize)",
                      at: root["verify"]?["model"]?["size"]?.range ?? root.member("verify")?.keyRange)
            }
        }
        checkSamplerBounds(root, domains: domains, proxies: proxies)
    }

    /// RegMix's sampler rejects draws above min(prior · max_usage, 1) per domain: when those bounds
    /// sum below 1 no mixture can satisfy them. Checked when the prior is known without reading data.
    private mutating func checkSamplerBounds(_ root: Checked, domains: [Domain], proxies: Proxies) {
        guard proxies.results == nil else { return }
        let explicit = domains.compactMap(\.prior)
        let weights: [Double]
        if explicit.count == domains.count {
            weights = explicit
        } else {
            let tokens = domains.compactMap(\.tokens)
            guard tokens.count == domains.count else { return }
            weights = tokens.map(Double.init)
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return }
        let maxUsage = proxies.sampler.maxUsage
        let capacity = weights.reduce(0.0) { $0 + min($1 / total * maxUsage, 1) }
        if capacity < 1 - 1e-9 {
            error("proxies.sampler.max_usage \(SchemaValidator.format(maxUsage)) caps each domain at prior · max_usage, and those caps sum to \(SchemaValidator.format(capacity)) < 1, so no mixture can be drawn; raise max_usage",
                  at: root["proxies"]?["sampler"]?["max_usage"]?.range ?? root["proxies"]?.member("sampler")?.keyRange)
        }
    }
}

// `scaling`: rules that need more than one key — enough proxy sizes for a size law, a target at
// least as large as the largest proxy, checkpoints the step law can use, and long-form metrics when
// results are imported.
import SpecSyntax

/// The columns of long-form metrics (one row per run, model and checkpoint) that are not metrics.
public enum LongFormColumns {
    /// Names the proxy model of a row.
    public static let model = "model"
    /// Training tokens at the checkpoint.
    public static let tokens = "tokens"
    /// Or the step, with `scaling.steps.tokens_per_step`.
    public static let step = "step"
    /// All three.
    public static let all: Set<String> = [model, tokens, step]
}

extension SpecBuilder {
    mutating func buildScaling(_ section: Checked.Member, root: Checked, proxies: Proxies?) -> Scaling? {
        let s = section.value
        guard let target = s["target"], let size = target["size"]?.int, let tokens = target["tokens"]?.int,
              let bootstrap = s["bootstrap"], let samples = bootstrap["samples"]?.int, let seed = bootstrap["seed"]?.int,
              let level = bootstrap["level"]?.number, let delta = s["huber_delta"]?.number else { return nil }
        let fromTokens = s["steps"]?["from_tokens"]?.int
        let tokensPerStep = s["steps"]?["tokens_per_step"]?.int
        var ok = true
        if let proxies, !tainted("proxies") {
            let modelsNode = root["proxies"]?["models"]
            let sizes = Set(proxies.models.map(\.size))
            if sizes.count < 2 {
                error("'scaling' fits a size law across the proxy models, so it needs models of at least two sizes; 'proxies.models' has \(sizes.count == 1 ? "one size" : "none")",
                      at: section.keyRange,
                      notes: modelsNode.map { [DiagnosticNote("proxy models listed here", range: $0.range)] } ?? [],
                      fixIt: FixIt("add a proxy model of another size under 'proxies.models'"))
                ok = false
            }
            if let largest = proxies.models.max(by: { $0.size < $1.size }), size < largest.size {
                let items = modelsNode?.list ?? []
                let note = zip(proxies.models, items).first { $0.0.name == largest.name }.map {
                    [DiagnosticNote("proxy model '\(largest.name)' has \(largest.size) parameters", range: $0.1["size"]?.range ?? $0.1.range)]
                } ?? []
                error("the scaling target has \(size) parameters, fewer than the largest proxy model ('\(largest.name)', \(largest.size)); the size law extrapolates upwards",
                      at: target["size"]?.range ?? target.range, notes: note)
                ok = false
            }
            if let fromTokens {
                let short = proxies.models.filter { checkpointsAvailable(model: $0, proxies: proxies, fromTokens: fromTokens) < 3 }
                if !short.isEmpty {
                    let names = short.map { "'\($0.name)' (\(checkpointsAvailable(model: $0, proxies: proxies, fromTokens: fromTokens)))" }.joined(separator: ", ")
                    let why = proxies.trainer == .builtin
                        ? "the built-in trainer checkpoints a run at tokens/32, …, tokens/2 and tokens"
                        : "a run reports no checkpoint past its tokens"
                    error("'scaling.steps.from_tokens' leaves fewer than three checkpoints for the step law of model \(names) (\(why))",
                          at: s["steps"]?["from_tokens"]?.range ?? section.keyRange)
                    ok = false
                }
            }
            if proxies.results != nil, let metrics = root["proxies"]?["results"]?["metrics"], let shape = metricsCSV {
                let columns = Set(shape.valueColumns)
                if !columns.contains(LongFormColumns.model) || !(columns.contains(LongFormColumns.tokens) || columns.contains(LongFormColumns.step)) {
                    error("with 'scaling', the imported metrics must be long-form (run, model, tokens or step, then metrics: one row per checkpoint); '\(metrics.string ?? "")' has no '\(columns.contains(LongFormColumns.model) ? "tokens' or 'step" : "model")' column",
                          at: metrics.range, notes: [DiagnosticNote("its columns: " + shape.valueColumns.joined(separator: ", "))])
                    ok = false
                } else if !columns.contains(LongFormColumns.tokens), tokensPerStep == nil {
                    error("the imported metrics count checkpoints in steps; give 'scaling.steps.tokens_per_step' to turn them into tokens",
                          at: metrics.range, fixIt: FixIt("add 'steps: {tokens_per_step: …}' under 'scaling'"))
                    ok = false
                }
            }
        }
        guard ok else { return nil }
        return Scaling(targetSize: size, targetTokens: tokens, fromTokens: fromTokens, tokensPerStep: tokensPerStep,
                       bootstrapSamples: Int(samples), bootstrapSeed: UInt64(seed), level: level, huberDelta: delta)
    }

    /// Checkpoints of `model` at or after `fromTokens` that are known before running: the built-in
    /// trainer's schedule (tokens/2^k for k ≤ 5, and tokens); otherwise 3 when the model trains that
    /// far (a command's or an import's schedule is its own, checked when its results arrive), else 0.
    private func checkpointsAvailable(model: ProxyModel, proxies: Proxies, fromTokens: Int64) -> Int {
        guard proxies.trainer == .builtin, proxies.results == nil else { return model.tokens >= fromTokens ? 3 : 0 }
        return (0...5).filter { (model.tokens >> Int64($0)) >= fromTokens }.count
    }
}

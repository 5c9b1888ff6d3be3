// `step-law`: Data Mixing Laws' L(D) = E + (D0/D)^α over one proxy run's checkpoints at or after
// `scaling.steps.from_tokens` (default: the later half), one exponent shared across the run's metrics.
import Compiler
import ContentStore
import Foundation
import Methods

enum StepLawTask {
    static func run(_ p: StepLawParameters, _ upstream: [Data]) throws -> StepLawPayload {
        let checkpoints = try p.imported.map { try importedCheckpoints($0, upstream) } ?? trainedCheckpoints(p, upstream)
        let selected = StepLaw.selectCheckpoints(tokens: checkpoints.map(\.tokens), fromTokens: p.scaling.steps.fromTokens)
            .map { checkpoints[$0] }
        guard selected.count >= StepLaw.minimumCheckpoints else {
            let threshold = p.scaling.steps.fromTokens.map { "at or after \($0) tokens" } ?? "in the later half of the run"
            throw EngineError.taskFailed("run \(p.run): the step law needs at least \(StepLaw.minimumCheckpoints) checkpoints \(threshold), but the run reported \(selected.count) (checkpoints at tokens: \(checkpoints.map { String($0.tokens) }.joined(separator: ", ")))"
                + (p.imported == nil ? "; a command trainer reports them as {\"steps\": [{\"step\": s, \"tokens\": t, \"metrics\": {…}}]} in metrics.json" : ""))
        }
        let metrics = selected.dropFirst().reduce(Set(selected[0].metrics.keys)) { $0.intersection($1.metrics.keys) }.sorted()
        guard !metrics.isEmpty else { throw EngineError.taskFailed("run \(p.run): no metric is reported at every checkpoint the step law uses") }
        let observed = metrics.map { name in selected.map { $0.metrics[name] ?? .nan } }
        for (name, values) in zip(metrics, observed) where !values.allSatisfy({ $0.isFinite && $0 > 0 }) {
            throw EngineError.taskFailed("run \(p.run): metric '\(name)' is not a positive loss at every checkpoint (\(values)); the step law fits losses")
        }
        let options = PowerLawFitOptions(huberDelta: p.scaling.huberDelta)
        let bootstrap = BootstrapOptions(samples: p.scaling.bootstrap.samples, seed: p.scaling.bootstrap.seed, level: p.scaling.bootstrap.level)
        do {
            let result = try StepLaw.fit(tokens: selected.map { Double($0.tokens) }, observed: observed, options: options, bootstrap: bootstrap)
            return StepLawPayload(metrics: metrics, result: result, checkpoints: checkpoints)
        } catch let error as MethodsError {
            throw EngineError.taskFailed("run \(p.run): \(error)")
        }
    }

    /// The run's checkpoints from its trainings (one per replicate seed), averaged per token count
    /// over the replicates that reached it.
    private static func trainedCheckpoints(_ p: StepLawParameters, _ upstream: [Data]) throws -> [StepPayload] {
        var sums: [Int64: (step: Int64, metrics: [String: Double], counts: [String: Int])] = [:]
        for data in upstream {
            let train = try PayloadCoding.decode(TrainPayload.self, from: data, task: "train of \(p.run)")
            for step in train.steps {
                var entry = sums[step.tokens] ?? (step.step, [:], [:])
                for (name, value) in step.metrics {
                    entry.metrics[name, default: 0] += value
                    entry.counts[name, default: 0] += 1
                }
                sums[step.tokens] = entry
            }
        }
        return sums.keys.sorted().compactMap { tokens in
            guard let entry = sums[tokens] else { return nil }
            // A metric counts at a checkpoint only when every replicate reported it there.
            let metrics = entry.metrics.filter { entry.counts[$0.key] == upstream.count }.mapValues { $0 / Double(upstream.count) }
            return StepPayload(step: entry.step, tokens: tokens, metrics: metrics)
        }
    }

    /// One imported run's checkpoints for one model (long-form metrics).
    private static func importedCheckpoints(_ i: StepLawParameters.Imported, _ upstream: [Data]) throws -> [StepPayload] {
        let table = try PayloadCoding.decode(RunTablePayload.self, from: upstream.first, task: "import")
        guard table.runs.indices.contains(i.mixture) else {
            throw EngineError.taskFailed("the imported results hold \(table.runs.count) runs; run \(i.mixture) is missing")
        }
        let run = table.runs[i.mixture]
        guard let steps = run.checkpoints?[i.model], !steps.isEmpty else {
            throw EngineError.taskFailed("run \(run.id): the long-form metrics have no rows for model '\(i.model)'")
        }
        return steps
    }
}

// `collect`: the table the regression learns from — the imported runs, or the first proxy model's
// trainings averaged over replicates, one row per mixture, checked against the swarm table.
import Compiler
import ContentStore
import Foundation

enum CollectTask {
    /// Checkpoints kept per run for the report's curves: a trainer may report thousands.
    static let maxSteps = 64

    /// At most `maxSteps` checkpoints, evenly spaced by index, always keeping the last.
    static func thinned(_ steps: [StepPayload]) -> [StepPayload] {
        guard steps.count > maxSteps else { return steps }
        let last = steps.count - 1
        let picked = Set((0..<maxSteps).map { $0 * last / (maxSteps - 1) })
        return picked.sorted().map { steps[$0] }
    }

    static func run(_ p: CollectParameters, _ upstream: [Data]) throws -> RunTablePayload {
        if p.scaled == true { return try scaled(p, upstream) }
        if p.imported { return try PayloadCoding.decode(RunTablePayload.self, from: upstream.first, task: "import") }
        let swarm = try PayloadCoding.decode(SwarmPayload.self, from: upstream.first, task: "sample")
        let trains = upstream.dropFirst()
        guard trains.count == p.runs.count else {
            throw EngineError.taskFailed("collect has \(trains.count) training inputs for \(p.runs.count) runs")
        }
        var byMixture: [Int: [TrainPayload]] = [:]
        for (run, data) in zip(p.runs, trains) {
            let payload = try PayloadCoding.decode(TrainPayload.self, from: data, task: "train of mixture \(run.mixture)")
            guard swarm.mixtures.indices.contains(run.mixture), payload.weights == swarm.mixtures[run.mixture] else {
                throw EngineError.taskFailed("the training of mixture \(run.mixture) (seed \(run.seed)) used weights that differ from the swarm's")
            }
            byMixture[run.mixture, default: []].append(payload)
        }
        let width = max(4, String(max(swarm.mixtures.count - 1, 0)).count)
        var rows: [RunRow] = []
        for index in swarm.mixtures.indices {
            guard let replicates = byMixture[index], let first = replicates.first else { continue }
            let names = replicates.reduce(Set(first.metrics.keys)) { $0.intersection($1.metrics.keys) }
            var mean: [String: Double] = [:]
            for name in names {
                mean[name] = replicates.reduce(0) { $0 + ($1.metrics[name] ?? 0) } / Double(replicates.count)
            }
            rows.append(RunRow(id: String(repeating: "0", count: max(0, width - String(index).count)) + String(index),
                               weights: swarm.mixtures[index], metrics: mean,
                               replicates: replicates.count > 1 ? replicates.map(\.metrics) : nil,
                               steps: first.steps.isEmpty ? nil : thinned(first.steps)))
        }
        let common = rows.map { Set($0.metrics.keys) }.reduce(nil as Set<String>?) { $0?.intersection($1) ?? $1 } ?? []
        return RunTablePayload(domains: p.domains, metrics: common.sorted(), runs: rows)
    }

    /// With `scaling`: one row per mixture holding its size law's predicted target-scale losses and
    /// their bootstrap replicates; weights and run ids from the swarm table or the import.
    private static func scaled(_ p: CollectParameters, _ upstream: [Data]) throws -> RunTablePayload {
        let runs: [(id: String, weights: [Double])]
        if p.imported {
            let table = try PayloadCoding.decode(RunTablePayload.self, from: upstream.first, task: "import")
            runs = table.runs.map { ($0.id, $0.weights) }
        } else {
            let swarm = try PayloadCoding.decode(SwarmPayload.self, from: upstream.first, task: "sample")
            let width = max(4, String(max(swarm.mixtures.count - 1, 0)).count)
            runs = swarm.mixtures.indices.map { (String(repeating: "0", count: max(0, width - String($0).count)) + String($0), swarm.mixtures[$0]) }
        }
        let laws = upstream.dropFirst()
        guard laws.count == p.runs.count else { throw EngineError.taskFailed("collect has \(laws.count) size laws for \(p.runs.count) runs") }
        var rows: [RunRow] = []
        for (run, data) in zip(p.runs, laws) {
            let law = try PayloadCoding.decode(SizeLawPayload.self, from: data, task: "size-law of mixture \(run.mixture)")
            guard runs.indices.contains(run.mixture), law.mixture == run.mixture else {
                throw EngineError.taskFailed("the size law of mixture \(run.mixture) does not belong to the swarm's mixture \(run.mixture)")
            }
            var metrics: [String: Double] = [:], samples: [String: [Double]] = [:]
            for (k, name) in law.metrics.enumerated() {
                metrics[name] = law.result.target[k].estimate
                samples[name] = law.result.replicates.map { $0[k] }
            }
            rows.append(RunRow(id: runs[run.mixture].id, weights: runs[run.mixture].weights, metrics: metrics, samples: samples))
        }
        let common = rows.map { Set($0.metrics.keys) }.reduce(nil as Set<String>?) { $0?.intersection($1) ?? $1 } ?? []
        return RunTablePayload(domains: p.domains, metrics: common.sorted(), runs: rows)
    }
}

// The training loop: sample, step, evaluate at log-spaced checkpoints, report.

/// The built-in CPU trainer. Pure apart from CPU time: the same corpora, weights and
/// configuration give the same result on the same machine. Single-threaded per run; run several
/// at once for parallelism.
public enum BuiltinTrainer {
    /// Implementation version: bump when a change alters any result (part of `train` task keys).
    public static let version = 1
    /// Validation positions scored in one forward pass.
    static let evaluationRows = 256
    /// Length of the contiguous validation segments that make up the scored subset.
    static let evaluationSegment = 256

    /// Trains a fresh model on `configuration.tokens` bytes drawn from `corpora` in proportion to
    /// `weights` (one per corpus, ≥ 0, any positive sum; normalised here) and reports the
    /// validation loss of every corpus. `isCancelled` is polled between steps; when it returns
    /// true the run stops with `CancellationError`.
    public static func train(corpora: [DomainCorpus], weights: [Double], configuration: TrainerConfiguration,
                             isCancelled: () -> Bool = { false }) throws -> TrainingResult {
        try configuration.validate()
        let normalised = try normalise(weights: weights, corpora: corpora)
        let shape = configuration.shape
        let batch = configuration.batchSize
        let model = MLPLanguageModel(shape: shape, maxRows: max(batch, evaluationRows), seed: configuration.seed)
        var sampler = MixtureSampler(corpora: corpora, weights: normalised,
                                     windowLength: configuration.windowLength, seed: configuration.seed)
        let evaluation = corpora.map { evaluationPositions(validationCount: $0.validation.count, cap: configuration.validationTokens) }

        let totalTokens = configuration.tokens
        let stepCount = Int((totalTokens + Int64(batch) - 1) / Int64(batch))
        let checkpointSteps = checkpointSchedule(tokens: totalTokens, batch: batch, checkpoints: configuration.checkpoints)
        let warmup = max(1, stepCount / 50)
        var checkpoints: [TrainingCheckpoint] = []
        var consumed: Int64 = 0

        for step in 1...stepCount {
            if isCancelled() { throw CancellationError() }
            let rows = Int(min(Int64(batch), totalTokens - consumed))
            sampler.fill(rows: rows, context: shape.context, contexts: model.contexts, targets: model.targets)
            model.accumulateGradients(rows: rows)
            model.adamUpdate(rate: learningRate(step: step, steps: stepCount, warmup: warmup, peak: configuration.learningRate))
            consumed += Int64(rows)
            if checkpointSteps.contains(step) {
                let metrics = evaluate(model: model, corpora: corpora, positions: evaluation)
                checkpoints.append(TrainingCheckpoint(step: step, tokens: consumed, metrics: metrics))
            }
        }

        var tokensPerDomain: [String: Int64] = [:]
        var epochs: [String: Double] = [:]
        for (d, corpus) in corpora.enumerated() {
            tokensPerDomain[corpus.name] = sampler.drawn[d]
            epochs[corpus.name] = Double(sampler.drawn[d]) / Double(max(1, corpus.train.count))
        }
        return TrainingResult(
            shape: shape, parameterCount: shape.parameterCount, tokens: consumed, stepCount: stepCount,
            metrics: checkpoints.last?.metrics ?? [:], steps: checkpoints,
            tokensPerDomain: tokensPerDomain, epochs: epochs,
            flops: Double(shape.trainingFLOPsPerToken) * Double(consumed))
    }

    /// The metric name of a domain's validation loss.
    public static func lossMetric(_ domain: String) -> String { "loss.\(domain)" }

    static func normalise(weights: [Double], corpora: [DomainCorpus]) throws -> [Double] {
        guard !corpora.isEmpty else { throw TrainerError.invalidWeights("no domains to train on") }
        guard weights.count == corpora.count else {
            throw TrainerError.invalidWeights("\(weights.count) weights for \(corpora.count) domains")
        }
        var names = Set<String>()
        for (w, corpus) in zip(weights, corpora) {
            guard names.insert(corpus.name).inserted else { throw TrainerError.invalidWeights("domain '\(corpus.name)' appears twice") }
            guard w.isFinite && w >= 0 else { throw TrainerError.invalidWeights("weight of '\(corpus.name)' is \(w); weights must be finite and ≥ 0") }
            if w > 0 && corpus.train.isEmpty { throw TrainerError.invalidWeights("domain '\(corpus.name)' has weight \(w) but no training text") }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw TrainerError.invalidWeights("all weights are zero") }
        return weights.map { $0 / total }
    }

    /// Steps after which to evaluate: the last step before tokens/2, tokens/4, … (each ≥ 1 step), and the final step.
    static func checkpointSchedule(tokens: Int64, batch: Int, checkpoints: Int) -> Set<Int> {
        let stepCount = Int((tokens + Int64(batch) - 1) / Int64(batch))
        var steps: Set<Int> = [stepCount]
        for k in 0..<checkpoints {
            let target = tokens >> Int64(k + 1)
            let step = Int((target + Int64(batch) - 1) / Int64(batch))
            if step >= 1 { steps.insert(step) }
        }
        return steps
    }

    /// Linear warm-up, then cosine decay from `peak` to `peak`/10 at the last step.
    static func learningRate(step: Int, steps: Int, warmup: Int, peak: Double) -> Double {
        let ramp = min(1, Double(step) / Double(warmup))
        let progress = Double(step - 1) / Double(max(1, steps - 1))
        return peak * ramp * (0.1 + 0.9 * 0.5 * (1 + _cos(Double.pi * progress)))
    }

    /// Scored validation positions: all of them when there are at most `cap`; otherwise
    /// S = max(1, cap/256) non-overlapping segments of cap/S consecutive positions, evenly spaced
    /// from the start to the end of the validation stream (exactly `cap` when cap is a multiple of 256).
    static func evaluationPositions(validationCount n: Int, cap: Int) -> [Int] {
        if n <= cap { return Array(0..<n) }
        let segments = max(1, cap / evaluationSegment)
        let length = cap / segments
        var positions: [Int] = []
        positions.reserveCapacity(segments * length)
        for s in 0..<segments {
            let start = segments == 1 ? 0 : s * (n - length) / (segments - 1)
            positions.append(contentsOf: start..<(start + length))
        }
        return positions
    }

    static func evaluate(model: MLPLanguageModel, corpora: [DomainCorpus], positions: [[Int]]) -> [String: Double] {
        var metrics: [String: Double] = [:]
        let context = model.shape.context
        for (d, corpus) in corpora.enumerated() {
            let list = positions[d]
            guard !list.isEmpty else { continue }
            var total = 0.0
            corpus.validation.withUnsafeBufferPointer { text in
                var i = 0
                while i < list.count {
                    let rows = min(evaluationRows, list.count - i)
                    for r in 0..<rows {
                        let p = list[i + r]
                        writeContext(text: text, position: p, context: context, into: model.contexts + r * context)
                        model.targets[r] = Int32(text[p])
                    }
                    total += model.evaluate(rows: rows)
                    i += rows
                }
            }
            metrics[lossMetric(corpus.name)] = total / Double(list.count)
        }
        return metrics
    }
}

import SpecModel
import Testing
@testable import Trainer

@Suite struct BuiltinTrainerTests {
    @Test func sameSeedSameResultOtherSeedOtherResult() throws {
        let corpora = try smallCorpora()
        let a = try BuiltinTrainer.train(corpora: corpora, weights: [0.3, 0.7], configuration: tinyConfiguration(tokens: 1500))
        let b = try BuiltinTrainer.train(corpora: corpora, weights: [0.3, 0.7], configuration: tinyConfiguration(tokens: 1500))
        #expect(a == b)
        let c = try BuiltinTrainer.train(corpora: corpora, weights: [0.3, 0.7], configuration: tinyConfiguration(tokens: 1500, seed: 2))
        #expect(a.metrics != c.metrics)
    }

    @Test func consumesExactlyTheRequestedTokensInProportion() throws {
        let corpora = try smallCorpora(seeds: [1, 2, 3])
        let tokens: Int64 = 2_345  // not a multiple of the batch or the window
        let result = try BuiltinTrainer.train(corpora: corpora, weights: [2, 1, 0], configuration: tinyConfiguration(tokens: tokens))
        #expect(result.tokens == tokens)
        #expect(result.tokensPerDomain.values.reduce(0, +) == tokens)
        #expect(result.stepCount == 74)  // ⌈2345 / 32⌉
        #expect(result.tokensPerDomain["s3"] == 0)
        let share = Double(result.tokensPerDomain["s1"]!) / Double(tokens)
        #expect(abs(share - 2.0 / 3.0) <= 16.0 / Double(tokens))  // within one window
        #expect(abs(result.epochs["s1"]! - Double(result.tokensPerDomain["s1"]!) / Double(corpora[0].train.count)) < 1e-12)
        #expect(result.flops == Double(result.shape.trainingFLOPsPerToken) * Double(tokens))
        #expect(Set(result.metrics.keys) == ["loss.s1", "loss.s2", "loss.s3"])
    }

    @Test func repeatsADomainWhenItRunsOut() throws {
        let corpora = try smallCorpora(seeds: [1, 2], bytes: 400)
        let result = try BuiltinTrainer.train(corpora: corpora, weights: [1, 1], configuration: tinyConfiguration(tokens: 3_000))
        #expect(result.epochs["s1"]! > 3)
    }

    @Test func lossFallsWithMoreTokens() throws {
        let corpora = try smallCorpora()
        let result = try BuiltinTrainer.train(corpora: corpora, weights: [1, 1], configuration: tinyConfiguration(tokens: 4_000))
        #expect(result.steps.map(\.tokens) == [512, 1024, 2016, 4000])  // log-spaced, final last
        #expect(result.steps.last?.metrics == result.metrics)
        for domain in ["loss.s1", "loss.s2"] {
            let losses = result.steps.map { $0.metrics[domain]! }
            #expect(losses.last! < losses.first! - 0.3, "\(domain): \(losses)")
            #expect(losses.last! < 5.545)  // below the uniform byte distribution, ln 256
        }
    }

    @Test func aDomainsLossFallsAsItsWeightRises() throws {
        // Seed 36 speaks mostly its own private words, so what it learns comes from its own share.
        let corpora = try smallCorpora(seeds: [36, 1, 2])
        var previous = Double.infinity
        for w in [0.1, 0.5, 0.9] {
            let rest = (1 - w) / 2
            let result = try BuiltinTrainer.train(corpora: corpora, weights: [w, rest, rest], configuration: tinyConfiguration(tokens: 3_000))
            let loss = result.metrics["loss.s36"]!
            #expect(loss < previous, "weight \(w): \(loss) ≥ \(previous)")
            previous = loss
        }
    }

    @Test func cancellationStopsTheRun() throws {
        let corpora = try smallCorpora()
        var polls = 0
        #expect(throws: CancellationError.self) {
            try BuiltinTrainer.train(corpora: corpora, weights: [1, 1], configuration: tinyConfiguration(tokens: 100_000)) {
                polls += 1
                return polls > 3
            }
        }
        #expect(polls == 4)
    }

    @Test func badWeightsAndSettingsAreClearErrors() throws {
        let corpora = try smallCorpora()
        let config = tinyConfiguration(tokens: 100)
        #expect(throws: TrainerError.invalidWeights("1 weights for 2 domains")) {
            try BuiltinTrainer.train(corpora: corpora, weights: [1], configuration: config)
        }
        #expect(throws: TrainerError.invalidWeights("all weights are zero")) {
            try BuiltinTrainer.train(corpora: corpora, weights: [0, 0], configuration: config)
        }
        #expect(throws: TrainerError.invalidWeights("weight of 's2' is -1.0; weights must be finite and ≥ 0")) {
            try BuiltinTrainer.train(corpora: corpora, weights: [1, -1], configuration: config)
        }
        #expect(throws: TrainerError.invalidWeights("domain 's1' appears twice")) {
            try BuiltinTrainer.train(corpora: [corpora[0], corpora[0]], weights: [1, 1], configuration: config)
        }
        var zeroTokens = config
        zeroTokens.tokens = 0
        #expect(throws: TrainerError.invalidConfiguration("tokens must be at least 1, got 0")) {
            try BuiltinTrainer.train(corpora: corpora, weights: [1, 1], configuration: zeroTokens)
        }
        var huge = config
        huge.size = 1_000_000_000
        #expect(throws: TrainerError.invalidConfiguration("size 1000000000 exceeds the built-in trainer's limit of 50000000 parameters")) {
            try BuiltinTrainer.train(corpora: corpora, weights: [1, 1], configuration: huge)
        }
    }

    @Test func shapeFollowsTheRequestedSize() {
        for size: Int64 in [8_000, 32_000, 256_000, 1_000_000] {
            let shape = ModelShape.fitting(parameters: size, context: 8)
            let ratio = Double(shape.parameterCount) / Double(size)
            #expect(ratio > 0.8 && ratio < 1.2, "size \(size) → \(shape) with \(shape.parameterCount)")
            #expect(shape.hidden % 8 == 0)
        }
        #expect(ModelShape(context: 8, embedding: 7, hidden: 16).parameterCount == 256 * 7 + 56 * 16 + 16 + 16 * 256 + 256)
        #expect(ModelShape.fitting(parameters: 10, context: 8).parameterCount > 10)  // the smallest model is bigger
    }

    @Test func evaluationSubsetIsFixedAndSpread() {
        #expect(BuiltinTrainer.evaluationPositions(validationCount: 100, cap: 1024) == Array(0..<100))
        let positions = BuiltinTrainer.evaluationPositions(validationCount: 100_000, cap: 1024)
        #expect(positions.count == 1024 && Set(positions).count == 1024)
        #expect(positions.first == 0 && positions.last == 99_999)
    }
}

/// `check` rejects models the built-in trainer would refuse, with the trainer's own limit.
@Test func specLimitMatchesTheTrainersSizeLimit() {
    #expect(SpecLimits.builtinModelSize == TrainerConfiguration.maximumSize)
}

import SeededRandom
import TestSupport
import Testing
@testable import Methods

@Suite struct SamplerTests {
    static let tokens: [Double] = [40, 25, 15, 10, 5, 3, 1.5, 0.5]
    static let parameters = SwarmSamplerParameters(prior: tokens, seed: 42)

    @Test func tenThousandDrawsRespectBoundsZeroingAndNormalisation() throws {
        let sampler = try SwarmSampler(Self.parameters)
        let draws = try sampler.mixtures(0..<10_000)
        var means = [Double](repeating: 0, count: Self.tokens.count)
        var zeroed = 0
        for w in draws {
            #expect(abs(w.reduce(0, +) - 1) < 1e-12)
            for j in w.indices {
                #expect(w[j] <= sampler.upperBounds[j])
                #expect(w[j] == 0 || w[j] >= Self.parameters.minWeight)
                if w[j] == 0 { zeroed += 1 }
                means[j] += w[j] / Double(draws.count)
            }
        }
        // Small strengths make sparse draws: zeroing must actually happen.
        #expect(zeroed > 1000)
        // The swarm is centred near the tempered prior (rejection and zeroing shift it a little).
        for j in means.indices { #expect(abs(means[j] - sampler.temperedPrior[j]) < 0.05) }
        // Temperature flattens the prior: the smallest domain gets more than its token share.
        #expect(sampler.temperedPrior.last! > sampler.prior.last!)
        #expect(sampler.upperBounds[0] == 1)
        #expect(abs(sampler.upperBounds.last! - 0.5 / 100 * 15) < 1e-15)
    }

    @Test func strengthsAreLogSpacedLikeNumpy() {
        let s = logSpaced(from: 0.1, to: 5, count: 15)
        #expect(s.count == 15)
        #expect(s.first == 0.1 && s.last == 5)
        // numpy.logspace(log10(0.1), log10(5), 15)[7]
        #expect(abs(s[7] - 0.7071067811865476) < 1e-12)
    }

    @Test func prefixIsStableAndRunsAreDeterministic() throws {
        let small = try SwarmSampler(Self.parameters).mixtures(0..<64)
        let large = try SwarmSampler(Self.parameters).mixtures(0..<128)
        #expect(Array(large.prefix(64)) == small)
        #expect(try SwarmSampler(Self.parameters).mixture(at: 100) == large[100])
        var other = Self.parameters
        other.seed = 43
        #expect(try SwarmSampler(other).mixture(at: 0) != small[0])
        let text = small.prefix(4).map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try Golden.check(text, "golden/methods/sampler_seed42_first4.csv")
    }

    @Test func impossibleBoundsAreReportedNotLooped() throws {
        var p = Self.parameters
        p.maxUsage = 0.5
        #expect(throws: MethodsError.self) { try SwarmSampler(p) }
        // Bounds summing to exactly 1 admit only one point: the retry cap turns that into an error.
        let tight = SwarmSamplerParameters(prior: [1, 1], maxUsage: 1, minWeight: 0, seed: 1, maxAttempts: 500)
        let sampler = try SwarmSampler(tight)
        #expect(throws: MethodsError.self) { try sampler.mixture(at: 0) }
        #expect(throws: MethodsError.self) { try SwarmSampler(SwarmSamplerParameters(prior: [1, -1])) }
        #expect(throws: MethodsError.self) { try SwarmSampler(SwarmSamplerParameters(prior: [1, 1], temperature: 0)) }
    }

    @Test func zeroPriorDomainStaysEmpty() throws {
        let sampler = try SwarmSampler(SwarmSamplerParameters(prior: [3, 0, 1], seed: 5))
        for w in try sampler.mixtures(0..<200) { #expect(w[1] == 0) }
    }

    @Test func gammaMeanAndDirichletMean() {
        var rng = Xoshiro256StarStar(seed: 9)
        for shape in [0.05, 0.7, 3.0] {
            var sum = 0.0
            for _ in 0..<20_000 { sum += Foundation.exp(rng.nextLogGamma(shape: shape)) }
            #expect(abs(sum / 20_000 - shape) < 0.05 * max(shape, 0.5))
        }
    }
}

import Foundation

import Foundation
import SeededRandom

/// Parameters of the RegMix Dirichlet swarm (DESIGN.md §8; `synthesize_mixture.py`).
public struct SwarmSamplerParameters: Sendable, Equatable {
    /// Prior weight per domain before temperature: token shares or given weights (need not sum to 1).
    public var prior: [Double]
    /// Temperature T; when T < 1 the prior becomes prior^T renormalised. T ≥ 1 leaves it unchanged (as RegMix).
    public var temperature: Double
    /// Smallest Dirichlet strength.
    public var minStrength: Double
    /// Largest Dirichlet strength.
    public var maxStrength: Double
    /// Number of log-spaced strengths between min and max (RegMix: 15).
    public var strengthCount: Int
    /// Per-domain upper bound = min(prior·maxUsage, 1), from the prior before temperature.
    public var maxUsage: Double
    /// Weights below this are set to 0 and the rest renormalised.
    public var minWeight: Double
    /// Seed of the swarm; mixture i depends only on (parameters, seed, i).
    public var seed: UInt64
    /// Attempts per mixture before giving up with an error.
    public var maxAttempts: Int

    /// Creates sampler parameters; defaults are RegMix's.
    public init(
        prior: [Double], temperature: Double = 0.5, minStrength: Double = 0.1, maxStrength: Double = 5.0,
        strengthCount: Int = 15, maxUsage: Double = 15, minWeight: Double = 2e-4, seed: UInt64 = 42,
        maxAttempts: Int = 100_000
    ) {
        self.prior = prior; self.temperature = temperature
        self.minStrength = minStrength; self.maxStrength = maxStrength; self.strengthCount = strengthCount
        self.maxUsage = maxUsage; self.minWeight = minWeight; self.seed = seed; self.maxAttempts = maxAttempts
    }
}

/// `count` values log-spaced over [low, high] (numpy.logspace(log10 low, log10 high, count)).
public func logSpaced(from low: Double, to high: Double, count: Int) -> [Double] {
    if count <= 1 || low == high { return [low] }
    let a = log10(low), b = log10(high)
    return (0..<count).map { i in
        i == count - 1 ? high : pow(10, a + (b - a) * Double(i) / Double(count - 1))
    }
}

/// Validates a prior vector and returns it normalised to sum 1.
func normalisedPrior(_ prior: [Double], what: String) throws -> [Double] {
    guard prior.count >= 2 else { throw MethodsError("\(what): need at least two domains, got \(prior.count)") }
    for (j, p) in prior.enumerated() where !(p.isFinite && p >= 0) {
        throw MethodsError("\(what): weight of domain \(j) is \(p); weights must be finite and ≥ 0")
    }
    let total = prior.reduce(0, +)
    guard total > 0 else { throw MethodsError("\(what): all weights are 0") }
    return prior.map { $0 / total }
}

/// The RegMix swarm sampler: Dirichlet draws around a tempered prior, rejected outside per-domain
/// upper bounds, small weights zeroed. Mixture i is a pure function of (parameters, i).
public struct SwarmSampler: Sendable {
    /// The parameters this sampler was built from.
    public let parameters: SwarmSamplerParameters
    /// Normalised prior before temperature.
    public let prior: [Double]
    /// Prior after temperature (the Dirichlet base measure).
    public let temperedPrior: [Double]
    /// Per-domain upper bounds min(prior·maxUsage, 1).
    public let upperBounds: [Double]
    /// The strengths one of which is picked uniformly per attempt.
    public let strengths: [Double]

    /// Validates the parameters; throws when sampling would be impossible.
    public init(_ parameters: SwarmSamplerParameters) throws {
        self.parameters = parameters
        let p = parameters
        prior = try normalisedPrior(p.prior, what: "sampler prior")
        guard p.temperature.isFinite, p.temperature > 0 else {
            throw MethodsError("sampler temperature must be finite and > 0, got \(p.temperature)")
        }
        guard p.minStrength.isFinite, p.maxStrength.isFinite, p.minStrength > 0, p.minStrength <= p.maxStrength else {
            throw MethodsError("sampler strength range [\(p.minStrength), \(p.maxStrength)] must satisfy 0 < min ≤ max")
        }
        guard p.strengthCount >= 1 else { throw MethodsError("sampler strength count must be ≥ 1") }
        guard p.maxUsage.isFinite, p.maxUsage > 0 else { throw MethodsError("sampler max_usage must be finite and > 0") }
        guard p.minWeight.isFinite, p.minWeight >= 0, p.minWeight < 1 else {
            throw MethodsError("sampler min_weight must be in [0, 1), got \(p.minWeight)")
        }
        guard p.maxAttempts >= 1 else { throw MethodsError("sampler max attempts must be ≥ 1") }
        upperBounds = prior.map { min($0 * p.maxUsage, 1) }
        let capacity = upperBounds.reduce(0, +)
        if capacity < 1 - 1e-12 {
            throw MethodsError(
                "sampler bounds are impossible: the per-domain upper bounds min(prior·max_usage, 1) sum to \(capacity) < 1; raise max_usage (now \(p.maxUsage)) to at least 1")
        }
        if p.temperature < 1 {
            let powered = prior.map { $0 == 0 ? 0 : pow($0, p.temperature) }
            let total = powered.reduce(0, +)
            temperedPrior = powered.map { $0 / total }
        } else {
            temperedPrior = prior
        }
        strengths = logSpaced(from: p.minStrength, to: p.maxStrength, count: p.strengthCount)
    }

    /// Mixture number `index` of the swarm (0-based).
    public func mixture(at index: Int) throws -> [Double] {
        var rng = Xoshiro256StarStar(seed: parameters.seed, index: UInt64(index))
        for _ in 0..<parameters.maxAttempts {
            let strength = strengths[rng.nextInt(below: strengths.count)]
            var w = rng.nextDirichlet(alpha: temperedPrior.map { $0 * strength })
            var total = 0.0
            for j in w.indices {
                if w[j] < parameters.minWeight { w[j] = 0 }
                total += w[j]
            }
            guard total > 0 else { continue }
            var inside = true
            for j in w.indices {
                w[j] /= total
                if w[j] > upperBounds[j] { inside = false }
            }
            if inside { return w }
        }
        throw MethodsError(
            "sampler could not draw mixture \(index) within \(parameters.maxAttempts) attempts: the upper bounds min(prior·max_usage, 1) reject almost every Dirichlet draw; raise max_usage or the strength range")
    }

    /// Mixtures `range` of the swarm, in order; each is the same as `mixture(at:)` would return.
    public func mixtures(_ range: Range<Int>) throws -> [[Double]] {
        try range.map { try mixture(at: $0) }
    }
}

import Foundation
import Parallel
import SeededRandom

/// Parameters of the RegMix Dirichlet swarm (DESIGN.md §8; `synthesize_mixture.py`).
public struct SwarmSamplerParameters: Sendable, Hashable {
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
    /// Weights below this are set to 0 and the rest renormalised. It is also the grid on which two
    /// mixtures count as the same (RegMix's rounding, used for de-duplication only).
    public var minWeight: Double
    /// Seed of the swarm; mixture i depends only on (parameters, seed, i).
    public var seed: UInt64
    /// Attempts per mixture (draws rejected by the bounds, passed over as frequent, or repeating an
    /// earlier member, together) before giving up with an error.
    public var maxAttempts: Int
    /// Attempts in the reference pool that stands in for RegMix's candidate pool (RegMix draws 100
    /// candidates per swarm member, 51,200 for its 512-swarm); 0 turns the frequency weighting off
    /// and leaves only the redrawing of repeats. See `SwarmSampler`.
    public var poolAttempts: Int

    /// RegMix's candidate pool for its 512-member swarm: 100 attempts per member.
    public static let regMixPoolAttempts = 51_200

    /// Creates sampler parameters; defaults are RegMix's.
    public init(
        prior: [Double], temperature: Double = 0.5, minStrength: Double = 0.1, maxStrength: Double = 5.0,
        strengthCount: Int = 15, maxUsage: Double = 15, minWeight: Double = 2e-4, seed: UInt64 = 42,
        maxAttempts: Int = 100_000, poolAttempts: Int = regMixPoolAttempts
    ) {
        self.prior = prior; self.temperature = temperature
        self.minStrength = minStrength; self.maxStrength = maxStrength; self.strengthCount = strengthCount
        self.maxUsage = maxUsage; self.minWeight = minWeight; self.seed = seed; self.maxAttempts = maxAttempts
        self.poolAttempts = poolAttempts
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
/// upper bounds, small weights zeroed, no two members alike.
///
/// RegMix rounds every candidate to the `minWeight` grid, removes repeats from its pool of 100
/// candidates per member, and picks the swarm uniformly from the distinct candidates left. Two
/// consequences, reproduced here without a pool that depends on the swarm's size:
/// - No member repeats another: mixture i is never equal, on the `minWeight` grid, to one of
///   mixtures 0..<i (a draw that is gets redrawn).
/// - A mixture that many candidates round to (single-domain corners, mostly) is one distinct
///   candidate among thousands, so it is rarely picked. Here a draw that occurs m times in a fixed
///   reference pool (`poolAttempts` attempts from streams of their own, RegMix's 51,200 by default)
///   is kept with probability 1/(1 + m). The expected factor E[1/(1 + Binomial(n, q))] equals
///   (1 − (1 − q)^(n+1)) / ((n+1)·q), so a mixture of per-draw probability q ends up as likely as
///   in RegMix's selection from n + 1 candidates; draws that occur nowhere in the pool (almost all
///   of them) are kept as drawn.
///
/// Mixture i is the first draw of index i's own random stream that passes the bounds, is kept by
/// the weighting and repeats none of mixtures 0..<i. It is therefore still a pure function of
/// (parameters, i), and growing the swarm keeps every member. The weights themselves are not
/// rounded (they sum to 1); the grid only decides which mixtures are the same. With `minWeight` 0
/// two mixtures are the same when their weights are identical.
///
/// Mixture i needs mixtures 0..<i and the pool, so both are memoised per parameter set,
/// process-wide: asking for every index of a 10,000-member swarm one at a time (as the engine's
/// train tasks do) costs one pass over the swarm, not a quadratic number of draws.
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
    /// The members drawn so far and the reference pool, for these parameters (shared by every
    /// sampler built from them).
    private let members: SwarmMembers

    /// Validates the parameters; throws when sampling would be impossible.
    public init(_ parameters: SwarmSamplerParameters) throws {
        try self.init(parameters, shared: true)
    }

    /// `shared: false` gives the sampler members of its own (tests: order independence).
    init(_ parameters: SwarmSamplerParameters, shared: Bool) throws {
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
        guard p.poolAttempts >= 0 else { throw MethodsError("sampler pool attempts must be ≥ 0") }
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
        members = shared ? SwarmMembers.shared(for: p) : SwarmMembers()
    }

    /// Mixture number `index` of the swarm (0-based).
    public func mixture(at index: Int) throws -> [Double] {
        guard index >= 0 else { throw MethodsError("sampler mixture index must be ≥ 0, got \(index)") }
        return try members.withPrefix(index + 1, sampler: self) { $0[index] }
    }

    /// Mixtures `range` of the swarm, in order; each is the same as `mixture(at:)` would return.
    public func mixtures(_ range: Range<Int>) throws -> [[Double]] {
        guard range.lowerBound >= 0 else { throw MethodsError("sampler mixture index must be ≥ 0, got \(range.lowerBound)") }
        if range.isEmpty { return [] }
        return try members.withPrefix(range.upperBound, sampler: self) { Array($0[range]) }
    }

    /// The identity of a mixture for de-duplication: its weights as multiples of `minWeight`
    /// (rounded half to even, as numpy.round), or their bit patterns when `minWeight` is 0.
    func gridKey(_ w: [Double]) -> [Int64] {
        let step = parameters.minWeight
        if step == 0 { return w.map { Int64(bitPattern: $0.bitPattern) } }
        return w.map { Int64(($0 / step).rounded(.toNearestOrEven)) }
    }

    /// One attempt on `rng`: a Dirichlet draw at a random strength, weights below `minWeight`
    /// zeroed, renormalised; nil when the result breaks an upper bound.
    func attempt(_ rng: inout Xoshiro256StarStar) -> [Double]? {
        let strength = strengths[rng.nextInt(below: strengths.count)]
        var w = rng.nextDirichlet(alpha: temperedPrior.map { $0 * strength })
        var total = 0.0
        for j in w.indices {
            if w[j] < parameters.minWeight { w[j] = 0 }
            total += w[j]
        }
        guard total > 0 else { return nil }
        var inside = true
        for j in w.indices {
            w[j] /= total
            if w[j] > upperBounds[j] { inside = false }
        }
        return inside ? w : nil
    }

    /// How often each grid key (by fingerprint) occurs among the accepted draws of the reference
    /// pool: `poolAttempts` attempts in chunks of 1,024, chunk c on stream c of a family of its own.
    func referencePool() -> [UInt64: Int32] {
        let chunk = 1_024, attempts = parameters.poolAttempts
        let poolSeed = SplitMix64.mix(parameters.seed ^ 0x706F_6F6C_5F72_6566)  // "pool_ref"
        let found = Array(0..<((attempts + chunk - 1) / chunk)).parallelMap(minimumPerChunk: 1) { c -> [UInt64] in
            var rng = Xoshiro256StarStar(seed: poolSeed, index: UInt64(c))
            return (0..<min(chunk, attempts - c * chunk)).compactMap { _ in attempt(&rng).map { fingerprint(gridKey($0)) } }
        }
        var counts = [UInt64: Int32]()
        for prints in found { for f in prints { counts[f, default: 0] += 1 } }
        return counts
    }

    /// A fixed 64-bit fingerprint of a grid key (not Swift's per-process seeded hashing).
    func fingerprint(_ key: [Int64]) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for k in key { h = SplitMix64.mix(h ^ UInt64(bitPattern: k)) }
        return h
    }

    /// Draws member `index` given the keys of members 0..<index and the reference pool's counts.
    func draw(_ index: Int, excluding earlier: Set<[Int64]>, pool: [UInt64: Int32]) throws -> (mixture: [Double], key: [Int64]) {
        var rng = Xoshiro256StarStar(seed: parameters.seed, index: UInt64(index))
        var repeats = 0, passedOver = 0
        for _ in 0..<parameters.maxAttempts {
            guard let w = attempt(&rng) else { continue }
            let key = gridKey(w)
            if earlier.contains(key) { repeats += 1; continue }
            // Kept with probability 1/(1 + m); the uniform is drawn only for pool mixtures.
            if let m = pool[fingerprint(key)], rng.nextOpenUnit() * Double(1 + m) >= 1 { passedOver += 1; continue }
            return (w, key)
        }
        if repeats + passedOver > 0 {
            throw MethodsError(
                "sampler could not draw mixture \(index) within \(parameters.maxAttempts) attempts: \(repeats) of them repeated one of the \(index) earlier mixtures (rounded to min_weight \(parameters.minWeight)) and \(passedOver) were passed over as frequent; the swarm is about as large as the number of distinct mixtures these settings produce; lower proxies.count, or lower min_weight or raise the strength range")
        }
        throw MethodsError(
            "sampler could not draw mixture \(index) within \(parameters.maxAttempts) attempts: the upper bounds min(prior·max_usage, 1) reject almost every Dirichlet draw; raise max_usage or the strength range")
    }
}

/// The members of one swarm drawn so far, shared by every sampler with the same parameters.
final class SwarmMembers: @unchecked Sendable {
    private let lock = NSLock()
    /// The reference pool's counts, drawn with the first member.
    private var pool: [UInt64: Int32]?
    private var mixtures = [[Double]]()
    private var keys = Set<[Int64]>()
    /// Set when member `mixtures.count` cannot be drawn (a pure function of the parameters).
    private var failure: MethodsError?

    /// Runs `body` on at least the first `count` members, drawing the missing ones first.
    func withPrefix<T>(_ count: Int, sampler: SwarmSampler, _ body: ([[Double]]) -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        while mixtures.count < count {
            if let failure { throw failure }
            let pool = self.pool ?? sampler.referencePool()
            self.pool = pool
            do {
                let (w, key) = try sampler.draw(mixtures.count, excluding: keys, pool: pool)
                mixtures.append(w)
                keys.insert(key)
            } catch let error as MethodsError {
                failure = error
                throw error
            }
        }
        return body(mixtures)
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry = [SwarmSamplerParameters: SwarmMembers]()
    /// Parameter sets kept at once; the oldest is dropped beyond this (it is only a cache).
    static let registryLimit = 16
    nonisolated(unsafe) private static var registryOrder = [SwarmSamplerParameters]()

    /// The shared members for `parameters`.
    static func shared(for parameters: SwarmSamplerParameters) -> SwarmMembers {
        registryLock.lock()
        defer { registryLock.unlock() }
        if let members = registry[parameters] { return members }
        let members = SwarmMembers()
        if registryOrder.count >= registryLimit { registry[registryOrder.removeFirst()] = nil }
        registry[parameters] = members
        registryOrder.append(parameters)
        return members
    }
}

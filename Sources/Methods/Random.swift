import Foundation

/// SplitMix64: used to seed other generators and to derive independent streams.
public struct SplitMix64: Sendable {
    /// Current state.
    public private(set) var state: UInt64

    /// Creates a generator with the given seed.
    public init(seed: UInt64) { state = seed }

    /// Next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective 64-bit mixing function.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna): the generator behind every random draw in Methods.
public struct Xoshiro256StarStar: Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Seeds the four state words from SplitMix64(seed), as the authors recommend.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
    }

    /// A generator for item `index` of the stream family `seed`: item i depends only on (seed, i),
    /// so collections drawn item by item can grow without changing their prefix.
    public init(seed: UInt64, index: UInt64) {
        let derived = SplitMix64.mix(SplitMix64.mix(seed) ^ (index &* 0xD1B5_4A32_D192_ED03 &+ 0x8CB9_2BA7_2F3D_8DD7))
        self.init(seed: derived)
    }

    /// Next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform double in the open interval (0, 1); never exactly 0 so logarithms are safe.
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// Uniform integer in 0..<bound (Lemire's unbiased method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "internal: bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Standard normal draw (Box–Muller; consumes exactly two words).
    public mutating func nextNormal() -> Double {
        let u1 = nextOpenUnit(), u2 = nextOpenUnit()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Logarithm of a Gamma(shape, 1) draw. Marsaglia–Tsang for shape ≥ 1; for shape < 1 the
    /// boost Gamma(shape+1)·U^(1/shape), kept in log space so tiny shapes never underflow to 0.
    public mutating func nextLogGamma(shape: Double) -> Double {
        if shape < 1 {
            let boosted = nextLogGamma(shape: shape + 1)
            return boosted + Foundation.log(nextOpenUnit()) / shape
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = nextNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = nextOpenUnit()
            if u < 1 - 0.0331 * x * x * x * x { return Foundation.log(d * v) }
            if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return Foundation.log(d * v) }
        }
    }

    /// A Dirichlet(alpha) draw. Components with alpha == 0 are exactly 0.
    /// Normalised in log space (log-sum-exp) so very small concentrations stay well defined.
    public mutating func nextDirichlet(alpha: [Double]) -> [Double] {
        var logs = [Double](repeating: -.infinity, count: alpha.count)
        var top = -Double.infinity
        for j in alpha.indices where alpha[j] > 0 {
            logs[j] = nextLogGamma(shape: alpha[j])
            top = max(top, logs[j])
        }
        var total = 0.0
        var out = [Double](repeating: 0, count: alpha.count)
        for j in alpha.indices where logs[j] > -.infinity {
            out[j] = Foundation.exp(logs[j] - top)
            total += out[j]
        }
        for j in out.indices { out[j] /= total }
        return out
    }
}

// Seeded randomness of our own so every run is reproducible bit for bit on a given machine.

import SeededRandom

/// The draws the trainer needs, on the shared generator (internal: the methods library has its own).
extension Xoshiro256StarStar {
    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform integer in `0..<bound` (`bound` > 0), by multiply-shift (bias < 2^-64·bound).
    mutating func nextInt(below bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in [lower, upper).
    mutating func nextDouble(in lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUnit()
    }

    /// A standard normal draw (Box–Muller; one of the pair is discarded for simplicity).
    mutating func nextGaussian() -> Double {
        let u1 = max(nextUnit(), 1e-300)
        let u2 = nextUnit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

}

/// Mixes several words into one seed, so derived streams (per domain, per purpose) do not collide.
func deriveSeed(_ parts: UInt64...) -> UInt64 {
    var mix = SplitMix64(seed: 0x6D69_7873_7065_6321)  // "mixspec!"
    var acc: UInt64 = mix.next()
    for part in parts {
        mix = SplitMix64(seed: acc ^ part)
        acc = mix.next()
    }
    return acc
}

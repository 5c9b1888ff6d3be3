// The project's own seeded generators (no system randomness anywhere): SplitMix64 to expand seeds
// and derive streams, xoshiro256** (Blackman & Vigna) for draws. Shared by Methods and Trainer;
// each adds the distributions it needs as extensions.

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

/// xoshiro256**: a fast, high-quality 64-bit generator.
public struct Xoshiro256StarStar: Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Seeds the four state words from SplitMix64(seed), as the authors recommend (never all zero).
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
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

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

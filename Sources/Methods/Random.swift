import Foundation

import SeededRandom

/// The draws the methods library needs, on the shared generator.
extension Xoshiro256StarStar {
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

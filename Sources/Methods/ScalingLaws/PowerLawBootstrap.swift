import Foundation
import SeededRandom

/// How many bootstrap replicates, their seed, and the interval's coverage.
public struct BootstrapOptions: Sendable, Equatable, Codable {
    /// Replicates drawn.
    public var samples: Int
    /// Seed; replicate b draws from its own stream (seed, b), so results do not depend on order.
    public var seed: UInt64
    /// Coverage of percentile intervals, e.g. 0.95.
    public var level: Double

    /// Creates options; defaults 200 replicates, seed 0, 95 %.
    public init(samples: Int = 200, seed: UInt64 = 0, level: Double = 0.95) {
        self.samples = samples; self.seed = seed; self.level = level
    }
}

/// Residual bootstrap of a shared-exponent power-law fit (a fixed design: the checkpoints or the
/// sizes are chosen, not sampled, and with three or four points a case bootstrap degenerates).
/// Replicate b refits, from the central solution, the data ŷ·exp(d_b + r*_b), where ŷ are the central
/// fitted values, r*_b log residuals drawn with replacement from the pooled central residuals
/// (inflated by √(n/(n−p)) for the parameters fitted), and d_b an optional deviation the caller
/// propagates from an upstream bootstrap (the step laws' replicates, for the size law).
public enum PowerLawBootstrap {
    /// The replicate laws; replicates whose refit fails are left out (the count says how many held).
    public static func replicates(x: [Double], fit: PowerLawFit, options: PowerLawFitOptions, bootstrap: BootstrapOptions,
                                  deviation: ((Int) -> [[Double]]?)? = nil) -> [SharedPowerLaw] {
        let curves = fit.law.curves.count
        let pooled = fit.residuals.flatMap { $0 }
        let n = pooled.count, p = 2 * curves + 1
        let inflation = n > p ? (Double(n) / Double(n - p)).squareRoot() : 1
        let fitted = (0..<curves).map { k in x.map { fit.law.predict(curve: k, at: $0) } }
        var out: [SharedPowerLaw] = []
        out.reserveCapacity(max(bootstrap.samples, 0))
        for b in 0..<max(bootstrap.samples, 0) {
            var rng = Xoshiro256StarStar(seed: bootstrap.seed, index: UInt64(b))
            let shift = deviation?(b)
            var y = fitted
            for k in 0..<curves {
                for i in x.indices {
                    let r = n > 0 ? pooled[rng.nextInt(below: n)] * inflation : 0
                    let d = shift.flatMap { $0.indices.contains(k) && $0[k].indices.contains(i) ? $0[k][i] : nil } ?? 0
                    y[k][i] = fitted[k][i] * Foundation.exp(d + r)
                }
            }
            if let replicate = try? PowerLawFitter.refit(x: x, y: y, from: fit.law, options: options) {
                out.append(replicate.law)
            }
        }
        return out
    }
}

import Foundation

/// One curve of a power law L(x) = E + (x0/x)^α: its irreducible loss E and its scale x0.
public struct PowerLawCurve: Sendable, Equatable, Codable {
    /// Irreducible loss E > 0 (the limit as x → ∞).
    public var irreducible: Double
    /// Scale x0 > 0: the x at which the reducible part (x0/x)^α equals 1.
    public var scale: Double

    /// Creates a curve.
    public init(irreducible: Double, scale: Double) { self.irreducible = irreducible; self.scale = scale }
}

/// Power laws L_k(x) = E_k + (x0_k/x)^α sharing one exponent α across curves k (the metrics of one
/// run in the step law, of one mixture in the size law), as Data Mixing Laws fits them.
public struct SharedPowerLaw: Sendable, Equatable, Codable {
    /// The shared exponent α > 0.
    public var alpha: Double
    /// One curve per metric, in the order the fit was given.
    public var curves: [PowerLawCurve]

    /// Creates a law.
    public init(alpha: Double, curves: [PowerLawCurve]) { self.alpha = alpha; self.curves = curves }

    /// L_k(x); computed as E + exp(α(log x0 − log x)) so that large x0 and x do not overflow.
    public func predict(curve k: Int, at x: Double) -> Double {
        guard curves.indices.contains(k), x > 0 else { return .nan }
        let c = curves[k]
        return c.irreducible + Foundation.exp(alpha * (Foundation.log(c.scale) - Foundation.log(x)))
    }

    /// Every curve at `x`.
    public func predictAll(at x: Double) -> [Double] { curves.indices.map { predict(curve: $0, at: x) } }
}

/// A central estimate with a percentile bootstrap interval.
public struct Interval: Sendable, Equatable, Codable {
    /// The estimate from the fit to the observed data (not the bootstrap mean).
    public var estimate: Double
    /// Lower end of the interval.
    public var low: Double
    /// Upper end of the interval.
    public var high: Double

    /// Creates an interval.
    public init(estimate: Double, low: Double, high: Double) { self.estimate = estimate; self.low = low; self.high = high }

    /// The percentile interval of `samples` at `level` (e.g. 0.95) around `estimate`; samples that
    /// are not finite are dropped. With no finite sample the interval is the estimate alone.
    public static func percentile(estimate: Double, samples: [Double], level: Double) -> Interval {
        let sorted = samples.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return Interval(estimate: estimate, low: estimate, high: estimate) }
        let tail = (1 - min(max(level, 0), 1)) / 2
        return Interval(estimate: estimate, low: quantile(sorted, tail), high: quantile(sorted, 1 - tail))
    }

    /// True when `value` lies in [low, high].
    public func contains(_ value: Double) -> Bool { value >= low && value <= high }

    /// Linear interpolation between order statistics (numpy's default), of an ascending array.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}

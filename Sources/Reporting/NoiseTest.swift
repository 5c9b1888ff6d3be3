// Whether a difference between two verified objectives exceeds their replicate noise (issue 14):
// a two-sided Welch t-test at 95% on the per-seed means and standard deviations the verify table
// stores. With one seed on either side there is no estimate of the noise and no verdict.
import Foundation

/// The outcome of comparing one verified objective with another, seen from the second one.
public enum NoiseVerdict: String, Codable, Sendable, Equatable {
    /// Better than the reference, beyond the replicate noise (Welch p < 0.05).
    case better
    /// Worse than the reference, beyond the replicate noise.
    case worse
    /// The difference is within the replicate noise (p ≥ 0.05).
    case withinNoise = "within noise"
    /// Fewer than two seeds on a side: the noise is unknown, so no verdict.
    case noiseUnknown = "noise unknown"
}

/// A two-sided Welch t-test of `mean(B) − mean(A)`.
public struct DifferenceTest: Codable, Sendable, Equatable {
    /// The significance level of every verdict.
    public static let alpha = 0.05

    public var verdict: NoiseVerdict
    /// Two-sided p-value; `nil` when the noise is unknown.
    public var pValue: Double?
    /// Welch–Satterthwaite degrees of freedom; `nil` when the noise is unknown or zero.
    public var degreesOfFreedom: Double?
    /// The smaller number of seeds of the two sides (1 when a side has no spread recorded).
    public var seeds: Int

    /// Tests whether `b` differs from `a` beyond their replicate noise; `better` means `b` is better in `direction`.
    public init(a: VerifyRow, b: VerifyRow, direction: ObjectiveSummary.Direction) {
        let nA = a.objectiveStd == nil ? 1 : (a.seeds ?? 1), nB = b.objectiveStd == nil ? 1 : (b.seeds ?? 1)
        seeds = min(nA, nB)
        guard let sA = a.objectiveStd, let sB = b.objectiveStd, nA >= 2, nB >= 2, sA.isFinite, sB.isFinite,
              a.objective.isFinite, b.objective.isFinite else {
            verdict = .noiseUnknown; pValue = nil; degreesOfFreedom = nil
            return
        }
        let vA = sA * sA / Double(nA), vB = sB * sB / Double(nB)
        let difference = b.objective - a.objective
        let objective = ObjectiveSummary(direction: direction, text: "")
        let sign: NoiseVerdict = objective.isBetter(b.objective, than: a.objective) ? .better : .worse
        if vA + vB == 0 {
            // Every seed gave the same value on both sides: there is no noise to exceed.
            verdict = difference == 0 ? .withinNoise : sign
            pValue = difference == 0 ? 1 : 0
            degreesOfFreedom = nil
            return
        }
        let t = difference / (vA + vB).squareRoot()
        let df = (vA + vB) * (vA + vB) / (vA * vA / Double(nA - 1) + vB * vB / Double(nB - 1))
        let p = Self.twoSidedP(t: t, df: df)
        pValue = p
        degreesOfFreedom = df
        verdict = p < Self.alpha && difference != 0 ? sign : .withinNoise
    }

    /// P(|T| ≥ |t|) for Student's t with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).
    static func twoSidedP(t: Double, df: Double) -> Double {
        min(1, max(0, regularizedIncompleteBeta(x: df / (df + t * t), a: df / 2, b: 0.5)))
    }

    /// I_x(a, b) by Lentz's continued fraction (using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) where it converges faster).
    static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        if x < (a + 1) / (a + b + 2) { return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }

    /// How the test reads in a sentence: `Welch t-test p = 0.031`, or `noise unknown (1 seed)`.
    public var phrase: String {
        guard let p = pValue else { return "noise unknown (\(seeds) seed\(seeds == 1 ? "" : "s"))" }
        return "Welch t-test p \(ReportNumberFormat.pValue(p))"
    }
}

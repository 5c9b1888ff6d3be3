import Foundation
import SeededRandom

/// Options of the Data Mixing Laws regressor.
public struct MixingLawOptions: Sendable, Equatable, Codable {
    /// Huber loss threshold δ (residuals beyond δ count linearly).
    public var huberDelta: Double
    /// Number of L-BFGS starts; the best final loss is kept.
    public var starts: Int
    /// Seed of the random starts.
    public var seed: UInt64
    /// L-BFGS iteration cap per start.
    public var maxIterations: Int

    /// Creates options; defaults δ = 0.05 and 8 starts (the spec's defaults: with them the fit reproduces
    /// the laws Data Mixing Laws' authors published to 3e-4, `mixspec-bench mixing-law`), seed 0,
    /// 1000 iterations.
    public init(huberDelta: Double = 0.05, starts: Int = 8, seed: UInt64 = 0, maxIterations: Int = 1000) {
        self.huberDelta = huberDelta; self.starts = starts; self.seed = seed; self.maxIterations = maxIterations
    }
}

/// A fitted mixing law L(r) = c + k·exp(Σ_j t_j·r_j) with c, k > 0.
public struct MixingLawModel: Sendable, Equatable, Codable {
    /// Serialisation format tag.
    public var format = "mixspec.mixing-law"
    /// Serialisation format version.
    public var version = 1
    /// Irreducible loss c > 0.
    public var c: Double
    /// Scale k > 0.
    public var k: Double
    /// One exponent coefficient per domain.
    public var t: [Double]
    /// Mean Huber loss at the solution.
    public var trainingLoss: Double
    /// True when t was shifted to mean 0 (all training rows sum to 1, where t + s·1 and k·e^(-s) are the same law).
    public var canonicalised: Bool

    /// Prediction for one row.
    public func predict(row: ArraySlice<Double>) -> Double {
        var z = 0.0
        var j = 0
        for r in row { z += t[j] * r; j += 1 }
        return c + k * Foundation.exp(z)
    }

    /// Predictions for every row.
    public func predict(_ x: Matrix) -> [Double] {
        (0..<x.rows).map { predict(row: x.values[($0 * x.columns)..<(($0 + 1) * x.columns)]) }
    }
}

/// Fits Data Mixing Laws' L(r) = c + k·exp(t·r) (Ye et al. 2024) by multi-start L-BFGS on the mean
/// Huber loss. c = e^a and k = e^b keep both positive. Start 0 is t = 0 with c at half the smallest
/// target; the other starts draw t_j ~ U(-3, 3) and c as a random fraction of the smallest target.
/// On the simplex (rows summing to 1) only t up to a common shift is identifiable: the result is
/// reported with mean(t) = 0 and k adjusted, which leaves every prediction on the simplex unchanged.
public enum MixingLawRegressor {
    /// Fits the law; throws on invalid input (targets must be finite and > 0).
    public static func fit(_ x: Matrix, _ y: [Double], options: MixingLawOptions = MixingLawOptions()) throws -> MixingLawModel {
        let n = x.rows, d = x.columns
        guard n >= 1, y.count == n else { throw MethodsError("mixing-law fit needs ≥ 1 row and one target per row (rows \(n), targets \(y.count))") }
        guard options.huberDelta > 0, options.huberDelta.isFinite, options.starts >= 1, options.maxIterations >= 1 else {
            throw MethodsError("mixing-law options out of range: δ must be > 0, starts and iterations ≥ 1")
        }
        for (i, v) in y.enumerated() where !(v.isFinite && v > 0) {
            throw MethodsError("mixing-law targets must be finite and > 0 (the law is c + k·exp(…) with c, k > 0); row \(i) is \(v)")
        }
        let delta = options.huberDelta
        let values = x.values
        let objective: ([Double]) -> (Double, [Double]) = { theta in
            let c = Foundation.exp(theta[0]), k = Foundation.exp(theta[1])
            var loss = 0.0
            var grad = [Double](repeating: 0, count: d + 2)
            for i in 0..<n {
                var z = 0.0
                for j in 0..<d { z += theta[2 + j] * values[i * d + j] }
                let e = Foundation.exp(z)
                let residual = c + k * e - y[i]
                let psi: Double
                if abs(residual) <= delta {
                    loss += 0.5 * residual * residual; psi = residual
                } else {
                    loss += delta * (abs(residual) - 0.5 * delta); psi = residual > 0 ? delta : -delta
                }
                grad[0] += psi * c
                grad[1] += psi * k * e
                for j in 0..<d { grad[2 + j] += psi * k * e * values[i * d + j] }
            }
            let scale = 1 / Double(n)
            return (loss * scale, grad.map { $0 * scale })
        }
        let yMin = y.min() ?? 1, yMean = y.reduce(0, +) / Double(n)
        var rng = Xoshiro256StarStar(seed: options.seed)
        var solver = LBFGS()
        solver.maxIterations = options.maxIterations
        var best: LBFGS.Result?
        for start in 0..<options.starts {
            var theta = [Double](repeating: 0, count: d + 2)
            let fraction = start == 0 ? 0.5 : 0.05 + 0.9 * rng.nextOpenUnit()
            let c0 = yMin * fraction
            theta[0] = Foundation.log(c0)
            theta[1] = Foundation.log(max(yMean - c0, 1e-6))
            if start > 0 { for j in 0..<d { theta[2 + j] = -3 + 6 * rng.nextOpenUnit() } }
            let result = solver.minimize(from: theta, objective)
            if result.value.isFinite && result.value < (best?.value ?? .infinity) { best = result }
        }
        guard let found = best else { throw MethodsError("mixing-law fit diverged from every start; check that the targets are losses on a sensible scale") }
        var t = Array(found.x[2...])
        var k = Foundation.exp(found.x[1])
        let onSimplex = (0..<n).allSatisfy { i in abs(values[(i * d)..<((i + 1) * d)].reduce(0, +) - 1) <= 1e-9 }
        if onSimplex && d > 0 {
            let shift = t.reduce(0, +) / Double(d)
            t = t.map { $0 - shift }
            k *= Foundation.exp(shift)
        }
        return MixingLawModel(c: Foundation.exp(found.x[0]), k: k, t: t, trainingLoss: found.value, canonicalised: onSimplex)
    }
}

import Foundation

/// Options of the linear regressor.
public struct LinearOptions: Sendable, Equatable, Codable {
    /// Ridge penalty λ on the slopes (never on the intercept); 0 = ordinary least squares.
    public var ridge: Double

    /// Creates options; default is ordinary least squares.
    public init(ridge: Double = 0) { self.ridge = ridge }
}

/// A fitted linear model y = intercept + Σ coefficients_j·x_j.
public struct LinearModel: Sendable, Equatable, Codable {
    /// Serialisation format tag.
    public var format = "mixspec.linear"
    /// Serialisation format version.
    public var version = 1
    /// Intercept.
    public var intercept: Double
    /// One slope per feature.
    public var coefficients: [Double]
    /// Numerical rank of the centred design used in the fit.
    public var rank: Int

    /// Prediction for one row.
    public func predict(row: ArraySlice<Double>) -> Double {
        var s = intercept
        var j = 0
        for x in row { s += coefficients[j] * x; j += 1 }
        return s
    }

    /// Predictions for every row.
    public func predict(_ x: Matrix) -> [Double] {
        (0..<x.rows).map { predict(row: x.values[($0 * x.columns)..<(($0 + 1) * x.columns)]) }
    }
}

/// Least squares with intercept via an SVD of the centred design (one-sided Jacobi).
///
/// Mixture weights sum to 1, so the centred columns are (nearly) collinear. Singular values below
/// max(n, d)·ε·σ_max are treated as 0 and the minimum-norm solution is returned (as numpy's
/// `lstsq`), which makes rank-deficient designs well defined. With ridge λ > 0 the slopes are
/// V·diag(σ/(σ²+λ))·Uᵀ·y_c.
public enum LinearRegressor {
    /// Fits the model; throws on empty or mismatched input.
    public static func fit(_ x: Matrix, _ y: [Double], options: LinearOptions = LinearOptions()) throws -> LinearModel {
        let n = x.rows, d = x.columns
        guard n >= 1, y.count == n else { throw MethodsError("linear fit needs ≥ 1 row and one target per row (rows \(n), targets \(y.count))") }
        guard options.ridge >= 0, options.ridge.isFinite else { throw MethodsError("ridge must be finite and ≥ 0") }
        let ym = y.reduce(0, +) / Double(n)
        var means = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { means[j] += x.values[i * d + j] } }
        for j in 0..<d { means[j] /= Double(n) }
        // Column-major centred design: a[j] is column j.
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: d)
        for i in 0..<n { for j in 0..<d { a[j][i] = x.values[i * d + j] - means[j] } }
        var v = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for j in 0..<d { v[j][j] = 1 }
        oneSidedJacobi(&a, &v, n: n)
        let sigma = a.map { col in col.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let sigmaMax = sigma.max() ?? 0
        let cutoff = Double(max(n, d)) * Double.ulpOfOne * sigmaMax
        var coef = [Double](repeating: 0, count: d)
        var rank = 0
        for k in 0..<d where sigma[k] > cutoff && sigma[k] > 0 {
            rank += 1
            // u_k = a_k / σ_k; contribution σ/(σ²+λ)·(u_kᵀ y_c)·v_k
            var uy = 0.0
            for i in 0..<n { uy += a[k][i] / sigma[k] * (y[i] - ym) }
            let scale = sigma[k] / (sigma[k] * sigma[k] + options.ridge) * uy
            for j in 0..<d { coef[j] += scale * v[j][k] }
        }
        var intercept = ym
        for j in 0..<d { intercept -= coef[j] * means[j] }
        return LinearModel(intercept: intercept, coefficients: coef, rank: rank)
    }

    /// Orthogonalises the columns of `a` by plane rotations, accumulating them in `v`.
    /// On return a = U·Σ (columns mutually orthogonal) and the original A = a·vᵀ.
    static func oneSidedJacobi(_ a: inout [[Double]], _ v: inout [[Double]], n: Int) {
        let d = a.count
        guard d >= 2 else { return }
        for _ in 0..<60 {
            var rotated = false
            for p in 0..<(d - 1) {
                for q in (p + 1)..<d {
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for i in 0..<n {
                        alpha += a[p][i] * a[p][i]; beta += a[q][i] * a[q][i]; gamma += a[p][i] * a[q][i]
                    }
                    if gamma == 0 || abs(gamma) <= 1e-15 * (alpha * beta).squareRoot() { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = c * t
                    for i in 0..<n {
                        let ap = a[p][i], aq = a[q][i]
                        a[p][i] = c * ap - s * aq; a[q][i] = s * ap + c * aq
                    }
                    for j in 0..<d {
                        let vp = v[j][p], vq = v[j][q]
                        v[j][p] = c * vp - s * vq; v[j][q] = s * vp + c * vq
                    }
                }
            }
            if !rotated { break }
        }
    }
}

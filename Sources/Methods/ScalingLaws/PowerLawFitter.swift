import Foundation

/// Settings of a shared-exponent power-law fit.
public struct PowerLawFitOptions: Sendable, Equatable, Codable {
    /// Huber threshold δ on log-space residuals log L̂ − log L (0.001 ≈ 0.1 % relative error).
    public var huberDelta: Double
    /// Starting exponents of the grid.
    public var alphaGrid: [Double]
    /// Starting irreducible losses, as fractions of each curve's smallest observation.
    public var irreducibleGrid: [Double]
    /// L-BFGS iteration cap per start.
    public var maxIterations: Int
    /// Largest gradient component (of the mean Huber loss) accepted as converged.
    public var gradientTolerance: Double

    /// Defaults after Besiroglu et al. (2024): δ = 1e-3, a 7 × 4 grid of starts.
    public init(huberDelta: Double = 1e-3, alphaGrid: [Double] = [0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5],
                irreducibleGrid: [Double] = [0.05, 0.5, 0.8, 0.95], maxIterations: Int = 2000,
                gradientTolerance: Double = 1e-6) {
        self.huberDelta = huberDelta; self.alphaGrid = alphaGrid; self.irreducibleGrid = irreducibleGrid
        self.maxIterations = maxIterations; self.gradientTolerance = gradientTolerance
    }
}

/// The outcome of a fit: the law and how the optimiser got there.
public struct PowerLawFit: Sendable, Equatable, Codable {
    /// The best law over all starts.
    public var law: SharedPowerLaw
    /// Mean Huber loss of the log residuals at the best start.
    public var loss: Double
    /// Largest gradient component at the solution.
    public var gradient: Double
    /// True when the best start stopped on its own (not at the iteration cap) with a small gradient.
    public var converged: Bool
    /// Starts tried, and those whose loss came within 1e-9 (absolute) of the best: a flat or
    /// multi-modal problem shows as few agreeing starts.
    public var starts: Int
    public var agreeingStarts: Int
    /// Log residuals log L̂ − log L, curve by curve, point by point.
    public var residuals: [[Double]]
}

/// Fits L_k(x) = E_k + (x0_k/x)^α with one α across curves (Chinchilla's approach 3 as re-examined
/// by Besiroglu et al. 2024): the mean Huber loss of log-space residuals, minimised by L-BFGS from
/// a grid of starting points; the best start is kept and its convergence reported. Parameters are
/// optimised as (log E_k, log x0_k, log α), so all three stay positive.
public enum PowerLawFitter {
    /// Fits curves `y[k]` observed at `x` (one value per point and curve, all > 0).
    public static func fit(x: [Double], y: [[Double]], options: PowerLawFitOptions = PowerLawFitOptions()) throws -> PowerLawFit {
        try validate(x: x, y: y, options: options)
        let problem = Problem(u: x.map { Foundation.log($0) }, logY: y.map { $0.map { Foundation.log($0) } }, delta: options.huberDelta)
        var solver = LBFGS()
        solver.maxIterations = options.maxIterations
        var results: [LBFGS.Result] = []
        for alpha in options.alphaGrid {
            for fraction in options.irreducibleGrid {
                let start = problem.start(alpha: alpha, fraction: fraction, y: y)
                results.append(solver.minimize(from: start, problem.evaluate))
            }
        }
        return try finish(results, problem: problem, options: options)
    }

    /// Refits from a known solution (bootstrap replicates start at the central fit's parameters).
    public static func refit(x: [Double], y: [[Double]], from law: SharedPowerLaw,
                             options: PowerLawFitOptions = PowerLawFitOptions()) throws -> PowerLawFit {
        try validate(x: x, y: y, options: options)
        let problem = Problem(u: x.map { Foundation.log($0) }, logY: y.map { $0.map { Foundation.log($0) } }, delta: options.huberDelta)
        var solver = LBFGS()
        solver.maxIterations = options.maxIterations
        return try finish([solver.minimize(from: problem.theta(law), problem.evaluate)], problem: problem, options: options)
    }

    private static func validate(x: [Double], y: [[Double]], options: PowerLawFitOptions) throws {
        guard !x.isEmpty, !y.isEmpty else { throw MethodsError("a power-law fit needs at least one point and one curve") }
        guard Set(x).count >= 2 else { throw MethodsError("a power-law fit needs at least two distinct x values, got \(Set(x).count)") }
        for v in x where !(v.isFinite && v > 0) { throw MethodsError("power-law x values must be finite and > 0; got \(v)") }
        for (k, curve) in y.enumerated() {
            guard curve.count == x.count else { throw MethodsError("curve \(k) has \(curve.count) values for \(x.count) points") }
            for v in curve where !(v.isFinite && v > 0) { throw MethodsError("power-law losses must be finite and > 0; curve \(k) has \(v)") }
        }
        guard options.huberDelta > 0, options.huberDelta.isFinite, options.maxIterations >= 1,
              !options.alphaGrid.isEmpty, !options.irreducibleGrid.isEmpty,
              options.alphaGrid.allSatisfy({ $0 > 0 && $0.isFinite }),
              options.irreducibleGrid.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            throw MethodsError("power-law fit options out of range: δ > 0, iterations ≥ 1, α grid > 0, irreducible grid in (0, 1)")
        }
    }

    private static func finish(_ results: [LBFGS.Result], problem: Problem, options: PowerLawFitOptions) throws -> PowerLawFit {
        let finite = results.filter { $0.value.isFinite && $0.x.allSatisfy(\.isFinite) && problem.admissible($0.x) }
        guard let best = finite.min(by: { $0.value < $1.value }) else {
            throw MethodsError("the power-law fit diverged from every start")
        }
        let (value, gradient) = problem.evaluate(best.x)
        let largest = gradient.map(abs).max() ?? 0
        let law = problem.law(best.x)
        guard law.alpha.isFinite, law.curves.allSatisfy({ $0.irreducible.isFinite && $0.scale.isFinite && $0.scale > 0 }) else {
            throw MethodsError("the power-law fit ended at non-finite parameters")
        }
        let agreeing = finite.filter { abs($0.value - best.value) <= 1e-9 }.count
        return PowerLawFit(law: law, loss: value, gradient: largest,
                           converged: best.iterations < options.maxIterations && largest <= options.gradientTolerance,
                           starts: results.count, agreeingStarts: agreeing, residuals: problem.residuals(best.x))
    }
}

/// The objective in θ = (log E_1…K, log x0_1…K, log α).
private struct Problem {
    /// log x per point.
    let u: [Double]
    /// log y per curve and point.
    let logY: [[Double]]
    let delta: Double

    var curves: Int { logY.count }

    func law(_ theta: [Double]) -> SharedPowerLaw {
        let k = curves
        return SharedPowerLaw(alpha: Foundation.exp(theta[2 * k]), curves: (0..<k).map {
            PowerLawCurve(irreducible: Foundation.exp(theta[$0]), scale: Foundation.exp(theta[k + $0]))
        })
    }

    func theta(_ law: SharedPowerLaw) -> [Double] {
        law.curves.map { Foundation.log(max($0.irreducible, 1e-300)) } + law.curves.map { Foundation.log($0.scale) }
            + [Foundation.log(max(law.alpha, 1e-300))]
    }

    /// A start from the grid: E = fraction · min(y), α given, and x0 chosen so the law passes through
    /// the curve's middle point (a data-informed scale instead of a blind grid).
    func start(alpha: Double, fraction: Double, y: [[Double]]) -> [Double] {
        let k = curves
        var theta = [Double](repeating: 0, count: 2 * k + 1)
        let middle = u.indices.sorted { u[$0] < u[$1] }[u.count / 2]
        for c in 0..<k {
            let e = fraction * (y[c].min() ?? 1)
            theta[c] = Foundation.log(e)
            let reducible = max(y[c][middle] - e, 1e-12)
            theta[k + c] = u[middle] + Foundation.log(reducible) / alpha
        }
        theta[2 * k] = Foundation.log(alpha)
        return theta
    }

    func residuals(_ theta: [Double]) -> [[Double]] {
        let k = curves, alpha = Foundation.exp(theta[2 * k])
        return (0..<k).map { c in
            let e = Foundation.exp(theta[c])
            return u.indices.map { i in Foundation.log(e + Foundation.exp(alpha * (theta[k + c] - u[i]))) - logY[c][i] }
        }
    }

    /// The region searched: 10⁻³ ≤ α ≤ 10 and E, x0 representable. Outside it the objective is +∞, so
    /// the line search backs off; without the bound, curves that are not power laws (a learning-rate
    /// schedule's tail) drive α → 0 with x0 → ∞, a flat line whose parameters overflow.
    func admissible(_ theta: [Double]) -> Bool {
        let k = curves
        guard theta[2 * k] >= Self.logAlphaRange.lowerBound, theta[2 * k] <= Self.logAlphaRange.upperBound else { return false }
        return theta[0..<(2 * k)].allSatisfy { abs($0) <= 700 }
    }

    static let logAlphaRange = Foundation.log(1e-3)...Foundation.log(10.0)

    func evaluate(_ theta: [Double]) -> (Double, [Double]) {
        guard admissible(theta) else { return (.infinity, [Double](repeating: 0, count: theta.count)) }
        let k = curves, alpha = Foundation.exp(theta[2 * k])
        var loss = 0.0
        var grad = [Double](repeating: 0, count: 2 * k + 1)
        for c in 0..<k {
            let e = Foundation.exp(theta[c])
            for i in u.indices {
                let q = Foundation.exp(alpha * (theta[k + c] - u[i]))
                let fitted = e + q
                let r = Foundation.log(fitted) - logY[c][i]
                let psi: Double
                if abs(r) <= delta {
                    loss += 0.5 * r * r; psi = r
                } else {
                    loss += delta * (abs(r) - 0.5 * delta); psi = r > 0 ? delta : -delta
                }
                grad[c] += psi * e / fitted
                grad[k + c] += psi * q * alpha / fitted
                grad[2 * k] += psi * q * alpha * (theta[k + c] - u[i]) / fitted
            }
        }
        let scale = 1 / Double(k * u.count)
        return (loss * scale, grad.map { $0 * scale })
    }
}

/// Limited-memory BFGS with a backtracking (Armijo) line search, for smooth unconstrained problems.
public struct LBFGS: Sendable {
    /// Pairs of correction vectors kept.
    public var memory = 10
    /// Maximum iterations.
    public var maxIterations = 1000
    /// Stop when the largest gradient component is below this.
    public var gradientTolerance = 1e-10
    /// Stop when the objective changes relatively less than this over an iteration.
    public var functionTolerance = 1e-15

    /// Creates a minimiser with default settings.
    public init() {}

    /// Outcome of a minimisation.
    public struct Result: Sendable {
        /// Best point found.
        public var x: [Double]
        /// Objective at `x`.
        public var value: Double
        /// Iterations taken.
        public var iterations: Int
    }

    /// Minimises `f`, which returns the value and the gradient at a point.
    public func minimize(from start: [Double], _ f: ([Double]) -> (Double, [Double])) -> Result {
        var x = start
        var (fx, g) = f(x)
        guard fx.isFinite else { return Result(x: x, value: fx, iterations: 0) }
        var ss = [[Double]](), ys = [[Double]](), rhos = [Double]()
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            if g.map(abs).max() ?? 0 < gradientTolerance { break }
            // Two-loop recursion: d = -H·g.
            var q = g
            var alphas = [Double](repeating: 0, count: ss.count)
            for k in stride(from: ss.count - 1, through: 0, by: -1) {
                alphas[k] = rhos[k] * dot(ss[k], q)
                for i in q.indices { q[i] -= alphas[k] * ys[k][i] }
            }
            if let s = ss.last, let y = ys.last {
                let scale = dot(s, y) / dot(y, y)
                for i in q.indices { q[i] *= scale }
            } else {
                let norm = dot(g, g).squareRoot()
                for i in q.indices { q[i] /= max(norm, 1) }
            }
            for k in 0..<ss.count {
                let beta = rhos[k] * dot(ys[k], q)
                for i in q.indices { q[i] += ss[k][i] * (alphas[k] - beta) }
            }
            var d = q.map { -$0 }
            var slope = dot(g, d)
            if !(slope < 0) {
                ss.removeAll(); ys.removeAll(); rhos.removeAll()
                d = g.map { -$0 / max(dot(g, g).squareRoot(), 1) }
                slope = dot(g, d)
                if !(slope < 0) { break }
            }
            // Backtracking line search with the Armijo condition.
            var step = 1.0
            var accepted = false
            var xNew = x, fNew = fx, gNew = g
            for _ in 0..<60 {
                for i in x.indices { xNew[i] = x[i] + step * d[i] }
                (fNew, gNew) = f(xNew)
                if fNew.isFinite && fNew <= fx + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            if !accepted { break }
            let s = zip(xNew, x).map { $0 - $1 }
            let y = zip(gNew, g).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-12 * dot(s, s).squareRoot() * dot(y, y).squareRoot() {
                ss.append(s); ys.append(y); rhos.append(1 / sy)
                if ss.count > memory { ss.removeFirst(); ys.removeFirst(); rhos.removeFirst() }
            }
            let change = abs(fx - fNew)
            x = xNew; g = gNew
            let previous = fx
            fx = fNew
            if change <= functionTolerance * max(abs(previous), abs(fx), 1e-300) { break }
        }
        return Result(x: x, value: fx, iterations: iteration)
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }
}

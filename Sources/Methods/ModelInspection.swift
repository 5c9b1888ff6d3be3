// What a fitted model says about each domain, for the report and `mixspec model` (issue 14):
// bootstrap intervals of a linear model's slopes, a boosted-tree model's split gain per feature
// (replayed on the training rows, LightGBM's `importance_type="gain"`) and partial-dependence
// curves. Pure functions of (model, training rows, targets); the resampling seed is fixed, so one
// fit always gives one inspection.
import Foundation
import SeededRandom

/// A slope (or intercept) with a percentile bootstrap interval.
public struct BootstrapEstimate: Sendable, Equatable {
    public var value: Double
    public var low: Double
    public var high: Double
}

/// Linear-model slopes with 95% percentile-bootstrap intervals.
public struct LinearInspection: Sendable, Equatable {
    public var intercept: BootstrapEstimate
    /// One per feature.
    public var coefficients: [BootstrapEstimate]
    public var rank: Int
    public var resamples: Int
}

/// Partial dependence of a model's prediction on one feature.
public struct PartialDependence: Sendable, Equatable {
    /// Grid of the feature's weight.
    public var grid: [Double]
    /// Mean prediction over the training rows with the feature set to each grid value.
    public var mean: [Double]
}

/// Inspections of fitted models.
public enum ModelInspection {
    /// Bootstrap resamples behind linear intervals.
    public static let resamples = 200
    /// Seed of the bootstrap (fixed: the inspection is a function of the fit alone).
    static let bootstrapSeed: UInt64 = 0x6d69_7873_7065_63

    /// The fitted slopes with percentile intervals from `resamples` fits on rows drawn with replacement.
    public static func linear(_ model: LinearModel, x: Matrix, y: [Double], options: LinearOptions) throws -> LinearInspection {
        guard x.rows == y.count, x.rows >= 1 else { throw MethodsError("linear inspection needs one target per row") }
        var intercepts: [Double] = []
        var slopes = [[Double]](repeating: [], count: x.columns)
        for b in 0..<resamples {
            var rng = Xoshiro256StarStar(seed: bootstrapSeed &+ UInt64(b))
            let rows = (0..<x.rows).map { _ in rng.nextInt(below: x.rows) }
            let refit = try LinearRegressor.fit(x.selecting(rows: rows), rows.map { y[$0] }, options: options)
            intercepts.append(refit.intercept)
            for j in 0..<x.columns { slopes[j].append(refit.coefficients[j]) }
        }
        func estimate(_ value: Double, _ draws: [Double]) -> BootstrapEstimate {
            let sorted = draws.filter(\.isFinite).sorted()
            return BootstrapEstimate(value: value, low: quantile(sorted, 0.025) ?? value, high: quantile(sorted, 0.975) ?? value)
        }
        return LinearInspection(intercept: estimate(model.intercept, intercepts),
                                coefficients: model.coefficients.indices.map { estimate(model.coefficients[$0], slopes[$0]) },
                                rank: model.rank, resamples: resamples)
    }

    /// Total split gain per feature, replayed on the training rows: each tree sees the residuals
    /// y − F (the negative gradients of the squared loss, hessian 1) left by the trees before it,
    /// and a split's gain is S_L²/(n_L+λ) + S_R²/(n_R+λ) − S²/(n+λ), as LightGBM computes it.
    public static func gain(_ model: GBDTModel, x: Matrix, y: [Double]) throws -> [Double] {
        guard x.rows == y.count, x.columns == model.featureCount else {
            throw MethodsError("gain needs \(model.featureCount) features and one target per row")
        }
        let lambda = model.options.lambdaL2
        var prediction = [Double](repeating: model.initialScore, count: x.rows)
        var gain = [Double](repeating: 0, count: model.featureCount)
        x.values.withUnsafeBufferPointer { buffer in
            for tree in model.trees {
                let internalCount = tree.feature.count
                var sum = [Double](repeating: 0, count: internalCount), count = [Double](repeating: 0, count: internalCount)
                var leftSum = [Double](repeating: 0, count: internalCount), leftCount = [Double](repeating: 0, count: internalCount)
                for i in 0..<x.rows {
                    let row = UnsafeBufferPointer(rebasing: buffer[(i * x.columns)..<((i + 1) * x.columns)])
                    let residual = y[i] - prediction[i]
                    var node = 0
                    while internalCount > 0 {
                        sum[node] += residual; count[node] += 1
                        let value = row[tree.feature[node]]
                        let goesLeft = (value.isNaN ? 0 : value) <= tree.threshold[node]
                        if goesLeft { leftSum[node] += residual; leftCount[node] += 1 }
                        let next = goesLeft ? tree.left[node] : tree.right[node]
                        if next < 0 { break }
                        node = next
                    }
                    prediction[i] += tree.leafValue[tree.leaf(for: row)]
                }
                for node in 0..<internalCount where count[node] > 0 {
                    let rightSum = sum[node] - leftSum[node], rightCount = count[node] - leftCount[node]
                    let split = leftSum[node] * leftSum[node] / (leftCount[node] + lambda)
                        + rightSum * rightSum / (rightCount + lambda) - sum[node] * sum[node] / (count[node] + lambda)
                    if split.isFinite { gain[tree.feature[node]] += max(0, split) }
                }
            }
        }
        return gain
    }

    /// Partial dependence on feature `j`: for each of `points` weights from 0 to the largest weight
    /// the training rows give it, every row gets that weight for `j` and its other weights scaled
    /// to keep the row's sum (mixtures stay on the simplex); the curve is the mean prediction.
    public static func partialDependence(_ model: FittedModel, x: Matrix, feature j: Int, points: Int = 13) throws -> PartialDependence {
        guard (0..<x.columns).contains(j), x.rows >= 1, points >= 2 else { throw MethodsError("partial dependence needs rows and a valid feature") }
        var top = 0.0
        for i in 0..<x.rows { top = max(top, x.values[i * x.columns + j]) }
        if top <= 0 { top = 1 }
        let grid = (0..<points).map { top * Double($0) / Double(points - 1) }
        var values = [Double]()
        values.reserveCapacity(points * x.values.count)
        for v in grid {
            for i in 0..<x.rows {
                let row = x.values[(i * x.columns)..<((i + 1) * x.columns)]
                let total = row.reduce(0, +), own = row[row.startIndex + j], others = total - own
                let scale = others > 0 ? max(0, total - v) / others : 0
                for (k, w) in row.enumerated() { values.append(k == j ? v : w * scale) }
            }
        }
        let predictions = try model.predict(Matrix(rows: points * x.rows, columns: x.columns, values: values))
        let mean = (0..<points).map { g in predictions[(g * x.rows)..<((g + 1) * x.rows)].reduce(0, +) / Double(x.rows) }
        return PartialDependence(grid: grid, mean: mean)
    }

    private static func quantile(_ sorted: [Double], _ q: Double) -> Double? {
        guard let first = sorted.first else { return nil }
        guard sorted.count > 1 else { return first }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}

/// Scores of one regressor on one metric from k-fold cross-validation.
import SeededRandom
public struct CVScore: Sendable, Equatable, Codable {
    /// Spearman rank correlation of out-of-fold predictions with the observations.
    public var spearman: Double
    /// Pearson correlation of out-of-fold predictions with the observations.
    public var pearson: Double
    /// Mean squared error of out-of-fold predictions.
    public var mse: Double
}

/// Cross-validation of one regressor over all target metrics.
public struct CVReport: Sendable, Equatable {
    /// Regressor name.
    public var regressor: String
    /// Scores per metric.
    public var scores: [String: CVScore]
    /// Out-of-fold prediction per metric, one per row.
    public var outOfFold: [String: [Double]]
    /// Mean Spearman across metrics: the selection criterion.
    public var meanSpearman: Double
}

/// Seeded k-fold cross-validation. Rows are shuffled once with the seed (Fisher–Yates, our own
/// RNG) and dealt into k folds whose sizes differ by at most one. Every row is predicted exactly
/// once by a model that never saw it; scores are computed on the pooled out-of-fold predictions.
public enum CrossValidation {
    /// Fold number of each row.
    public static func foldAssignment(rows: Int, folds: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<rows)
        var rng = Xoshiro256StarStar(seed: seed)
        if rows > 1 {
            for i in stride(from: rows - 1, through: 1, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
        }
        var fold = [Int](repeating: 0, count: rows)
        for (position, row) in order.enumerated() { fold[row] = position % folds }
        return fold
    }

    /// Cross-validates `spec` on every metric of `targets`.
    public static func run(_ spec: RegressorSpec, x: Matrix, targets: [String: [Double]], folds: Int, seed: UInt64) throws -> CVReport {
        guard folds >= 2 else { throw MethodsError("cross-validation needs at least 2 folds, got \(folds)") }
        guard x.rows >= folds else { throw MethodsError("cross-validation with \(folds) folds needs at least \(folds) rows, got \(x.rows)") }
        guard !targets.isEmpty else { throw MethodsError("cross-validation needs at least one target metric") }
        let fold = foldAssignment(rows: x.rows, folds: folds, seed: seed)
        var scores = [String: CVScore](), oof = [String: [Double]]()
        for name in targets.keys.sorted() {
            let y = targets[name]!
            guard y.count == x.rows else { throw MethodsError("metric '\(name)' has \(y.count) values for \(x.rows) rows") }
            var predicted = [Double](repeating: 0, count: x.rows)
            for k in 0..<folds {
                let train = (0..<x.rows).filter { fold[$0] != k }
                let held = (0..<x.rows).filter { fold[$0] == k }
                let model: FittedModel
                do { model = try spec.fit(x.selecting(rows: train), train.map { y[$0] }) } catch let e as MethodsError {
                    throw MethodsError("cross-validating \(spec.name) on '\(name)', fold \(k + 1) of \(folds): \(e.message)")
                }
                let p = try model.predict(x.selecting(rows: held))
                for (i, row) in held.enumerated() { predicted[row] = p[i] }
            }
            scores[name] = CVScore(
                spearman: Agreement.spearman(predicted, y), pearson: Agreement.pearson(predicted, y),
                mse: Agreement.meanSquaredError(predicted, y))
            oof[name] = predicted
        }
        let mean = scores.values.map(\.spearman).reduce(0, +) / Double(scores.count)
        return CVReport(regressor: spec.name, scores: scores, outOfFold: oof, meanSpearman: mean)
    }

    /// Cross-validates every candidate and returns the reports plus the index of the best: highest
    /// mean Spearman across target metrics; ties go to the earlier candidate.
    public static func selectBest(_ candidates: [RegressorSpec], x: Matrix, targets: [String: [Double]], folds: Int, seed: UInt64) throws -> (best: Int, reports: [CVReport]) {
        guard !candidates.isEmpty else { throw MethodsError("no regressor to choose from") }
        let reports = try candidates.map { try run($0, x: x, targets: targets, folds: folds, seed: seed) }
        var best = 0
        for (i, r) in reports.enumerated() where r.meanSpearman > reports[best].meanSpearman { best = i }
        return (best, reports)
    }
}

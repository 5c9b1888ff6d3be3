/// Hyper-parameters of the boosted-tree regressor; defaults are LightGBM's with RegMix's learning rate.
public struct GBDTOptions: Sendable, Equatable, Codable {
    /// Boosting rounds (trees).
    public var iterations: Int
    /// Shrinkage applied to each tree's leaf values.
    public var learningRate: Double
    /// Maximum leaves per tree (leaf-wise, best-first growth).
    public var numLeaves: Int
    /// Minimum samples per leaf.
    public var minDataInLeaf: Int
    /// Minimum sum of hessians per leaf.
    public var minSumHessianInLeaf: Double
    /// Maximum bins per feature.
    public var maxBin: Int
    /// Minimum samples per bin when building bins.
    public var minDataInBin: Int
    /// L2 penalty on leaf values.
    public var lambdaL2: Double

    /// Creates options; defaults: 1000 iterations, lr 0.01, 31 leaves, 20 per leaf, 255 bins.
    public init(
        iterations: Int = 1000, learningRate: Double = 0.01, numLeaves: Int = 31, minDataInLeaf: Int = 20,
        minSumHessianInLeaf: Double = 1e-3, maxBin: Int = 255, minDataInBin: Int = 3, lambdaL2: Double = 0
    ) {
        self.iterations = iterations; self.learningRate = learningRate; self.numLeaves = numLeaves
        self.minDataInLeaf = minDataInLeaf; self.minSumHessianInLeaf = minSumHessianInLeaf
        self.maxBin = maxBin; self.minDataInBin = minDataInBin; self.lambdaL2 = lambdaL2
    }
}

/// One regression tree in LightGBM's layout: internal nodes 0..<leafCount-1; a child reference
/// c ≥ 0 is an internal node, c < 0 is leaf ~c. A row goes left when x[feature] ≤ threshold.
public struct RegressionTree: Sendable, Equatable, Codable {
    /// Split feature per internal node.
    public var feature: [Int]
    /// Split threshold per internal node.
    public var threshold: [Double]
    /// Left child per internal node.
    public var left: [Int]
    /// Right child per internal node.
    public var right: [Int]
    /// Output per leaf (shrinkage already applied).
    public var leafValue: [Double]

    /// Leaf index reached by `row`.
    public func leaf(for row: UnsafeBufferPointer<Double>) -> Int {
        if feature.isEmpty { return 0 }
        var node = 0
        while true {
            let x = row[feature[node]]
            let next = (x.isNaN ? 0 : x) <= threshold[node] ? left[node] : right[node]
            if next < 0 { return ~next }
            node = next
        }
    }
}

/// A fitted gradient-boosted tree ensemble: prediction = initialScore + Σ tree outputs (in order).
public struct GBDTModel: Sendable, Equatable, Codable {
    /// Serialisation format tag.
    public var format = "mixspec.gbdt"
    /// Serialisation format version.
    public var version = 1
    /// Number of input features.
    public var featureCount: Int
    /// Mean of the training targets (boost_from_average).
    public var initialScore: Double
    /// The trees, in boosting order.
    public var trees: [RegressionTree]
    /// The options used to fit.
    public var options: GBDTOptions

    /// Reference prediction by plain traversal (used to check the fast predictor).
    public func predictByTraversal(_ x: Matrix) -> [Double] {
        x.values.withUnsafeBufferPointer { buffer in
            (0..<x.rows).map { i in
                let row = UnsafeBufferPointer(rebasing: buffer[(i * x.columns)..<((i + 1) * x.columns)])
                var s = initialScore
                for tree in trees { s += tree.leafValue[tree.leaf(for: row)] }
                return s
            }
        }
    }
}

import CQuickScorer

/// Vectorised QuickScorer (Lucchese et al. 2015) for forests whose trees have at most 32 leaves.
///
/// Rows are binned as in `FlatForest` ("how many forest thresholds of this feature lie below x"),
/// stored column-major per block of 256 rows so each feature is a contiguous run of vectors
/// (the kernel is C in `CQuickScorer`: AVX2 when available at run time, portable C otherwise). For every internal node, the lanes whose bin exceeds the node's threshold index (the
/// row goes right) clear the node's left-subtree leaves from their 32-bit mask; after all nodes of
/// a tree the exit leaf is the lowest set bit. Every node is evaluated for every row, so there are
/// no data-dependent branches, and a block's bins and masks stay in L1.
struct QuickScorer: Sendable {
    static let blockRows = 256

    /// Per node (all trees, in order): feature, threshold index, mask of leaves kept when going right.
    let nodeFeature: [Int32]
    let nodeThreshold: [Int32]
    let nodeMask: [UInt32]
    /// Per tree: first node; per tree: first leaf in `leafValues` (leaves left to right).
    let nodeStart: [Int64]
    let leafStart: [Int64]
    let leafValues: [Double]

    init(trees: [RegressionTree], thresholds: [[Double]]) {
        var nodeFeature = [Int32](), nodeThreshold = [Int32](), nodeMask = [UInt32]()
        var nodeStart = [0], leafStart = [0], leafValues = [Double]()
        for tree in trees {
            let order = FlatForest.leavesInOrder(tree)
            var position = [Int](repeating: 0, count: tree.leafValue.count)
            for (p, leaf) in order.enumerated() { position[leaf] = p }
            for leaf in order { leafValues.append(tree.leafValue[leaf]) }
            leafStart.append(leafValues.count)
            for node in tree.feature.indices {
                var mask = UInt32.max
                for leaf in FlatForest.leaves(under: tree.left[node], tree) { mask &= ~(UInt32(1) << UInt32(position[leaf])) }
                let f = tree.feature[node]
                nodeFeature.append(Int32(f))
                nodeThreshold.append(Int32(FlatForest.lowerBound(thresholds[f], tree.threshold[node])))
                nodeMask.append(mask)
            }
            nodeStart.append(nodeFeature.count)
        }
        self.nodeFeature = nodeFeature; self.nodeThreshold = nodeThreshold; self.nodeMask = nodeMask
        self.nodeStart = nodeStart.map { Int64($0) }; self.leafStart = leafStart.map { Int64($0) }; self.leafValues = leafValues
    }

    /// Sums of leaf values for a block of rows. `bins` is column-major: feature f of row r at
    /// f·blockRows + r (rows beyond `count` are zero padding). `sums` starts at the base score.
    func accumulate(bins: UnsafePointer<Int32>, count: Int, sums: UnsafeMutablePointer<Double>) {
        let masks = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.blockRows)
        defer { masks.deallocate() }
        mixspec_qs_accumulate(
            bins, Int64(Self.blockRows), Int64(count), nodeFeature, nodeThreshold, nodeMask,
            nodeStart, leafStart, leafValues, Int64(nodeStart.count - 1), sums, masks)
    }

    /// True when the AVX2 kernel runs on this processor.
    static var usesAVX2: Bool { mixspec_qs_uses_avx2() == 1 }
}

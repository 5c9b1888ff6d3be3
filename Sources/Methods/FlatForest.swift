import Dispatch
import Foundation

/// A tree ensemble compiled for fast batch prediction.
///
/// Each feature's thresholds (over the whole forest) are sorted once, so a row becomes a small
/// integer per feature ("how many thresholds lie below x"). Within a tree, leaves are numbered
/// left to right and every internal node owns a bit mask that clears the leaves of its left
/// subtree (QuickScorer, Lucchese et al. 2015). For each (tree, feature) a table maps the row's
/// integer to the AND of the masks of all nodes on that feature whose test sends the row right;
/// the exit leaf is the lowest set bit of the AND over the tree's features. No branches depend on
/// the data, rows are processed in cache-sized blocks tree by tree, and blocks run on all cores.
/// Results are bit-identical to plain traversal (same summation order).
public struct FlatForest: Sendable {
    let featureCount: Int
    let base: Double
    /// Sorted distinct thresholds per feature.
    let thresholds: [[Double]]
    /// Per tree: range into `entryFeature` / `entryTable`.
    let entryStart: [Int]
    let entryFeature: [Int]
    let entryTable: [Int]
    let tables: [UInt64]
    /// The same tables narrowed to 32 bits when every tree has at most 32 leaves (half the memory traffic).
    let narrowTables: [UInt32]?
    /// Per tree: offset of its leaf values (left-to-right order) in `leafValues`.
    let leafStart: [Int]
    let leafValues: [Double]
    /// The vectorised scorer, used when every tree has at most 32 leaves.
    let quickScorer: QuickScorer?
    /// Set when some tree has more than 64 leaves: predictions fall back to traversal.
    let traversalModel: GBDTModel?

    /// Bytes of lookup tables used per prediction pass (a cost figure for benchmarks).
    public var tableBytes: Int { narrowTables.map { $0.count * 4 } ?? tables.count * 8 }

    /// Compiles `model`.
    public init(_ model: GBDTModel) {
        featureCount = model.featureCount
        base = model.initialScore
        var distinctThresholds = [Set<Double>](repeating: [], count: model.featureCount)
        for tree in model.trees { for (f, t) in zip(tree.feature, tree.threshold) where f < model.featureCount { distinctThresholds[f].insert(t) } }
        if model.trees.contains(where: { $0.leafValue.count > 64 }) || distinctThresholds.contains(where: { $0.count > 65_000 }) {
            traversalModel = model
            thresholds = []; entryStart = [0]; entryFeature = []; entryTable = []; tables = []; leafStart = [0]; leafValues = []
            narrowTables = nil
            quickScorer = nil
            return
        }
        traversalModel = nil
        let sortedThresholds = distinctThresholds.map { $0.sorted() }
        var entryStart = [0], entryFeature = [Int](), entryTable = [Int](), tables = [UInt64]()
        var leafStart = [0], leafValues = [Double]()
        for tree in model.trees {
            let order = FlatForest.leavesInOrder(tree)
            var position = [Int](repeating: 0, count: tree.leafValue.count)
            for (p, leaf) in order.enumerated() { position[leaf] = p }
            for leaf in order { leafValues.append(tree.leafValue[leaf]) }
            leafStart.append(leafValues.count)
            // Mask per internal node: all ones except the leaves of its left subtree.
            var nodesByFeature = [Int: [(Int, UInt64)]]()
            for node in tree.feature.indices {
                var mask = UInt64.max
                for leaf in FlatForest.leaves(under: tree.left[node], tree) { mask &= ~(UInt64(1) << UInt64(position[leaf])) }
                let k = FlatForest.lowerBound(sortedThresholds[tree.feature[node]], tree.threshold[node])
                nodesByFeature[tree.feature[node], default: []].append((k, mask))
            }
            for f in nodesByFeature.keys.sorted() {
                let count = sortedThresholds[f].count
                var maskAtThreshold = [UInt64](repeating: .max, count: count)
                for (k, mask) in nodesByFeature[f] ?? [] { maskAtThreshold[k] &= mask }
                entryFeature.append(f); entryTable.append(tables.count)
                var running = UInt64.max
                tables.append(running)
                for k in 0..<count { running &= maskAtThreshold[k]; tables.append(running) }
            }
            entryStart.append(entryFeature.count)
        }
        thresholds = sortedThresholds
        self.entryStart = entryStart; self.entryFeature = entryFeature; self.entryTable = entryTable
        self.tables = tables
        narrowTables = model.trees.allSatisfy { $0.leafValue.count <= 32 } ? tables.map { UInt32(truncatingIfNeeded: $0) } : nil
        quickScorer = narrowTables == nil ? nil : QuickScorer(trees: model.trees, thresholds: sortedThresholds)
        self.leafStart = leafStart; self.leafValues = leafValues
    }

    static func leavesInOrder(_ tree: RegressionTree) -> [Int] {
        if tree.feature.isEmpty { return [0] }
        return leaves(under: 0, tree)
    }

    static func leaves(under child: Int, _ tree: RegressionTree) -> [Int] {
        if child < 0 { return [~child] }
        return leaves(under: tree.left[child], tree) + leaves(under: tree.right[child], tree)
    }

    /// Index of the first element ≥ value.
    static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Predictions for every row of `x` (which must have the model's feature count).
    public func predict(_ x: Matrix) throws -> [Double] {
        guard x.columns == featureCount else {
            throw MethodsError("model expects \(featureCount) features, got rows of \(x.columns)")
        }
        if let model = traversalModel { return model.predictByTraversal(x) }
        var out = [Double](repeating: 0, count: x.rows)
        let blockRows = quickScorer == nil ? 2048 : QuickScorer.blockRows
        let blocks = (x.rows + blockRows - 1) / blockRows
        out.withUnsafeMutableBufferPointer { outBuffer in
            x.values.withUnsafeBufferPointer { xBuffer in
                guard let outPointer = outBuffer.baseAddress, let xPointer = xBuffer.baseAddress else { return }
                let shared = SharedPointers(input: xPointer, output: outPointer)
                let rows = x.rows
                let work: @Sendable (Int) -> Void = { block in
                    let start = block * blockRows, end = min(rows, start + blockRows)
                    // Blocks write disjoint ranges of the output.
                    self.predictBlock(shared.input, rows: start..<end, into: shared.output)
                }
                if blocks <= 4 {
                    for b in 0..<blocks { work(b) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: blocks, execute: work)
                }
            }
        }
        return out
    }

    private func predictBlock(_ x: UnsafePointer<Double>, rows: Range<Int>, into out: UnsafeMutablePointer<Double>) {
        let d = featureCount
        if let scorer = quickScorer {
            let stride = QuickScorer.blockRows
            let raw = UnsafeMutableRawPointer.allocate(byteCount: d * stride * 4, alignment: 64)
            defer { raw.deallocate() }
            let bins = raw.bindMemory(to: Int32.self, capacity: d * stride)
            bins.initialize(repeating: 0, count: d * stride)
            for (r, i) in rows.enumerated() {
                for f in 0..<d {
                    let v = x[i * d + f]
                    bins[f * stride + r] = Int32(FlatForest.lowerBound(thresholds[f], v.isNaN ? 0 : v))
                }
            }
            var sums = [Double](repeating: base, count: rows.count)
            sums.withUnsafeMutableBufferPointer { s in
                scorer.accumulate(bins: bins, count: rows.count, sums: s.baseAddress!)
            }
            for (r, i) in rows.enumerated() { out[i] = sums[r] }
            return
        }
        let count = rows.count
        var rowBins = [UInt16](repeating: 0, count: count * d)
        for (r, i) in rows.enumerated() {
            for f in 0..<d {
                let v = x[i * d + f]
                rowBins[r * d + f] = UInt16(FlatForest.lowerBound(thresholds[f], v.isNaN ? 0 : v))
            }
        }
        var sums = [Double](repeating: base, count: count)
        rowBins.withUnsafeBufferPointer { binsP in
            sums.withUnsafeMutableBufferPointer { sumP in
                if let narrow = narrowTables {
                    narrow.withUnsafeBufferPointer { accumulate(tables: $0, bins: binsP, sums: sumP) }
                } else {
                    tables.withUnsafeBufferPointer { accumulate(tables: $0, bins: binsP, sums: sumP) }
                }
            }
        }
        for (r, i) in rows.enumerated() { out[i] = sums[r] }
    }
}

extension FlatForest {
    /// Adds every tree's output to `sums` for the rows whose bins are given (row-major).
    @inline(__always)
    func accumulate<Mask: FixedWidthInteger & UnsignedInteger>(
        tables tab: UnsafeBufferPointer<Mask>, bins: UnsafeBufferPointer<UInt16>, sums: UnsafeMutableBufferPointer<Double>
    ) {
        let d = featureCount, count = sums.count
        leafValues.withUnsafeBufferPointer { leaves in
            entryFeature.withUnsafeBufferPointer { ef in
                entryTable.withUnsafeBufferPointer { et in
                    entryStart.withUnsafeBufferPointer { es in
                        leafStart.withUnsafeBufferPointer { ls in
                            for t in 0..<(es.count - 1) {
                                let e0 = es[t], e1 = es[t + 1], l0 = ls[t]
                                for r in 0..<count {
                                    var mask = Mask.max
                                    let rowBase = r * d
                                    for e in e0..<e1 { mask &= tab[et[e] + Int(bins[rowBase + ef[e]])] }
                                    sums[r] += leaves[l0 + mask.trailingZeroBitCount]
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Raw buffers shared by parallel prediction blocks, each of which touches a disjoint range.
struct SharedPointers: @unchecked Sendable {
    let input: UnsafePointer<Double>
    let output: UnsafeMutablePointer<Double>
}

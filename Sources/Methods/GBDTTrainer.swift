/// Histogram gradient boosting for squared error, following LightGBM's serial tree learner:
/// leaf-wise (best-first) growth, bins from `FeatureBinning`, right-to-left threshold scan, ties
/// resolved as LightGBM does (highest threshold within a feature, lowest feature index, lowest leaf
/// index). Deterministic: no sampling of rows or features.
public enum GBDTRegressor {
    /// Fits the ensemble; throws on invalid options or input.
    public static func fit(_ x: Matrix, _ y: [Double], options: GBDTOptions = GBDTOptions()) throws -> GBDTModel {
        let n = x.rows, d = x.columns
        guard n >= 1, y.count == n else { throw MethodsError("gbdt fit needs ≥ 1 row and one target per row (rows \(n), targets \(y.count))") }
        guard options.iterations >= 0, options.numLeaves >= 2, options.minDataInLeaf >= 1, options.maxBin >= 2,
              options.minDataInBin >= 1, options.learningRate > 0, options.learningRate.isFinite,
              options.lambdaL2 >= 0, options.minSumHessianInLeaf >= 0
        else { throw MethodsError("gbdt options out of range: \(options)") }
        for (i, v) in y.enumerated() where !v.isFinite { throw MethodsError("gbdt target of row \(i) is \(v)") }
        for (k, v) in x.values.enumerated() where !v.isFinite {
            throw MethodsError("gbdt feature \(k % max(d, 1)) of row \(k / max(d, 1)) is \(v)")
        }
        var grower = TreeGrower(x: x, options: options)
        // LightGBM keeps labels and gradients in single precision (label_t, score_t = float) and
        // sums histograms in double; doing the same keeps near-tied splits resolved as it does.
        let labels = y.map { Double(Float($0)) }
        let initial = labels.reduce(0, +) / Double(n)
        var scores = [Double](repeating: initial, count: n)
        var trees = [RegressionTree]()
        var gradients = [Double](repeating: 0, count: n)
        for _ in 0..<options.iterations {
            for i in 0..<n { gradients[i] = Double(Float(scores[i] - labels[i])) }
            guard let (tree, leafOf) = grower.grow(gradients: gradients) else { break }
            for i in 0..<n { scores[i] += tree.leafValue[leafOf[i]] }
            trees.append(tree)
        }
        return GBDTModel(featureCount: d, initialScore: initial, trees: trees, options: options)
    }
}

/// Best split found for a leaf.
struct SplitCandidate {
    var gain = -Double.infinity
    var feature = -1
    var thresholdBin = 0
    var leftGradient = 0.0
    var leftCount = 0
    var valid: Bool { feature >= 0 }
}

/// Grows one tree at a time over binned features.
struct TreeGrower {
    let n: Int
    let d: Int
    let options: GBDTOptions
    /// Bin upper bounds per feature.
    let bounds: [[Double]]
    /// Bin of row i for feature f at bins[f * n + i].
    let bins: [UInt16]
    /// Offset of feature f's histogram inside a leaf histogram; bin counts per feature.
    let histogramOffset: [Int]
    let binCount: [Int]
    let histogramSize: Int
    /// Features that have at least two bins.
    let usable: [Int]

    init(x: Matrix, options: GBDTOptions) {
        let n = x.rows, d = x.columns
        self.n = n; self.d = d; self.options = options
        var allBounds = [[Double]]()
        var bins = [UInt16](repeating: 0, count: n * d)
        var offsets = [Int](), counts = [Int]()
        var total = 0
        for f in 0..<d {
            let column = (0..<n).map { x.values[$0 * d + f] }
            let b = FeatureBinning.upperBounds(of: column, maxBin: options.maxBin, minDataInBin: options.minDataInBin)
            allBounds.append(b)
            for i in 0..<n { bins[f * n + i] = UInt16(FeatureBinning.bin(of: column[i], bounds: b)) }
            offsets.append(total); counts.append(b.count); total += b.count
        }
        self.bounds = allBounds; self.bins = bins
        histogramOffset = offsets; binCount = counts; histogramSize = total
        let binCounts = counts
        usable = (0..<d).filter { binCounts[$0] >= 2 }
    }

    /// Grows a tree on the current gradients (hessians are 1 for squared error). Returns nil when
    /// the root cannot be split (training stops, as in LightGBM). Also returns each row's leaf.
    mutating func grow(gradients: [Double]) -> (RegressionTree, [Int])? {
        let maxLeaves = options.numLeaves
        var order = Array(0..<n)
        var leafBegin = [0], leafCount = [n]
        var leafGradient = [gradients.reduce(0, +)]
        // Histograms: per leaf, gradient sums and counts per bin.
        var histGrad = [[Double]](), histCount = [[Int]]()
        var best = [SplitCandidate]()
        var leafParent = [-1]  // internal node whose child slot points to the leaf
        var leafIsLeft = [true]
        var feature = [Int](), threshold = [Double](), left = [Int](), right = [Int]()

        let (g0, c0) = buildHistogram(order[0..<n], gradients)
        histGrad.append(g0); histCount.append(c0)
        best.append(findBestSplit(histGrad[0], histCount[0], sumGradient: leafGradient[0], count: n))

        while leafBegin.count < maxLeaves {
            var chosen = -1
            var chosenGain = 0.0
            for l in 0..<best.count where best[l].valid && (chosen < 0 || best[l].gain > chosenGain) {
                chosen = l; chosenGain = best[l].gain
            }
            if chosen < 0 || chosenGain <= 0 { break }
            let split = best[chosen]
            let newLeaf = leafBegin.count
            let node = feature.count
            // Partition rows of the chosen leaf: left keeps the leaf index, right becomes newLeaf.
            let begin = leafBegin[chosen], count = leafCount[chosen]
            var lefts = [Int](), rights = [Int]()
            lefts.reserveCapacity(split.leftCount); rights.reserveCapacity(count - split.leftCount)
            let base = split.feature * n
            for k in begin..<(begin + count) {
                let i = order[k]
                if Int(bins[base + i]) <= split.thresholdBin { lefts.append(i) } else { rights.append(i) }
            }
            for (k, i) in lefts.enumerated() { order[begin + k] = i }
            for (k, i) in rights.enumerated() { order[begin + lefts.count + k] = i }
            // Link the new internal node into the tree.
            feature.append(split.feature)
            threshold.append(bounds[split.feature][split.thresholdBin])
            left.append(~chosen); right.append(~newLeaf)
            if leafParent[chosen] >= 0 {
                if leafIsLeft[chosen] { left[leafParent[chosen]] = node } else { right[leafParent[chosen]] = node }
            }
            leafParent[chosen] = node; leafIsLeft[chosen] = true
            leafParent.append(node); leafIsLeft.append(false)
            let parentGradient = leafGradient[chosen]
            leafBegin[chosen] = begin; leafCount[chosen] = lefts.count
            leafBegin.append(begin + lefts.count); leafCount.append(rights.count)
            leafGradient[chosen] = split.leftGradient
            leafGradient.append(parentGradient - split.leftGradient)
            // Histogram of the smaller child is built, the larger one is parent minus smaller.
            let smallIsLeft = lefts.count <= rights.count
            let smallLeaf = smallIsLeft ? chosen : newLeaf
            let smallRange = leafBegin[smallLeaf]..<(leafBegin[smallLeaf] + leafCount[smallLeaf])
            let (sg, sc) = buildHistogram(order[smallRange], gradients)
            var lg = histGrad[chosen], lc = histCount[chosen]
            lg.withUnsafeMutableBufferPointer { l in sg.withUnsafeBufferPointer { s in for b in 0..<s.count { l[b] -= s[b] } } }
            lc.withUnsafeMutableBufferPointer { l in sc.withUnsafeBufferPointer { s in for b in 0..<s.count { l[b] -= s[b] } } }
            if smallIsLeft {
                histGrad[chosen] = sg; histCount[chosen] = sc; histGrad.append(lg); histCount.append(lc)
            } else {
                histGrad[chosen] = lg; histCount[chosen] = lc; histGrad.append(sg); histCount.append(sc)
            }
            best[chosen] = findBestSplit(histGrad[chosen], histCount[chosen], sumGradient: leafGradient[chosen], count: leafCount[chosen])
            best.append(findBestSplit(histGrad[newLeaf], histCount[newLeaf], sumGradient: leafGradient[newLeaf], count: leafCount[newLeaf]))
        }
        if feature.isEmpty { return nil }
        var leafOf = [Int](repeating: 0, count: n)
        var values = [Double]()
        for l in 0..<leafBegin.count {
            let output = -leafGradient[l] / (Double(leafCount[l]) + options.lambdaL2) * options.learningRate
            values.append(output)
            for k in leafBegin[l]..<(leafBegin[l] + leafCount[l]) { leafOf[order[k]] = l }
        }
        return (RegressionTree(feature: feature, threshold: threshold, left: left, right: right, leafValue: values), leafOf)
    }

    func buildHistogram(_ rows: ArraySlice<Int>, _ gradients: [Double]) -> ([Double], [Int]) {
        var g = [Double](repeating: 0, count: histogramSize)
        var c = [Int](repeating: 0, count: histogramSize)
        g.withUnsafeMutableBufferPointer { gp in
            c.withUnsafeMutableBufferPointer { cp in
                bins.withUnsafeBufferPointer { bp in
                    gradients.withUnsafeBufferPointer { grad in
                        rows.withUnsafeBufferPointer { rp in
                            for f in usable {
                                let off = histogramOffset[f], base = f * n
                                for i in rp {
                                    let b = off + Int(bp[base + i])
                                    gp[b] += grad[i]; cp[b] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return (g, c)
    }

    /// LightGBM's `FindBestThresholdSequentially` (reverse scan, no missing values) for every
    /// usable feature; returns the best candidate (ties: lowest feature index).
    func findBestSplit(_ gradientHistogram: [Double], _ countHistogram: [Int], sumGradient: Double, count: Int) -> SplitCandidate {
        var best = SplitCandidate()
        let l2 = options.lambdaL2, minData = options.minDataInLeaf, minHess = options.minSumHessianInLeaf
        if count < 2 * minData { return best }
        let parentGain = sumGradient * sumGradient / (Double(count) + l2)
        gradientHistogram.withUnsafeBufferPointer { g in
            countHistogram.withUnsafeBufferPointer { c in
                for f in usable {
                    let off = histogramOffset[f]
                    var rightGradient = 0.0, rightCount = 0
                    var featureBest = SplitCandidate()
                    var t = binCount[f] - 1
                    while t >= 1 {
                        rightGradient += g[off + t]; rightCount += c[off + t]
                        defer { t -= 1 }
                        if rightCount < minData || Double(rightCount) < minHess { continue }
                        let leftCount = count - rightCount
                        if leftCount < minData || Double(leftCount) < minHess { break }
                        let leftGradient = sumGradient - rightGradient
                        let gain = leftGradient * leftGradient / (Double(leftCount) + l2)
                            + rightGradient * rightGradient / (Double(rightCount) + l2)
                        if gain <= parentGain { continue }
                        if gain > featureBest.gain {
                            featureBest = SplitCandidate(gain: gain, feature: f, thresholdBin: t - 1, leftGradient: leftGradient, leftCount: leftCount)
                        }
                    }
                    if featureBest.valid && featureBest.gain - parentGain > best.gain {
                        best = featureBest
                        best.gain = featureBest.gain - parentGain
                    }
                }
            }
        }
        return best
    }
}

/// LightGBM-style bin construction for one numerical feature (`BinMapper::FindBin` with zero as
/// its own bin, no missing values): distinct values are grouped greedily into at most `maxBin`
/// bins holding at least `minDataInBin` samples each; a bin's upper bound is the next double above
/// the midpoint between the last value inside it and the first value above it; the last bound is +∞.
///
/// "Distinct" is LightGBM's: values with |v| ≤ `zeroThreshold` are zeros, counted apart; the others
/// are sorted and a value at most one ulp above its predecessor joins the predecessor's group
/// (`CheckDoubleEqualOrdered`, chained along the sorted values), whose representative becomes the
/// larger value; a zero group is inserted where the sorted values cross from negative to positive.
enum FeatureBinning {
    /// LightGBM's kZeroThreshold: |x| ≤ this is "zero".
    static let zeroThreshold = 1e-35

    /// LightGBM's distinct values of a feature and their counts (`FindBin`, no missing values).
    static func distinctValues(of values: [Double]) -> (values: [Double], counts: [Int]) {
        let nonZero = values.filter { abs($0) > zeroThreshold }.sorted()
        let zeroCount = values.count - nonZero.count
        var distinct = [Double](), counts = [Int]()
        if nonZero.isEmpty || (nonZero[0] > 0 && zeroCount > 0) { distinct.append(0); counts.append(zeroCount) }
        if let first = nonZero.first { distinct.append(first); counts.append(1) }
        for i in nonZero.indices.dropFirst() {
            if !equalOrdered(nonZero[i - 1], nonZero[i]) {
                // LightGBM inserts the zero group here even when no value is zero.
                if nonZero[i - 1] < 0 && nonZero[i] > 0 { distinct.append(0); counts.append(zeroCount) }
                distinct.append(nonZero[i]); counts.append(1)
            } else {
                distinct[distinct.count - 1] = nonZero[i]
                counts[counts.count - 1] += 1
            }
        }
        if let last = nonZero.last, last < 0, zeroCount > 0 { distinct.append(0); counts.append(zeroCount) }
        return (distinct, counts)
    }

    /// Upper bounds of the bins for `values` (any order; NaN counts as 0). A value v falls in the
    /// first bin whose upper bound is ≥ v.
    static func upperBounds(of values: [Double], maxBin: Int, minDataInBin: Int) -> [Double] {
        let (distinct, counts) = distinctValues(of: values.map { $0.isNaN ? 0 : $0 })
        let total = values.count
        var leftCount = 0, zeroCount = 0, rightCount = 0
        for (v, c) in zip(distinct, counts) {
            if v <= -zeroThreshold { leftCount += c } else if v > zeroThreshold { rightCount += c } else { zeroCount += c }
        }
        let leftEnd = distinct.firstIndex { $0 > -zeroThreshold } ?? distinct.count
        var bounds = [Double]()
        if leftEnd > 0 && maxBin > 1 {
            let leftMaxBin = max(1, Int(Double(leftCount) / Double(total - zeroCount) * Double(maxBin - 1)))
            bounds = greedy(Array(distinct[0..<leftEnd]), Array(counts[0..<leftEnd]), maxBin: leftMaxBin, total: leftCount, minDataInBin: minDataInBin)
            if !bounds.isEmpty { bounds[bounds.count - 1] = -zeroThreshold }
        }
        let rightStart = distinct[leftEnd...].firstIndex { $0 > zeroThreshold }
        let rightMaxBin = maxBin - 1 - bounds.count
        if let start = rightStart, rightMaxBin > 0 {
            let right = greedy(Array(distinct[start...]), Array(counts[start...]), maxBin: rightMaxBin, total: rightCount, minDataInBin: minDataInBin)
            bounds.append(zeroThreshold)
            bounds.append(contentsOf: right)
        } else {
            bounds.append(.infinity)
        }
        return bounds
    }

    /// LightGBM's `GreedyFindBin`.
    static func greedy(_ distinct: [Double], _ counts: [Int], maxBin requested: Int, total: Int, minDataInBin: Int) -> [Double] {
        let n = distinct.count
        var bounds = [Double]()
        if n <= requested {
            var inBin = 0
            for i in 0..<(n - 1) {
                inBin += counts[i]
                if inBin >= minDataInBin {
                    let value = upperBound((distinct[i] + distinct[i + 1]) / 2)
                    if bounds.last.map({ !equalOrdered($0, value) }) ?? true {
                        bounds.append(value)
                        inBin = 0
                    }
                }
            }
            bounds.append(.infinity)
            return bounds
        }
        var maxBin = requested
        if minDataInBin > 0 { maxBin = max(1, min(maxBin, total / minDataInBin)) }
        var meanBinSize = Double(total) / Double(maxBin)
        var restBins = maxBin
        var restSamples = total
        var isBig = [Bool](repeating: false, count: n)
        for i in 0..<n where Double(counts[i]) >= meanBinSize {
            isBig[i] = true; restBins -= 1; restSamples -= counts[i]
        }
        meanBinSize = Double(restSamples) / Double(restBins)
        var uppers = [Double](repeating: .infinity, count: maxBin)
        var lowers = [Double](repeating: .infinity, count: maxBin)
        var binCount = 0
        lowers[0] = distinct[0]
        var inBin = 0
        for i in 0..<(n - 1) {
            if !isBig[i] { restSamples -= counts[i] }
            inBin += counts[i]
            if isBig[i] || Double(inBin) >= meanBinSize || (isBig[i + 1] && Double(inBin) >= max(1.0, meanBinSize * 0.5)) {
                uppers[binCount] = distinct[i]
                binCount += 1
                lowers[binCount] = distinct[i + 1]
                if binCount >= maxBin - 1 { break }
                inBin = 0
                if !isBig[i] {
                    restBins -= 1
                    meanBinSize = Double(restSamples) / Double(restBins)
                }
            }
        }
        binCount += 1
        for i in 0..<(binCount - 1) {
            let value = upperBound((uppers[i] + lowers[i + 1]) / 2)
            if bounds.last.map({ !equalOrdered($0, value) }) ?? true { bounds.append(value) }
        }
        bounds.append(.infinity)
        return bounds
    }

    /// LightGBM's `GetDoubleUpperBound`: the next representable double above the midpoint, so the
    /// midpoint itself always falls in the lower bin.
    static func upperBound(_ x: Double) -> Double { x.nextUp }

    /// LightGBM's `CheckDoubleEqualOrdered`: b is at most one ulp above a.
    static func equalOrdered(_ a: Double, _ b: Double) -> Bool { b <= a.nextUp }

    /// Bin index of `value` given upper bounds (binary search, first bound ≥ value).
    static func bin(of value: Double, bounds: [Double]) -> Int {
        let v = value.isNaN ? 0 : value
        var lo = 0, hi = bounds.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if v <= bounds[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

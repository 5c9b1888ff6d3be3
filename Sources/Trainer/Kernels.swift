// Dense float kernels over raw pointers: a register-blocked matrix multiply, a vectorised exp,
// and the row-wise softmax cross-entropy. Built on SIMD8<Float>, which LLVM lowers to the widest
// vectors the target has (two SSE registers on baseline x86-64, one AVX register with -mavx).

@inline(__always) func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}

/// `C[m×n] (+)= A[m×k] · B[k×n]`. `A(i, p) = a[i·aRow + p·aCol]` (so Aᵀ is a stride swap),
/// `B` and `C` are row-major with leading dimensions `ldb` and `ldc`.
/// The core keeps a 4×8 tile of C in registers and streams one row of B per step of p.
func gemm(m: Int, n: Int, k: Int,
          a: UnsafePointer<Float>, aRow: Int, aCol: Int,
          b: UnsafePointer<Float>, ldb: Int,
          c: UnsafeMutablePointer<Float>, ldc: Int,
          accumulate: Bool) {
    var i = 0
    while i + 4 <= m {
        let a0 = a + i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow
        let c0 = c + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
        var j = 0
        while j + 8 <= n {
            var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
            if accumulate { s0 = load8(c0 + j); s1 = load8(c1 + j); s2 = load8(c2 + j); s3 = load8(c3 + j) }
            var bp = b + j
            var ap = 0
            for _ in 0..<k {
                let bv = load8(bp)
                s0 += bv * a0[ap]; s1 += bv * a1[ap]; s2 += bv * a2[ap]; s3 += bv * a3[ap]
                bp += ldb; ap &+= aCol
            }
            store8(s0, c0 + j); store8(s1, c1 + j); store8(s2, c2 + j); store8(s3, c3 + j)
            j += 8
        }
        while j < n {
            var t0: Float = accumulate ? c0[j] : 0, t1: Float = accumulate ? c1[j] : 0
            var t2: Float = accumulate ? c2[j] : 0, t3: Float = accumulate ? c3[j] : 0
            for p in 0..<k {
                let bv = b[p * ldb + j]
                t0 += bv * a0[p * aCol]; t1 += bv * a1[p * aCol]; t2 += bv * a2[p * aCol]; t3 += bv * a3[p * aCol]
            }
            c0[j] = t0; c1[j] = t1; c2[j] = t2; c3[j] = t3
            j += 1
        }
        i += 4
    }
    while i < m {
        let a0 = a + i * aRow, c0 = c + i * ldc
        var j = 0
        while j + 8 <= n {
            var s0 = accumulate ? load8(c0 + j) : SIMD8<Float>()
            for p in 0..<k { s0 += load8(b + p * ldb + j) * a0[p * aCol] }
            store8(s0, c0 + j)
            j += 8
        }
        while j < n {
            var t0: Float = accumulate ? c0[j] : 0
            for p in 0..<k { t0 += b[p * ldb + j] * a0[p * aCol] }
            c0[j] = t0
            j += 1
        }
        i += 1
    }
}

/// Row-major transpose: `dst[n×m] = src[m×n]ᵀ`.
func transpose(_ src: UnsafePointer<Float>, rows m: Int, columns n: Int, into dst: UnsafeMutablePointer<Float>) {
    for i in 0..<m {
        let row = src + i * n
        for j in 0..<n { dst[j * m + i] = row[j] }
    }
}

/// Lane-wise clamp, written with masks because the generic `pointwiseMin/Max` are not inlined.
@inline(__always) func clamp(_ x: SIMD8<Float>, _ lower: Float, _ upper: Float) -> SIMD8<Float> {
    var y = x
    y.replace(with: lower, where: x .< lower)
    y.replace(with: upper, where: x .> upper)
    return y
}

@inline(__always) func laneMax(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    var y = a
    y.replace(with: b, where: b .> a)
    return y
}

/// e^x for every lane (Cephes expf polynomial, relative error ~2e-7); inputs clamped to [-87, 88].
@inline(__always) func fastExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    var x = clamp(x, -87, 88)
    // Round x·log2(e) to nearest with the 1.5·2^23 trick (no SSE4.1 rounding instruction needed).
    let magic = SIMD8<Float>(repeating: 12_582_912)
    let shifted = x * 1.442_695_04 + magic
    let n = shifted - magic
    x = x - n * 0.693_359_375
    x = x + n * 2.121_944_4e-4
    var p = SIMD8<Float>(repeating: 1.987_569_1e-4)
    p = p * x + 1.398_199_9e-3
    p = p * x + 8.333_452e-3
    p = p * x + 4.166_579_6e-2
    p = p * x + 0.166_666_65
    p = p * x + 0.5
    p = p * x * x + x + 1
    // 2^n: the low mantissa bits of `shifted` hold n; move them into the exponent field.
    let nBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
    let scale = unsafeBitCast((nBits &+ 127) &<< 23, to: SIMD8<Float>.self)
    return p * scale
}

/// tanh in place over `count` floats, as 1 − 2/(e^{2x} + 1).
func tanhInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
        let e = fastExp(load8(x + i) * 2)
        store8(1 - 2 / (e + 1), x + i)
        i += 8
    }
    while i < count {
        var lane = SIMD8<Float>(repeating: 0)
        lane[0] = x[i] * 2
        x[i] = 1 - 2 / (fastExp(lane)[0] + 1)
        i += 1
    }
}

/// Softmax cross-entropy of one row of 256 logits against `target`. Overwrites the row with
/// `scale · (softmax − onehot)` when `gradientScale` is given; returns the loss in nats.
@inline(__always) func softmaxCrossEntropy256(_ row: UnsafeMutablePointer<Float>, target: Int, gradientScale: Float?) -> Float {
    var mx = load8(row)
    var i = 8
    while i < 256 { mx = laneMax(mx, load8(row + i)); i += 8 }
    let m = mx.max()
    let mv = SIMD8<Float>(repeating: m)
    var sum = SIMD8<Float>()
    i = 0
    let targetLogit = row[target]
    if let scale = gradientScale {
        while i < 256 {
            let e = fastExp(load8(row + i) - mv)
            store8(e, row + i)
            sum += e
            i += 8
        }
        let total = sum.sum()
        let factor = SIMD8<Float>(repeating: scale / total)
        i = 0
        while i < 256 { store8(load8(row + i) * factor, row + i); i += 8 }
        row[target] -= scale
        return _logf(total) + m - targetLogit
    }
    while i < 256 { sum += fastExp(load8(row + i) - mv); i += 8 }
    return _logf(sum.sum()) + m - targetLogit
}

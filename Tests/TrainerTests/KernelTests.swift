import SeededRandom
import Testing
@testable import Trainer
#if canImport(Glibc)
import Glibc
#endif

@Suite struct KernelTests {
    @Test func gemmMatchesTheNaiveProductForEveryLayout() {
        var rng = Xoshiro256StarStar(seed: 5)
        for (m, n, k) in [(7, 19, 5), (4, 8, 3), (9, 256, 13), (1, 3, 1)] {
            let a = (0..<(m * k)).map { _ in Float(rng.nextGaussian()) }
            let b = (0..<(k * n)).map { _ in Float(rng.nextGaussian()) }
            let c0 = (0..<(m * n)).map { _ in Float(rng.nextGaussian()) }
            for transposedA in [false, true] {
                // A stored row-major m×k, or as its transpose k×m.
                let stored = transposedA ? (0..<(k * m)).map { i in a[(i % m) * k + i / m] } : a
                for accumulate in [false, true] {
                    var c = c0
                    stored.withUnsafeBufferPointer { ap in
                        b.withUnsafeBufferPointer { bp in
                            c.withUnsafeMutableBufferPointer { cp in
                                gemm(m: m, n: n, k: k, a: ap.baseAddress!, aRow: transposedA ? 1 : k, aCol: transposedA ? m : 1,
                                     b: bp.baseAddress!, ldb: n, c: cp.baseAddress!, ldc: n, accumulate: accumulate)
                            }
                        }
                    }
                    for i in 0..<m {
                        for j in 0..<n {
                            var s: Float = accumulate ? c0[i * n + j] : 0
                            for p in 0..<k { s += a[i * k + p] * b[p * n + j] }
                            #expect(abs(c[i * n + j] - s) < 1e-4, "m\(m) n\(n) k\(k) at \(i),\(j)")
                        }
                    }
                }
            }
        }
    }

    @Test func fastExpIsAccurate() {
        var worst: Float = 0
        var x: Float = -80
        while x < 80 {
            var v = SIMD8<Float>()
            for l in 0..<8 { v[l] = x + Float(l) * 0.01 }
            let e = fastExp(v)
            for l in 0..<8 { worst = max(worst, abs(e[l] / expf(v[l]) - 1)) }
            x += 0.37
        }
        #expect(worst < 1e-6)
        #expect(fastExp(SIMD8(repeating: -1000))[0] < 1e-37)
    }

    @Test func softmaxCrossEntropyAndItsGradient() {
        var row = (0..<256).map { Float($0 % 7) * 0.3 - 1 }
        let reference: Double = {
            let mx = row.max()!
            let sum = row.reduce(0.0) { $0 + exp(Double($1 - mx)) }
            return log(sum) + Double(mx) - Double(row[10])
        }()
        let probabilities = row.map { exp(Double($0)) / row.reduce(0.0) { $0 + exp(Double($1)) } }
        let loss = row.withUnsafeMutableBufferPointer { softmaxCrossEntropy256($0.baseAddress!, target: 10, gradientScale: 0.5) }
        #expect(abs(Double(loss) - reference) < 1e-5)
        for j in 0..<256 {
            let expected = 0.5 * (probabilities[j] - (j == 10 ? 1 : 0))
            #expect(abs(Double(row[j]) - expected) < 1e-6)
        }
    }
}

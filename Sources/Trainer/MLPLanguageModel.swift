// The network, its gradients and its scratch buffers in raw memory owned by one training run
// (no shared state, so concurrent runs cannot interfere).
import SeededRandom

/// Parameters, Adam state and per-batch buffers of one byte-level MLP language model.
final class MLPLanguageModel {
    let shape: ModelShape
    let maxRows: Int
    let count: Int
    // Offsets of the parameter blocks in `parameters` (and `gradients`, `m`, `v`).
    let embeddingOffset = 0
    let w1Offset: Int, b1Offset: Int, w2Offset: Int, b2Offset: Int

    let parameters: UnsafeMutablePointer<Float>
    let gradients: UnsafeMutablePointer<Float>
    private let firstMoment: UnsafeMutablePointer<Float>
    private let secondMoment: UnsafeMutablePointer<Float>
    private var adamSteps = 0
    // Transposed copies of W1 (hidden × input) and W2 (256 × hidden), refreshed after each update,
    // so that every product in backward reads a contiguous row-major right operand.
    private let w1T: UnsafeMutablePointer<Float>
    private let w2T: UnsafeMutablePointer<Float>
    // Batch buffers.
    let contexts: UnsafeMutablePointer<Int32>
    let targets: UnsafeMutablePointer<Int32>
    private let inputs: UnsafeMutablePointer<Float>
    private let hidden: UnsafeMutablePointer<Float>
    private let logits: UnsafeMutablePointer<Float>
    private let hiddenGradient: UnsafeMutablePointer<Float>
    private let inputGradient: UnsafeMutablePointer<Float>

    init(shape: ModelShape, maxRows: Int, seed: UInt64) {
        self.shape = shape
        self.maxRows = maxRows
        let v = ModelShape.vocabulary, e = shape.embedding, k = shape.inputWidth, h = shape.hidden
        w1Offset = v * e
        b1Offset = w1Offset + k * h
        w2Offset = b1Offset + h
        b2Offset = w2Offset + h * v
        count = b2Offset + v
        func buffer<T: Numeric>(_ n: Int, _: T.Type) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0, count: max(n, 1))
            return p
        }
        parameters = buffer(count, Float.self)
        gradients = buffer(count, Float.self)
        firstMoment = buffer(count, Float.self)
        secondMoment = buffer(count, Float.self)
        w1T = buffer(k * h, Float.self)
        w2T = buffer(v * h, Float.self)
        contexts = buffer(maxRows * shape.context, Int32.self)
        targets = buffer(maxRows, Int32.self)
        inputs = buffer(maxRows * k, Float.self)
        self.hidden = buffer(maxRows * h, Float.self)
        logits = buffer(maxRows * v, Float.self)
        hiddenGradient = buffer(maxRows * h, Float.self)
        inputGradient = buffer(maxRows * k, Float.self)
        initialise(seed: seed)
    }

    deinit {
        for p in [parameters, gradients, firstMoment, secondMoment, w1T, w2T, inputs, hidden, logits,
                  hiddenGradient, inputGradient] { p.deallocate() }
        contexts.deallocate(); targets.deallocate()
    }

    /// Embeddings ~ N(0, 1); W1 ~ N(0, 1/input) so tanh starts unsaturated; W2 ~ N(0, 0.25/hidden); biases 0.
    private func initialise(seed: UInt64) {
        var rng = Xoshiro256StarStar(seed: deriveSeed(seed, 0x494E_4954))  // "INIT"
        let v = ModelShape.vocabulary
        func fill(_ offset: Int, _ n: Int, _ std: Double) {
            for i in 0..<n { parameters[offset + i] = Float(rng.nextGaussian() * std) }
        }
        fill(embeddingOffset, v * shape.embedding, 1)
        fill(w1Offset, shape.inputWidth * shape.hidden, 1 / Double(shape.inputWidth).squareRoot())
        fill(w2Offset, shape.hidden * v, 0.5 / Double(shape.hidden).squareRoot())
        refreshTransposes()
    }

    private func refreshTransposes() {
        transpose(parameters + w1Offset, rows: shape.inputWidth, columns: shape.hidden, into: w1T)
        transpose(parameters + w2Offset, rows: shape.hidden, columns: ModelShape.vocabulary, into: w2T)
    }

    /// Forward pass over `rows` filled contexts; leaves logits in the logits buffer.
    private func forward(rows: Int) {
        let v = ModelShape.vocabulary, e = shape.embedding, c = shape.context, k = shape.inputWidth, h = shape.hidden
        for r in 0..<rows {
            let out = inputs + r * k
            for slot in 0..<c {
                let row = parameters + embeddingOffset + Int(contexts[r * c + slot]) * e
                (out + slot * e).update(from: row, count: e)
            }
        }
        for r in 0..<rows { (hidden + r * h).update(from: parameters + b1Offset, count: h) }
        gemm(m: rows, n: h, k: k, a: inputs, aRow: k, aCol: 1, b: parameters + w1Offset, ldb: h,
             c: hidden, ldc: h, accumulate: true)
        tanhInPlace(hidden, count: rows * h)
        for r in 0..<rows { (logits + r * v).update(from: parameters + b2Offset, count: v) }
        gemm(m: rows, n: v, k: h, a: hidden, aRow: h, aCol: 1, b: parameters + w2Offset, ldb: v,
             c: logits, ldc: v, accumulate: true)
    }

    /// Summed cross-entropy (nats) of `rows` filled positions, without gradients.
    func evaluate(rows: Int) -> Double {
        forward(rows: rows)
        var total = 0.0
        for r in 0..<rows {
            total += Double(softmaxCrossEntropy256(logits + r * ModelShape.vocabulary, target: Int(targets[r]), gradientScale: nil))
        }
        return total
    }

    /// Forward and backward over `rows` filled positions; gradients of the mean loss land in `gradients`.
    func accumulateGradients(rows: Int) {
        let v = ModelShape.vocabulary, e = shape.embedding, c = shape.context, k = shape.inputWidth, h = shape.hidden
        forward(rows: rows)
        let scale = 1 / Float(rows)
        for r in 0..<rows {
            _ = softmaxCrossEntropy256(logits + r * v, target: Int(targets[r]), gradientScale: scale)
        }
        gradients.update(repeating: 0, count: count)
        // Output layer: dW2 = Hᵀ·dZ, db2 = Σ dZ, dH = dZ·W2ᵀ.
        gemm(m: h, n: v, k: rows, a: hidden, aRow: 1, aCol: h, b: logits, ldb: v,
             c: gradients + w2Offset, ldc: v, accumulate: false)
        let db2 = gradients + b2Offset
        for r in 0..<rows {
            let row = logits + r * v
            var j = 0
            while j < v { store8(load8(db2 + j) + load8(row + j), db2 + j); j += 8 }
        }
        gemm(m: rows, n: h, k: v, a: logits, aRow: v, aCol: 1, b: w2T, ldb: h,
             c: hiddenGradient, ldc: h, accumulate: false)
        // Through tanh: d(pre) = dH·(1 − H²).
        let db1 = gradients + b1Offset
        for r in 0..<rows {
            let hRow = hidden + r * h, gRow = hiddenGradient + r * h
            for j in 0..<h {
                let g = gRow[j] * (1 - hRow[j] * hRow[j])
                gRow[j] = g
                db1[j] += g
            }
        }
        // Hidden layer: dW1 = Xᵀ·dPre, dX = dPre·W1ᵀ, then scatter into the embedding rows.
        gemm(m: k, n: h, k: rows, a: inputs, aRow: 1, aCol: k, b: hiddenGradient, ldb: h,
             c: gradients + w1Offset, ldc: h, accumulate: false)
        gemm(m: rows, n: k, k: h, a: hiddenGradient, aRow: h, aCol: 1, b: w1T, ldb: k,
             c: inputGradient, ldc: k, accumulate: false)
        for r in 0..<rows {
            for slot in 0..<c {
                let dst = gradients + embeddingOffset + Int(contexts[r * c + slot]) * e
                let src = inputGradient + r * k + slot * e
                for i in 0..<e { dst[i] += src[i] }
            }
        }
    }

    /// One Adam step (β1 0.9, β2 0.99, ε 1e-8, bias-corrected) with learning rate `rate`.
    func adamUpdate(rate: Double) {
        adamSteps += 1
        let beta1: Float = 0.9, beta2: Float = 0.99
        let correction1 = 1 - _pow(0.9, Double(adamSteps)), correction2 = 1 - _pow(0.99, Double(adamSteps))
        let stepSize = Float(rate / correction1)
        let inverseRoot = Float(1 / correction2.squareRoot())
        let p = parameters, g = gradients, m = firstMoment, s = secondMoment
        // Explicit SIMD8: the four buffers may alias as far as the compiler knows, so it would not vectorise.
        let b1 = SIMD8<Float>(repeating: beta1), b2 = SIMD8<Float>(repeating: beta2)
        let c1 = SIMD8<Float>(repeating: 1 - beta1), c2 = SIMD8<Float>(repeating: 1 - beta2)
        let lr = SIMD8<Float>(repeating: stepSize), ir = SIMD8<Float>(repeating: inverseRoot)
        let eps = SIMD8<Float>(repeating: 1e-8)
        var i = 0
        while i + 8 <= count {
            let gi = load8(g + i)
            let mi = b1 * load8(m + i) + c1 * gi
            let si = b2 * load8(s + i) + c2 * gi * gi
            store8(mi, m + i); store8(si, s + i)
            store8(load8(p + i) - lr * mi / (si.squareRoot() * ir + eps), p + i)
            i += 8
        }
        while i < count {
            let gi = g[i]
            let mi = beta1 * m[i] + (1 - beta1) * gi
            let si = beta2 * s[i] + (1 - beta2) * gi * gi
            m[i] = mi; s[i] = si
            p[i] -= stepSize * mi / ((si.squareRoot() * inverseRoot) + 1e-8)
            i += 1
        }
        refreshTransposes()
    }
}

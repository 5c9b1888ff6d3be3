import Testing
@testable import Trainer

@Suite struct GradientCheckTests {
    /// Backpropagation agrees with central finite differences of the mean loss for every parameter block.
    @Test func analyticGradientsMatchFiniteDifferences() {
        let shape = ModelShape(context: 3, embedding: 4, hidden: 8)
        let model = MLPLanguageModel(shape: shape, maxRows: 5, seed: 3)
        let rows = 5
        let contexts: [Int32] = [1, 2, 3, 4, 5, 6, 0, 0, 1, 200, 201, 3, 9, 8, 7]
        let targets: [Int32] = [4, 7, 2, 9, 255]
        func fill() {
            for i in 0..<contexts.count { model.contexts[i] = contexts[i] }
            for i in 0..<rows { model.targets[i] = targets[i] }
        }
        fill()
        model.accumulateGradients(rows: rows)
        let analytic = Array(UnsafeBufferPointer(start: model.gradients, count: model.count))
        // Parameters that the batch touches in each block: embeddings of bytes used, and a sample of the rest.
        let probes = [1 * 4 + 2, 200 * 4 + 1, 9 * 4 + 3,
                      model.w1Offset, model.w1Offset + 37, model.b1Offset + 5,
                      model.w2Offset + 3 * 256 + 4, model.w2Offset + 7 * 256 + 255, model.b2Offset + 9, model.b2Offset + 100]
        for index in probes {
            let saved = model.parameters[index]
            let h: Float = 1e-2
            model.parameters[index] = saved + h
            fill()
            let plus = model.evaluate(rows: rows) / Double(rows)
            model.parameters[index] = saved - h
            fill()
            let minus = model.evaluate(rows: rows) / Double(rows)
            model.parameters[index] = saved
            let numeric = (plus - minus) / Double(2 * h)
            let g = Double(analytic[index])
            #expect(abs(numeric - g) <= 2e-3 + 0.03 * abs(g), "parameter \(index): numeric \(numeric) vs analytic \(g)")
        }
    }
}

import Foundation
import SeededRandom
import Testing
@testable import Methods

/// Losses from known laws, nested exactly as Data Mixing Laws assumes: a Chinchilla-form
/// L_k(N, D, r) = c_k(r) + A_k/N^a + B_k/D^b with a mixing law c_k(r) = 1 + 0.5·exp(t_k·r). For fixed
/// (N, r) this is a step law with α = b; at fixed D a size law with α = a; at the target scale a
/// mixing law in r.
struct SyntheticScalingWorld {
    let a = 0.34, b = 0.28
    let amplitudes: [(size: Double, tokens: Double)] = [(406.4, 410.7), (300.0, 350.0)]
    let t: [[Double]] = [[-1.0, 0.5, 0.2], [0.3, -1.2, 0.4]]
    let sizes: [Double] = [1e6, 3e6, 1e7]
    let checkpoints: [Double] = [1e8, 2e8, 4e8, 8e8, 1.6e9]
    let targetSize = 1e8, targetTokens = 3.2e9
    let noise = 0.001

    func loss(_ k: Int, size: Double, tokens: Double, mixture r: [Double]) -> Double {
        let z = zip(t[k], r).reduce(0) { $0 + $1.0 * $1.1 }
        return 1 + 0.5 * Foundation.exp(z) + amplitudes[k].size / Foundation.pow(size, a) + amplitudes[k].tokens / Foundation.pow(tokens, b)
    }

    /// Noisy checkpoints of one run ([metric][checkpoint]), multiplicative log-normal noise.
    func observe(size: Double, mixture r: [Double], seed: UInt64) -> [[Double]] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<2).map { k in checkpoints.map { loss(k, size: size, tokens: $0, mixture: r) * Foundation.exp(noise * rng.nextNormal()) } }
    }

    /// The step law of every proxy size for mixture `index`, fitted with bootstrap.
    func stepInputs(mixture r: [Double], index: Int) throws -> [StepLawInput] {
        try sizes.enumerated().map { (m, size) in
            let observed = observe(size: size, mixture: r, seed: UInt64(index * 16 + m))
            let step = try StepLaw.fit(tokens: checkpoints, observed: observed, bootstrap: BootstrapOptions(samples: 60, seed: UInt64(index)))
            return StepLawInput(size: size, law: step.fit.law, replicates: step.replicates,
                                finalTokens: checkpoints[checkpoints.count - 1], finalMetrics: observed.map { $0[$0.count - 1] })
        }
    }
}

@Suite struct PowerLawFitterTests {
    @Test func recoversAnExactSharedExponentLaw() throws {
        let x: [Double] = [1e8, 2e8, 4e8, 8e8, 1.6e9]
        let truth = SharedPowerLaw(alpha: 0.3, curves: [PowerLawCurve(irreducible: 2.0, scale: 5e6), PowerLawCurve(irreducible: 1.5, scale: 2e7)])
        let y = truth.curves.indices.map { k in x.map { truth.predict(curve: k, at: $0) } }
        let fit = try PowerLawFitter.fit(x: x, y: y)
        #expect(fit.converged)
        #expect(abs(fit.law.alpha - 0.3) < 1e-4)
        for k in 0..<2 {
            #expect(abs(fit.law.curves[k].irreducible - truth.curves[k].irreducible) < 1e-3)
            #expect(abs(fit.law.predict(curve: k, at: 1e11) - truth.predict(curve: k, at: 1e11)) < 1e-3)
        }
        #expect(fit.agreeingStarts >= 1 && fit.starts == 28)
    }

    @Test func rejectsUnusableData() {
        #expect(throws: MethodsError.self) { try PowerLawFitter.fit(x: [1, 1, 1], y: [[2, 2, 2]]) }
        #expect(throws: MethodsError.self) { try PowerLawFitter.fit(x: [1, 2, 3], y: [[2, -1, 2]]) }
        #expect(throws: MethodsError.self) { try PowerLawFitter.fit(x: [1, 2, 3], y: [[2, 2]]) }
        #expect(throws: MethodsError.self) { try StepLaw.fit(tokens: [1, 2], observed: [[3, 2]]) }
    }

    @Test func huberLossResistsOneOutlier() throws {
        let x: [Double] = [1e8, 2e8, 4e8, 8e8, 1.6e9, 3.2e9]
        let truth = SharedPowerLaw(alpha: 0.3, curves: [PowerLawCurve(irreducible: 2.0, scale: 5e6)])
        var y = [x.map { truth.predict(curve: 0, at: $0) }]
        y[0][2] *= 1.2
        let fit = try PowerLawFitter.fit(x: x, y: y)
        #expect(abs(fit.law.predict(curve: 0, at: 1e11) - truth.predict(curve: 0, at: 1e11)) / truth.predict(curve: 0, at: 1e11) < 0.01)
    }

    @Test func checkpointSelection() {
        let tokens: [Int64] = [800, 100, 400, 200, 1600, 50]
        #expect(StepLaw.selectCheckpoints(tokens: tokens, fromTokens: 300) == [2, 0, 4])
        #expect(StepLaw.selectCheckpoints(tokens: tokens, fromTokens: nil) == [2, 0, 4])
        #expect(StepLaw.selectCheckpoints(tokens: [10, 20, 30, 40], fromTokens: nil) == [1, 2, 3])
    }

    @Test func percentileIntervalsAreOrderedAndSeeded() throws {
        let interval = Interval.percentile(estimate: 5, samples: (0...100).map(Double.init), level: 0.9)
        #expect(abs(interval.low - 5) < 1e-9 && abs(interval.high - 95) < 1e-9)
        let world = SyntheticScalingWorld()
        let observed = world.observe(size: 1e6, mixture: [0.2, 0.3, 0.5], seed: 1)
        let first = try StepLaw.fit(tokens: world.checkpoints, observed: observed, bootstrap: BootstrapOptions(samples: 20, seed: 3))
        let second = try StepLaw.fit(tokens: world.checkpoints, observed: observed, bootstrap: BootstrapOptions(samples: 20, seed: 3))
        #expect(first == second)
        #expect(first.alpha.low < first.alpha.high)
    }
}

@Suite struct ScalingRecoveryTests {
    /// Known laws plus noise: the step law's exponent, the size law's exponent and the target-scale
    /// losses come back within their bootstrap intervals, and a mixing law fitted to the predicted
    /// target-scale losses predicts the true target-scale objective of held-out mixtures.
    @Test func nestedPipelineRecoversKnownLaws() throws {
        let world = SyntheticScalingWorld()
        let mixtures = randomMixtures(16, 3, seed: 11)
        var covered = 0, total = 0, alphaStepCovered = 0, alphaSizeCovered = 0
        var predicted: [[Double]] = [[], []]
        var errors: [Double] = [], widths: [Double] = [], looErrors: [Double] = []
        var replicates: [[[Double]]] = []
        for i in 0..<mixtures.rows {
            let r = mixtures.row(i)
            let inputs = try world.stepInputs(mixture: r, index: i)
            let steps = try inputs.map { input -> Bool in
                let fit = try StepLaw.fit(tokens: world.checkpoints, observed: world.observe(size: input.size, mixture: r, seed: UInt64(i * 16 + inputs.firstIndex(of: input)!)),
                                          bootstrap: BootstrapOptions(samples: 60, seed: UInt64(i)))
                return fit.alpha.contains(world.b)
            }
            alphaStepCovered += steps.filter { $0 }.count
            let size = try ScalingChain.sizeLaw(models: inputs, targetSize: world.targetSize, targetTokens: world.targetTokens,
                                                bootstrap: BootstrapOptions(samples: 60, seed: UInt64(i)))
            if size.alpha.contains(world.a) { alphaSizeCovered += 1 }
            for k in 0..<2 {
                let truth = world.loss(k, size: world.targetSize, tokens: world.targetTokens, mixture: r)
                total += 1
                if size.target[k].contains(truth) { covered += 1 }
                errors.append(abs(size.target[k].estimate - truth) / truth)
                widths.append((size.target[k].high - size.target[k].low) / truth)
                predicted[k].append(size.target[k].estimate)
            }
            looErrors += (size.leaveOneOut ?? [.nan]).map(abs)
            replicates.append(size.replicates)
        }
        // Leave-one-size-out fits two sizes (2K points for 2K + 1 parameters): a loose check only.
        #expect(looErrors.allSatisfy { $0.isFinite })
        #expect(looErrors.sorted()[looErrors.count / 2] < 0.05, "median leave-one-size-out error")
        #expect(errors.sorted()[errors.count / 2] < 0.015, "median target-scale error")
        // 95 % intervals: most should cover; a handful may not (the intervals are estimates too).
        #expect(Double(covered) / Double(total) >= 0.8, "target-scale coverage \(covered)/\(total)")
        #expect(Double(alphaStepCovered) / Double(3 * mixtures.rows) >= 0.75, "step exponent coverage \(alphaStepCovered)")
        #expect(Double(alphaSizeCovered) / Double(mixtures.rows) >= 0.8, "size exponent coverage \(alphaSizeCovered)")

        // The mixing law on the predicted target losses, and its bootstrap over replicates.
        let heldOut = randomMixtures(8, 3, seed: 99)
        for k in 0..<2 {
            let law = try MixingLawRegressor.fit(mixtures, predicted[k])
            let count = replicates.map(\.count).min() ?? 0
            var samples: [[Double]] = []
            for b in 0..<min(count, 40) {
                let refit = try MixingLawRegressor.fit(mixtures, replicates.map { $0[b][k] })
                samples.append(refit.predict(heldOut))
            }
            var inside = 0
            for j in 0..<heldOut.rows {
                let truth = world.loss(k, size: world.targetSize, tokens: world.targetTokens, mixture: heldOut.row(j))
                let estimate = law.predict(row: heldOut.row(j)[...])
                #expect(abs(estimate - truth) / truth < 0.02)
                if Interval.percentile(estimate: estimate, samples: samples.map { $0[j] }, level: 0.95).contains(truth) { inside += 1 }
            }
            #expect(inside >= 6, "held-out coverage \(inside)/8 for metric \(k)")
        }
    }
}

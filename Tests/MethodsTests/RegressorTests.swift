import SeededRandom
import Foundation
import TestSupport
import Testing
@testable import Methods

/// Random mixtures from a seeded Dirichlet.
func randomMixtures(_ n: Int, _ d: Int, seed: UInt64, strength: Double = 1) -> Matrix {
    var rows = [[Double]]()
    for i in 0..<n {
        var rng = Xoshiro256StarStar(seed: seed, index: UInt64(i))
        rows.append(rng.nextDirichlet(alpha: [Double](repeating: strength, count: d)))
    }
    return try! Matrix(rowArrays: rows)
}

@Suite struct LinearTests {
    @Test func recoversExactLinearFunctionOffTheSimplex() throws {
        var rng = Xoshiro256StarStar(seed: 1)
        let x = try Matrix(rowArrays: (0..<50).map { _ in (0..<3).map { _ in rng.nextOpenUnit() } })
        let y = (0..<50).map { (i: Int) -> Double in
            let r = x.row(i)
            let a: Double = 2 + 0.5 * r[0]
            return a - 1.5 * r[1] + 3 * r[2]
        }
        let m = try LinearRegressor.fit(x, y)
        #expect(abs(m.intercept - 2) < 1e-10)
        #expect(zip(m.coefficients, [0.5, -1.5, 3]).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(m.rank == 3)
    }

    @Test func collinearMixturesGiveMinimumNormSolution() throws {
        let x = randomMixtures(40, 4, seed: 2)
        let y = (0..<40).map { (i: Int) -> Double in
            let r = x.row(i)
            return 1 + r[0] - r[3]
        }
        let m = try LinearRegressor.fit(x, y)
        #expect(m.rank == 3)
        let p = m.predict(x)
        #expect(zip(p, y).allSatisfy { abs($0 - $1) < 1e-10 })
        // Minimum norm: slopes orthogonal to the all-ones null direction.
        #expect(abs(m.coefficients.reduce(0, +)) < 1e-10)
    }

    @Test func ridgeShrinksSlopes() throws {
        let x = randomMixtures(40, 4, seed: 3)
        let y = (0..<40).map { 5 * x.values[$0 * 4] }
        let ols = try LinearRegressor.fit(x, y)
        let ridge = try LinearRegressor.fit(x, y, options: LinearOptions(ridge: 1))
        let norm = { (m: LinearModel) in m.coefficients.map { $0 * $0 }.reduce(0, +) }
        #expect(norm(ridge) < norm(ols))
    }
}

@Suite struct GBDTTests {
    static func data() -> (Matrix, [Double]) {
        let x = randomMixtures(300, 5, seed: 4, strength: 0.5)
        let y = (0..<300).map { i -> Double in
            let r = x.row(i)
            return 3 + sin(6 * r[0]) + (r[1] > 0.3 ? 0.5 : 0) - r[2] * r[3]
        }
        return (x, y)
    }

    @Test func deterministicAndFastPredictorMatchesTraversal() throws {
        let (x, y) = Self.data()
        let options = GBDTOptions(iterations: 200, learningRate: 0.1)
        let a = try GBDTRegressor.fit(x, y, options: options)
        let b = try GBDTRegressor.fit(x, y, options: options)
        #expect(a == b)
        #expect(a.trees.allSatisfy { $0.leafValue.count <= 31 })
        let probe = randomMixtures(5000, 5, seed: 99, strength: 0.3)
        #expect(try FlatForest(a).predict(probe) == a.predictByTraversal(probe))
        // Rows sitting exactly on thresholds go left in both predictors.
        var onThreshold = [[Double]]()
        for tree in a.trees.prefix(20) {
            for (f, t) in zip(tree.feature, tree.threshold) {
                var row = [Double](repeating: 0.2, count: 5); row[f] = t; onThreshold.append(row)
            }
        }
        let m = try Matrix(rowArrays: onThreshold)
        #expect(try FlatForest(a).predict(m) == a.predictByTraversal(m))
        let fit = Agreement.spearman(try FlatForest(a).predict(x), y)
        #expect(fit > 0.95)
    }

    @Test func widerTreesUseTheTablePredictor() throws {
        let (x, y) = Self.data()
        let model = try GBDTRegressor.fit(x, y, options: GBDTOptions(iterations: 20, learningRate: 0.1, numLeaves: 48, minDataInLeaf: 3))
        #expect(model.trees.contains { $0.leafValue.count > 32 })
        let probe = randomMixtures(3000, 5, seed: 98, strength: 0.3)
        #expect(try FlatForest(model).predict(probe) == model.predictByTraversal(probe))
        let huge = try GBDTRegressor.fit(x, y, options: GBDTOptions(iterations: 3, learningRate: 0.1, numLeaves: 100, minDataInLeaf: 1))
        #expect(huge.trees.contains { $0.leafValue.count > 64 })
        #expect(try FlatForest(huge).predict(probe) == huge.predictByTraversal(probe))
    }

    @Test func respectsMinDataInLeaf() throws {
        let (x, y) = Self.data()
        let model = try GBDTRegressor.fit(x, y, options: GBDTOptions(iterations: 5, learningRate: 0.1, minDataInLeaf: 40))
        // Each leaf of the first tree must hold at least 40 training rows.
        var counts = [Int: Int]()
        x.values.withUnsafeBufferPointer { buffer in
            for i in 0..<x.rows { counts[model.trees[0].leaf(for: UnsafeBufferPointer(rebasing: buffer[(i * 5)..<(i * 5 + 5)])), default: 0] += 1 }
        }
        #expect(counts.values.allSatisfy { $0 >= 40 })
        #expect(counts.count <= 300 / 40)
    }

    @Test func binsFollowLightGBM() {
        // Zero gets its own bin; distinct positive values merge until a bin holds ≥ 3 samples.
        let values: [Double] = [0, 0, 0, 0.1, 0.1, 0.2, 0.3, 0.3, 0.3, 0.4, 0.5]
        let bounds = FeatureBinning.upperBounds(of: values, maxBin: 255, minDataInBin: 3)
        #expect(bounds.count == 4)
        #expect(bounds[0] == 1e-35)
        // 0.1 (×2) and 0.2 fill the first positive bin; 0.3 (×3) the second; 0.4 and 0.5 the last.
        #expect(bounds[1] == ((0.2 + 0.3) / 2).nextUp)
        #expect(bounds[2] == ((0.3 + 0.4) / 2).nextUp)
        #expect(bounds[3] == .infinity)
        // Many distinct values are capped at maxBin bins.
        let many = (0..<5000).map { Double($0) / 5000 }
        #expect(FeatureBinning.upperBounds(of: many, maxBin: 255, minDataInBin: 3).count <= 255)
    }

    @Test func valuesWithinOneUlpAreOneDistinctValueAsInLightGBM() {
        // LightGBM's FindBin: sorted values each at most one ulp above the previous one form one
        // group (chained), represented by the largest; zeros are counted apart. 0.5 and two ulps
        // above it stay apart.
        let a = 0.3, b = 0.3.nextUp, c = 0.3.nextUp.nextUp
        let (values, counts) = FeatureBinning.distinctValues(of: [c, 0, a, 0.5, b, 0, 0.5.nextUp.nextUp, 0.5])
        #expect(values == [0, c, 0.5, 0.5.nextUp.nextUp])
        #expect(counts == [2, 3, 2, 1])
        // Between negative and positive values LightGBM inserts the zero group even when empty.
        let (mixed, mixedCounts) = FeatureBinning.distinctValues(of: [-1, 2, (-1.0).nextDown])
        #expect(mixed == [-1, 0, 2])
        #expect(mixedCounts == [2, 0, 1])
        // Values within 1e-35 of zero are zeros; no values at all is one zero group.
        #expect(FeatureBinning.distinctValues(of: [1e-40, 0.2]).values == [0, 0.2])
        #expect(FeatureBinning.distinctValues(of: []).values == [0])
        // The bound between a merged pair and the next value starts from the larger of the pair.
        let bounds = FeatureBinning.upperBounds(of: [a, b, 0.4, 0.4, 0.5], maxBin: 255, minDataInBin: 1)
        #expect(bounds == [1e-35, ((b + 0.4) / 2).nextUp, ((0.4 + 0.5) / 2).nextUp, .infinity])
    }

    @Test func rejectsBadInput() {
        let x = randomMixtures(10, 3, seed: 1)
        #expect(throws: MethodsError.self) { try GBDTRegressor.fit(x, [1, 2]) }
        #expect(throws: MethodsError.self) { try GBDTRegressor.fit(x, [Double](repeating: .nan, count: 10)) }
        #expect(throws: MethodsError.self) { try GBDTRegressor.fit(x, [Double](repeating: 1, count: 10), options: GBDTOptions(numLeaves: 1)) }
    }
}

@Suite struct MixingLawTests {
    @Test func recoversKnownParameters() throws {
        let x = randomMixtures(200, 4, seed: 6, strength: 2)
        let c = 1.8, k = 0.9
        let t = [-1.2, 0.4, 1.0, -0.2]  // mean 0: the canonical gauge
        var noise = Xoshiro256StarStar(seed: 7)
        let y = (0..<200).map { i -> Double in
            let z = zip(t, x.row(i)).map { $0 * $1 }.reduce(0, +)
            return c + k * exp(z) + 0.002 * noise.nextNormal()
        }
        let m = try MixingLawRegressor.fit(x, y, options: MixingLawOptions(huberDelta: 0.01, starts: 8))
        print("mixing law: c \(m.c) k \(m.k) t \(m.t)")
        #expect(m.canonicalised)
        #expect(abs(m.c - c) < 0.1)
        #expect(abs(m.k - k) < 0.1)
        for j in t.indices { #expect(abs(m.t[j] - t[j]) < 0.1) }
        // Robust to outliers thanks to the Huber loss.
        var dirty = y
        for i in stride(from: 0, to: 200, by: 20) { dirty[i] += 3 }
        let robust = try MixingLawRegressor.fit(x, dirty, options: MixingLawOptions(huberDelta: 0.01, starts: 8))
        #expect(abs(robust.c - c) < 0.15)
        for j in t.indices { #expect(abs(robust.t[j] - t[j]) < 0.15) }
    }

    @Test func rejectsNonPositiveTargets() {
        let x = randomMixtures(10, 3, seed: 1)
        #expect(throws: MethodsError.self) { try MixingLawRegressor.fit(x, [Double](repeating: -1, count: 10)) }
    }

    @Test func lbfgsMinimisesRosenbrock() {
        let result = LBFGS().minimize(from: [-1.2, 1]) { v in
            let a = 1 - v[0], b = v[1] - v[0] * v[0]
            return (a * a + 100 * b * b, [-2 * a - 400 * v[0] * b, 200 * b])
        }
        #expect(abs(result.x[0] - 1) < 1e-5 && abs(result.x[1] - 1) < 1e-5)
    }
}

@Suite struct SerialisationTests {
    @Test func everyModelRoundTripsToIdenticalPredictions() throws {
        let (x, y) = GBDTTests.data()
        let probe = randomMixtures(1000, 5, seed: 11, strength: 0.3)
        let specs: [RegressorSpec] = [
            .linear(LinearOptions()), .gbdt(GBDTOptions(iterations: 50, learningRate: 0.1)),
            .mixingLaw(MixingLawOptions(starts: 2)),
        ]
        for spec in specs {
            let model = try spec.fit(x, y)
            let json = try model.jsonData()
            let loaded = try FittedModel.load(json: json)
            #expect(loaded == model, "\(spec.name)")
            #expect(try loaded.predict(probe) == model.predict(probe), "\(spec.name)")
            #expect(try loaded.jsonData() == json, "\(spec.name): serialisation is stable")
        }
        let set = try ModelSet.fit(.linear(LinearOptions()), features: ["a", "b", "c", "d", "e"], x: x, targets: ["m": y])
        #expect(try ModelSet.load(json: set.jsonData()) == set)
    }

    @Test func linearJSONIsGolden() throws {
        let model = FittedModel.linear(LinearModel(intercept: 0.1, coefficients: [1.0 / 3, -2.5e-17], rank: 2))
        try Golden.check(String(decoding: try model.jsonData(), as: UTF8.self) + "\n", "golden/methods/linear_model.json")
    }

    @Test func unknownFormatOrVersionIsAClearError() throws {
        let wrongFormat = Data(#"{"format":"mixspec.forest","version":1}"#.utf8)
        let wrongVersion = Data(#"{"format":"mixspec.gbdt","version":2}"#.utf8)
        #expect(throws: MethodsError.self) { try FittedModel.load(json: wrongFormat) }
        #expect(throws: MethodsError.self) { try FittedModel.load(json: wrongVersion) }
        #expect(throws: MethodsError.self) { try FittedModel.load(json: Data("{".utf8)) }
        // A structurally broken tree (child pointing back to the root) is rejected, not followed.
        let cyclic = #"{"featureCount":1,"format":"mixspec.gbdt","initialScore":0,"options":{"iterations":1,"lambdaL2":0,"learningRate":0.1,"maxBin":255,"minDataInBin":3,"minDataInLeaf":20,"minSumHessianInLeaf":0.001,"numLeaves":31},"trees":[{"feature":[0],"left":[0],"leafValue":[1,2],"right":[-2],"threshold":[0.5]}],"version":1}"#
        #expect(throws: MethodsError.self) { try FittedModel.load(json: Data(cyclic.utf8)) }
        #expect(throws: MethodsError.self) { try FittedModel.load(json: Data(cyclic.replacingOccurrences(of: #""left":[0]"#, with: #""left":[-1]"#).replacingOccurrences(of: #""feature":[0]"#, with: #""feature":[3]"#).utf8)) }
        let repaired = Data(cyclic.replacingOccurrences(of: #""left":[0]"#, with: #""left":[-1]"#).utf8)
        let probe = try Matrix(rowArrays: [[0.2], [0.9]])
        #expect(try FittedModel.load(json: repaired).predict(probe) == [1, 2])
    }
}

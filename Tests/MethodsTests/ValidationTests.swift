import SeededRandom
import Testing
@testable import Methods

@Suite struct AgreementTests {
    @Test func spearmanAveragesTiedRanks() {
        #expect(Agreement.averageRanks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
        // scipy.stats.spearmanr([1, 2, 2, 3, 4], [1, 3, 2, 2, 5]).correlation
        #expect(abs(Agreement.spearman([1, 2, 2, 3, 4], [1, 3, 2, 2, 5]) - 0.7631578947368421) < 1e-12)
        #expect(abs(Agreement.pearson([1, 2, 3], [2, 4, 7]) - 0.9933992677987828) < 1e-12)
        #expect(Agreement.meanSquaredError([1, 2], [2, 4]) == 2.5)
    }
}

@Suite struct CrossValidationTests {
    @Test func foldsAreBalancedSeededAndDisjoint() {
        let folds = CrossValidation.foldAssignment(rows: 103, folds: 5, seed: 3)
        let sizes = (0..<5).map { k in folds.filter { $0 == k }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(folds == CrossValidation.foldAssignment(rows: 103, folds: 5, seed: 3))
        #expect(folds != CrossValidation.foldAssignment(rows: 103, folds: 5, seed: 4))
    }

    @Test func bestRegressorByMeanSpearman() throws {
        let x = randomMixtures(120, 4, seed: 21)
        var noise = Xoshiro256StarStar(seed: 22)
        let linearTarget = (0..<120).map { (i: Int) -> Double in
            let r = x.row(i)
            return 2 + r[0] - 2 * r[1] + 0.01 * noise.nextNormal()
        }
        let (best, reports) = try CrossValidation.selectBest(
            [.gbdt(GBDTOptions(iterations: 100, learningRate: 0.1)), .linear(LinearOptions())],
            x: x, targets: ["loss": linearTarget], folds: 5, seed: 1)
        #expect(best == 1)
        #expect(reports[1].scores["loss"]!.spearman > 0.99)
        #expect(reports[1].outOfFold["loss"]!.count == 120)
        #expect(reports[0].meanSpearman < reports[1].meanSpearman)
    }

    @Test func invalidFoldCountsAreErrors() {
        let x = randomMixtures(3, 2, seed: 1)
        #expect(throws: MethodsError.self) { try CrossValidation.run(.linear(LinearOptions()), x: x, targets: ["m": [1, 2, 3]], folds: 1, seed: 0) }
        #expect(throws: MethodsError.self) { try CrossValidation.run(.linear(LinearOptions()), x: x, targets: ["m": [1, 2, 3]], folds: 4, seed: 0) }
    }
}

@Suite struct ObjectiveTests {
    @Test func evaluatesArithmeticAndAggregates() throws {
        let f = ObjectiveFormula.add(
            .multiply(.number(0.7), .metric("loss.web")),
            .multiply(.number(0.3), .mean([.metric("loss.code"), .metric("loss.wiki")])))
        let v = try f.evaluate(["loss.web": 2, "loss.code": 4, "loss.wiki": 6])
        #expect(abs(v - (1.4 + 1.5)) < 1e-12)
        #expect(f.metricNames == ["loss.code", "loss.web", "loss.wiki"])
        #expect(try ObjectiveFormula.max([.metric("a"), .negate(.metric("b"))]).evaluate(["a": 1, "b": -3]) == 3)
        #expect(try ObjectiveFormula.min([.metric("a"), .number(0)]).evaluate(["a": 1]) == 0)
        #expect(try ObjectiveFormula.sum([.metric("a"), .metric("a")]).evaluate(["a": 1.5]) == 3)
        #expect(try ObjectiveFormula.divide(.subtract(.metric("a"), .number(1)), .number(4)).evaluate(["a": 3]) == 0.5)
    }

    @Test func missingMetricIsAnError() {
        #expect(throws: MethodsError.self) { try ObjectiveFormula.metric("loss.x").evaluate(["loss.web": 1]) }
        #expect(throws: MethodsError.self) { try ObjectiveFormula.mean([]).evaluate([:]) }
    }
}

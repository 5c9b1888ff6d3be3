import Foundation
import Testing
@testable import Methods

/// The published RegMix 1M-proxy data (DESIGN.md §8), when present beside the repository.
enum RegMixData {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/regmix")
    static let target = "metric/the_pile_pile_cc_val_loss"

    static func load(_ split: String) throws -> ImportedRuns? {
        let mix = directory.appendingPathComponent("\(split)_mixture_1m.csv").path
        let met = directory.appendingPathComponent("\(split)_pile_loss_1m.csv").path
        guard FileManager.default.fileExists(atPath: mix), FileManager.default.fileExists(atPath: met) else {
            print("skipping: RegMix data not found at \(directory.path)")
            return nil
        }
        return try ImportedRuns.load(mixturesPath: mix, metricsPath: met)
    }
}

@Suite struct RegMixDataTests {
    @Test func gbdtReachesReferenceSpearman() throws {
        guard let train = try RegMixData.load("train"), let test = try RegMixData.load("test") else { return }
        let start = Date()
        let model = try GBDTRegressor.fit(train.mixtureMatrix, try train.metric(RegMixData.target))
        let fitSeconds = Date().timeIntervalSince(start)
        let predicted = try FlatForest(model).predict(test.mixtureMatrix)
        let rho = Agreement.spearman(predicted, try test.metric(RegMixData.target))
        print("gbdt: \(model.trees.count) trees fitted in \(String(format: "%.2f", fitSeconds)) s (debug build); test Spearman \(rho)")
        #expect(model.trees.count == 1000)
        #expect(rho >= 0.988)
        #expect(predicted == model.predictByTraversal(test.mixtureMatrix))
    }

    @Test func linearMatchesOrdinaryLeastSquares() throws {
        guard let train = try RegMixData.load("train"), let test = try RegMixData.load("test") else { return }
        let model = try LinearRegressor.fit(train.mixtureMatrix, try train.metric(RegMixData.target))
        let rho = Agreement.spearman(model.predict(test.mixtureMatrix), try test.metric(RegMixData.target))
        print("linear: test Spearman \(rho), rank \(model.rank)")
        // numpy.linalg.lstsq with an intercept column on the same renormalised data: 0.9018.
        #expect(abs(rho - 0.9018) < 0.01)
    }
}

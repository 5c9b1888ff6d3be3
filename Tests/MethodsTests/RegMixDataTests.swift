import Foundation
import TestSupport
import Testing
@testable import Methods

/// The published RegMix 1M-proxy data (DESIGN.md §8): `$MIXSPEC_REGMIX_DATA`, else
/// ../shared/data/regmix beside the repository.
enum RegMixData {
    static let directory: URL = ProcessInfo.processInfo.environment["MIXSPEC_REGMIX_DATA"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/regmix")
    static let target = "metric/the_pile_pile_cc_val_loss"

    static func paths(_ split: String) -> (mixtures: String, metrics: String) {
        (directory.appendingPathComponent("\(split)_mixture_1m.csv").path, directory.appendingPathComponent("\(split)_pile_loss_1m.csv").path)
    }

    /// Whether both splits are there (decided once).
    static let isPresent: Bool = ["train", "test"].allSatisfy { split in
        let p = paths(split)
        return FileManager.default.fileExists(atPath: p.mixtures) && FileManager.default.fileExists(atPath: p.metrics)
    }

    static func load(_ split: String) throws -> ImportedRuns {
        let p = paths(split)
        return try ImportedRuns.load(mixturesPath: p.mixtures, metricsPath: p.metrics)
    }
}

@Suite(.enabled(if: RegMixData.isPresent, "needs the RegMix 1M data in ../shared/data/regmix or $MIXSPEC_REGMIX_DATA"))
struct RegMixDataTests {
    @Test func gbdtReachesReferenceSpearman() throws {
        let train = try RegMixData.load("train"), test = try RegMixData.load("test")
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

    /// golden/methods/lightgbm_regmix_1m_test.csv holds LightGBM 4.7.0's predictions for the 256 test
    /// mixtures (RegMix's settings, rows renormalised as the import renormalises them). Regenerate:
    ///   python3 Benchmarks/lightgbm_side.py --golden golden/methods/lightgbm_regmix_1m_test.csv
    @Test func gbdtPredictionsEqualLightGBMs() throws {
        let train = try RegMixData.load("train"), test = try RegMixData.load("test")
        let model = try GBDTRegressor.fit(train.mixtureMatrix, try train.metric(RegMixData.target))
        let predicted = try FlatForest(model).predict(test.mixtureMatrix)
        let golden = try RunTable.load(path: Repo.path("golden/methods/lightgbm_regmix_1m_test.csv"))
        #expect(golden.runIDs == test.mixtures.runIDs)
        #expect(golden.columns == ["prediction"])
        let lightgbm = golden.rows.map { $0[0] }
        let largest = zip(predicted, lightgbm).map { abs($0 - $1) }.max() ?? .infinity
        print("gbdt: largest |mixspec − LightGBM| on the 1m test set \(largest)")
        #expect(largest <= 1e-9)
    }

    @Test func linearMatchesOrdinaryLeastSquares() throws {
        let train = try RegMixData.load("train"), test = try RegMixData.load("test")
        let model = try LinearRegressor.fit(train.mixtureMatrix, try train.metric(RegMixData.target))
        let rho = Agreement.spearman(model.predict(test.mixtureMatrix), try test.metric(RegMixData.target))
        print("linear: test Spearman \(rho), rank \(model.rank)")
        // numpy.linalg.lstsq with an intercept column on the same renormalised data: 0.9018.
        #expect(abs(rho - 0.9018) < 0.01)
    }
}

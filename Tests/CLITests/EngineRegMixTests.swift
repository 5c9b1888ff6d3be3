// Issue 4 "Must show", real data: a spec importing RegMix's published 1M-proxy train runs
// (../shared/data/regmix) runs to a mixture, and `predict` on the 256 test mixtures ranks them
// like their measured Pile-CC losses (Spearman ≥ 0.988; DESIGN.md §8 quotes 0.990 for LightGBM).
import Foundation
import Testing

/// Spearman rank correlation (average ranks for ties).
func spearman(_ x: [Double], _ y: [Double]) -> Double {
    func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] }
        var r = [Double](repeating: 0, count: v.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, v[order[j + 1]] == v[order[i]] { j += 1 }
            for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return r
    }
    let rx = ranks(x), ry = ranks(y)
    let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in rx.indices {
        sxy += (rx[i] - mx) * (ry[i] - my); sxx += (rx[i] - mx) * (rx[i] - mx); syy += (ry[i] - my) * (ry[i] - my)
    }
    return sxy / (sxx * syy).squareRoot()
}

/// The four CSVs: `$MIXSPEC_REGMIX_DATA`, else ../shared/data/regmix beside the repository.
enum RegMix1MData {
    static let folder = ProcessInfo.processInfo.environment["MIXSPEC_REGMIX_DATA"].map { URL(fileURLWithPath: $0) }
        ?? EngineCLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data/regmix")
    /// Whether all four are there (decided once).
    static let isPresent = ["train_mixture_1m.csv", "train_pile_loss_1m.csv", "test_mixture_1m.csv", "test_pile_loss_1m.csv"]
        .allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
}

@Suite(.serialized, .engineCLI,
       .enabled(if: RegMix1MData.isPresent, "needs the RegMix 1M data in ../shared/data/regmix or $MIXSPEC_REGMIX_DATA"))
struct EngineRegMixTests {
    static let data = RegMix1MData.folder

    /// The 17 domains of the RegMix Pile swarm, in the CSV's column order, with Pile size priors.
    static let domains: [(String, Double)] = [
        ("arxiv", 0.0880), ("freelaw", 0.0801), ("nih_exporter", 0.0030), ("pubmed_central", 0.1414),
        ("wikipedia_en", 0.0100), ("dm_mathematics", 0.0121), ("github", 0.1491), ("philpapers", 0.0037),
        ("stackexchange", 0.0504), ("enron_emails", 0.0014), ("gutenberg_pg_19", 0.0170), ("pile_cc", 0.3557),
        ("ubuntu_irc", 0.0086), ("europarl", 0.0072), ("hackernews", 0.0061), ("pubmed_abstracts", 0.0302),
        ("uspto_backgrounds", 0.0359),
    ]

    static func spec(candidates: Int) -> String {
        var text = """
        mixspec: 1
        name: regmix-1m
        domains:

        """
        for (name, prior) in domains { text += "  \(name): {prior: \(prior)}\n" }
        text += """
        proxies:
          results:
            mixtures: \(data.appendingPathComponent("train_mixture_1m.csv").path)
            metrics: \(data.appendingPathComponent("train_pile_loss_1m.csv").path)
        regression:
          model: gbdt
          folds: 5
        objective:
          minimize: metric("metric/the_pile_pile_cc_val_loss")
        search:
          candidates: \(candidates)
          top_k: 128

        """
        return text
    }

    /// Rows of a CSV with a header: first column → the named column's value.
    static func column(_ name: String, of path: String) throws -> [String: Double] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let j = try #require(header.firstIndex(of: name), "\(path) has no column \(name)")
        var out: [String: Double] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            out[String(fields[0])] = Double(fields[j])
        }
        return out
    }

    @Test func importedRegMixRunsSearchAndPredictTheTestSet() throws {
        let long = ProcessInfo.processInfo.environment["MIXSPEC_LONG_TESTS"] == "1"
        let ws = try Workspace()
        try ws.write(Self.spec(candidates: long ? 100_000 : 5_000))
        let check = try ws.mixspec(["check", "spec.yaml"])
        try #require(check.status == 0, "\(check.summary)")

        let run = try ws.mixspec(["run", "spec.yaml", "--json"])
        try #require(run.status == 0, "\(run.summary)")
        let mixture = try #require(run.json["mixture"] as? [String: Double], "\(run.stdout)")
        #expect(Set(mixture.keys) == Set(Self.domains.map(\.0)))
        #expect(abs(mixture.values.reduce(0, +) - 1) < 1e-9)
        #expect(FileManager.default.fileExists(atPath: ws.path("out/regmix-1m/mixture.yaml")))

        let predict = try ws.mixspec(["predict", "spec.yaml", "--mixtures", Self.data.appendingPathComponent("test_mixture_1m.csv").path])
        try #require(predict.status == 0, "\(predict.summary)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.first == "run,prediction")
        var predicted: [String: Double] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            if fields.count == 2, let value = Double(fields[1]) { predicted[String(fields[0])] = value }
        }
        let actual = try Self.column("metric/the_pile_pile_cc_val_loss", of: Self.data.appendingPathComponent("test_pile_loss_1m.csv").path)
        #expect(predicted.count == 256)
        let ids = actual.keys.sorted().filter { predicted[$0] != nil }
        #expect(ids.count == 256)
        let rho = spearman(ids.map { predicted[$0]! }, ids.map { actual[$0]! })
        print("RegMix 1M test set: Spearman \(rho) over \(ids.count) mixtures")
        #expect(rho >= 0.988, "Spearman \(rho)")
    }
}

import Foundation
import TestSupport
import Testing
@testable import SpecModel

enum PublishedRuns {
    static let folder = ProcessInfo.processInfo.environment["MIXSPEC_REGMIX_DATA"]
        ?? Repo.root.deletingLastPathComponent().appendingPathComponent("shared/data/regmix").path
    static let mixtures = folder + "/train_mixture_1m.csv", metrics = folder + "/train_pile_loss_1m.csv"
    /// Whether the train split is there (decided once).
    static let isPresent = FileManager.default.fileExists(atPath: mixtures) && FileManager.default.fileExists(atPath: metrics)
}

/// The published RegMix 1M-proxy runs (`$MIXSPEC_REGMIX_DATA`, else ../shared/data/regmix): a spec
/// importing them checks out with the swarm size taken from the CSV.
@Suite(.enabled(if: PublishedRuns.isPresent, "needs the RegMix 1M data in ../shared/data/regmix or $MIXSPEC_REGMIX_DATA"))
struct SharedDataTests {
    @Test func importSpecOverThePublishedRegMixRuns() throws {
        let mixtures = PublishedRuns.mixtures, metrics = PublishedRuns.metrics
        let header = try #require(try String(contentsOfFile: mixtures, encoding: .utf8).split(separator: "\n").first)
        let domains = header.split(separator: ",").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(domains.count == 17)
        var text = "mixspec: 1\nname: regmix-published\ndomains:\n"
        for d in domains { text += "  \(d): {prior: 1}\n" }
        text += """
        proxies:
          results: {mixtures: \(mixtures), metrics: \(metrics)}
        regression: {model: [linear, gbdt]}
        objective:
          minimize: metric("metric/the_pile_pile_cc_val_loss")
        search: {candidates: 100k, top_k: 128}

        """
        let loaded = SpecLoader.load(bytes: Array(text.utf8), path: "published.yaml", absolutePath: "/tmp/published.yaml",
                                     readFile: SpecLoader.readFromDisk)
        let spec = try #require(loaded.spec, "\(loaded.diagnostics.map(\.message))")
        #expect(spec.proxies.count == 512)
        #expect(spec.domainNames.first == "train_the_pile_arxiv")
        let typo = text.replacingOccurrences("pile_cc_val_loss", "pilecc_val_loss")
        let bad = SpecLoader.load(bytes: Array(typo.utf8), path: "published.yaml", absolutePath: "/tmp/published.yaml",
                                  readFile: SpecLoader.readFromDisk)
        #expect(bad.diagnostics.first?.message == "unknown metric 'metric/the_pile_pilecc_val_loss'; did you mean 'metric/the_pile_pile_cc_val_loss'?")
    }
}

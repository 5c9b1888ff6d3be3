// The report's diagnostic sections from a real run (issue 14): each section's data must reach
// summary.json and report.html through the task graph (collect keeps replicates and checkpoints,
// fit its model details, cross-validate its per-metric predictions, further models their own
// collect), and `mixspec model` prints the stored fitted model. Each test fails when its
// section's data goes missing upstream.
import Foundation
import TestSupport
import Testing

@Suite(.serialized) struct ReportDiagnosticsTests {
    /// Two proxy sizes, two seeds per mixture and per verify run, three regressors.
    static let spec = """
        mixspec: 1
        name: diag
        domains:
          web: {tokens: 4M}
          code: {tokens: 1M}
          wiki: {tokens: 2M}
        proxies:
          count: 16
          seeds: 2
          models:
            - {name: tiny, size: 100k, tokens: 1000000}
            - {name: big, size: 400k, tokens: 1000000}
          trainer:
            command: \(EngineCLI.trainerCommand)
        regression:
          model: [linear, gbdt, mixing-law]
          folds: 4
          gbdt: {iterations: 40, min_samples_leaf: 3}
        objective:
          minimize: mean(loss.web, loss.code, loss.wiki)
        search:
          candidates: 2000
          top_k: 8
          seed: 7
        verify:
          model: {size: 800k, tokens: 3M}
          baselines: [prior]
          seeds: 2

        """

    /// One run of the spec shared by the tests of this suite.
    nonisolated(unsafe) static var shared: (Workspace, [String: Any], String)?

    static func ran() throws -> (ws: Workspace, summary: [String: Any], html: String) {
        if let shared { return shared }
        let ws = try Workspace()
        try ws.write(spec)
        let run = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])
        #expect(run.status == 0, "\(run.summary)")
        let json = try #require(ws.read("out/diag/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let html = String(decoding: try #require(ws.read("out/diag/report.html")), as: UTF8.self)
        shared = (ws, summary, html)
        return (ws, summary, html)
    }

    static func diagnostics() throws -> [String: Any] {
        try #require(try ran().summary["diagnostics"] as? [String: Any])
    }

    @Test(.engineCLI) func swarmCoverageAndWeightVsObjective() throws {
        let swarm = try #require(try Self.diagnostics()["swarm"] as? [String: Any])
        #expect((swarm["runs"] as? [Any])?.count == 16)
        #expect((swarm["objective"] as? [Any])?.count == 16)
        #expect(((swarm["weights"] as? [String: Any])?["code"] as? [Any])?.count == 16)
        #expect((swarm["zeroShare"] as? [String: Any])?.keys.sorted() == ["code", "web", "wiki"])
        let html = try Self.ran().html
        #expect(html.contains("id=\"swarm-chart-title\""))
        #expect(html.contains("id=\"weight-objective-chart-title\""))
    }

    @Test(.engineCLI) func fittedModelsOfEveryRegressor() throws {
        let models = try #require(try Self.diagnostics()["models"] as? [[String: Any]])
        #expect(models.map { $0["regressor"] as? String } == ["linear", "gbdt", "mixing-law"])
        func target(_ i: Int) -> [String: Any] { ((models[i]["targets"] as? [[String: Any]]) ?? []).first ?? [:] }
        #expect(((target(0)["linear"] as? [String: Any])?["coefficients"] as? [String: Any])?.count == 3)
        let gbdt = try #require(target(1)["gbdt"] as? [String: Any])
        #expect((gbdt["gain"] as? [String: Any])?.count == 3)
        #expect(((gbdt["partialDependence"] as? [String: Any])?["web"] as? [Any])?.count == 13)
        #expect(((target(2)["mixingLaw"] as? [String: Any])?["t"] as? [String: Any])?.count == 3)
        let html = try Self.ran().html
        #expect(html.contains("id=\"linear-chart-linear-loss-code-title\""))
        #expect(html.contains("id=\"pd-chart-gbdt-loss-web-title\""))
    }

    @Test(.engineCLI) func scattersPerRegressorAndMetric() throws {
        let scatters = try #require(try Self.diagnostics()["scatters"] as? [[String: Any]])
        #expect(scatters.count == 3 * 4, "objective and three metrics for each of three regressors")
        #expect(scatters.allSatisfy { ($0["points"] as? [Any])?.count == 16 })
        #expect(Set(scatters.compactMap { $0["target"] as? String }) == ["objective", "loss.web", "loss.code", "loss.wiki"])
    }

    @Test(.engineCLI) func trainingCurvesFromTheTrainersSteps() throws {
        let curves = try #require(try Self.diagnostics()["curves"] as? [[String: Any]])
        #expect(curves.compactMap { $0["metric"] as? String } == ["loss.web", "loss.code", "loss.wiki"])
        let web = try #require(curves.first)
        #expect((web["band"] as? [[String: Any]])?.map { $0["n"] as? Int } == [16, 16], "two checkpoints of every proxy run")
        #expect((web["lines"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["found s0", "found s1", "prior s0", "prior s1"])
        #expect(try Self.ran().html.contains("class=\"curve-found\""))
    }

    @Test(.engineCLI) func noiseFromReplicates() throws {
        let noise = try #require(try Self.diagnostics()["noise"] as? [String: Any])
        #expect(noise["proxySeeds"] as? Int == 2)
        let rows = try #require(noise["rows"] as? [[String: Any]])
        #expect(rows.first?["target"] as? String == "objective")
        // The fixture trainer adds 0.001 per seed: the replicate std of two seeds is 0.001/√2.
        let std = try #require(rows.first?["proxyStd"] as? Double)
        #expect(abs(std - 0.001 / 2.0.squareRoot()) < 1e-9)
        let ceiling = try #require(rows.first?["ceiling"] as? Double)
        #expect(ceiling > 0.9 && ceiling <= 1)
        #expect(rows.first?["verifyStd"] as? Double != nil)
        #expect(try Self.ran().html.contains("Noise ceiling ρ"))
    }

    @Test(.engineCLI) func dataTableAndEveryDomainInTheVerifyTable() throws {
        let data = try #require(try Self.diagnostics()["data"] as? [String: Any])
        #expect(data["targetTokens"] as? Int == 3_000_000)
        let rows = try #require(data["rows"] as? [[String: Any]])
        #expect(rows.compactMap { $0["domain"] as? String } == ["web", "code", "wiki"])
        let code = rows[1]
        let found = try #require(code["found"] as? Double), epochs = try #require(code["epochs"] as? Double)
        #expect(abs(epochs - found * 3_000_000 / 1_000_000) < 1e-9)
        let verify = try #require(try Self.ran().summary["verify"] as? [String: Any])
        #expect(verify["metrics"] as? [String] == ["loss.code", "loss.web", "loss.wiki"])
    }

    @Test(.engineCLI) func rankConsistencyAcrossProxySizes() throws {
        let ranks = try #require(try Self.diagnostics()["rankConsistency"] as? [[String: Any]])
        #expect(ranks.count == 1)
        #expect(ranks.first?["modelA"] as? String == "tiny" && ranks.first?["modelB"] as? String == "big")
        // The fixture's losses differ between sizes by a constant: the rankings agree exactly.
        #expect(abs((ranks.first?["spearman"] as? Double ?? 0) - 1) < 1e-12)
        #expect(ranks.first?["n"] as? Int == 16)
        #expect(try Self.ran().html.contains("id=\"rank-consistency\""))
    }

    @Test(.engineCLI) func outputPathsAreLinks() throws {
        #expect(try Self.ran().html.contains("<a href=\"summary.json\"><code>out/diag/summary.json</code></a>"))
    }

    @Test(.engineCLI) func modelCommandPrintsTheStoredFit() throws {
        let ws = try Self.ran().ws
        let chosen = try #require(try Self.ran().summary["chosenRegressor"] as? String)
        let text = try ws.mixspec(["model", "spec.yaml"])
        #expect(text.status == 0, "\(text.summary)")
        #expect(text.stdout.hasPrefix("Fitted model: \(chosen) (chosen by cross-validation)\n"))
        let linear = try ws.mixspec(["model", "spec.yaml", "--regressor", "linear"])
        #expect(linear.status == 0 && linear.stdout.contains("95% interval") && linear.stdout.contains("intercept"))
        let law = try ws.mixspec(["model", "spec.yaml", "--regressor", "mixing-law", "--json"])
        #expect(law.status == 0, "\(law.summary)")
        let model = try #require(law.json["model"] as? [String: Any])
        #expect(model["regressor"] as? String == "mixing-law")
        #expect(law.json["chosen"] as? String == chosen)
        let unknown = try ws.mixspec(["model", "spec.yaml", "--regressor", "forest"])
        #expect(unknown.status == 1 && unknown.stderr.contains("fits no regressor 'forest'; it lists: linear, gbdt, mixing-law"))
    }

    @Test(.engineCLI) func modelCommandNeedsStoredResults() throws {
        let ws = try Workspace()
        try ws.write(Self.spec)
        let result = try ws.mixspec(["model", "spec.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("run it first"))
    }
}

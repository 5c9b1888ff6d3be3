// `mixspec compare`: two tiny specs run with the fixture trainer (a Python script, no real
// training), their summaries read back from the store, and the comparison rendered.
import Compiler
import Engine
import Foundation
import Pipeline
import Reporting
import Review
import SpecModel
import TestSupport
import Testing

@Suite(.serialized) struct CompareTests {
    static let trainer = Repo.path("Tests/EngineTestSupport/Fixtures/fake_trainer.py")

    static func spec(name: String, bounds: String) -> String {
        """
        mixspec: 1
        name: \(name)
        domains:
          web: {tokens: 4M}
          code: {tokens: 1M}
          wiki: {tokens: 2M}
        proxies:
          count: 12
          models: [{name: tiny, size: 2k, tokens: 5k}]
          trainer: {command: [python3, fake_trainer.py, "{mixture}", "{out}", "{run}", "{seed}", "{model.size}", "{tokens}"]}
        regression: {model: linear, folds: 3}
        objective: {minimize: "mean(loss.web, loss.code)"}
        search: {candidates: 2000, top_k: 16\(bounds)}
        verify: {model: {size: 4k, tokens: 10k}}

        """
    }

    /// A folder with a.yaml and b.yaml (B bounds `web`), the fixture trainer beside them.
    func makeFolder() throws -> ScratchFolder {
        let folder = ScratchFolder("compare")
        try folder.write("a.yaml", Self.spec(name: "cmp-a", bounds: ""))
        try folder.write("b.yaml", Self.spec(name: "cmp-b", bounds: ", bounds: {web: [0, 0.5]}"))
        try FileManager.default.copyItem(atPath: Self.trainer, toPath: folder.path + "/fake_trainer.py")
        return folder
    }

    func run(_ session: SpecSession) async throws {
        let report = try await session.run(options: RunOptions(jobs: 2))
        #expect(report.succeeded, "\(report.failureDescriptions)")
    }

    @Test func comparesTwoFinishedRuns() async throws {
        let folder = try makeFolder()
        defer { folder.cleanup() }
        let store = folder.path + "/.mixspec"
        let a = try ReviewSupport.open(.file(folder.path + "/a.yaml"), store: store)
        let b = try ReviewSupport.open(.file(folder.path + "/b.yaml"), store: store)

        #expect { _ = try a.storedSummary() } throws: { "\($0)".contains("run it first") }
        try await run(a)
        try await run(b)

        let comparison = RunComparison(a: try a.storedSummary(), b: try b.storedSummary())
        #expect(comparison.a.specName == "cmp-a" && comparison.b.specName == "cmp-b")
        #expect((comparison.mixture.first { $0.domain == "web" }?.b ?? 1) <= 0.5 + 1e-9)
        try Golden.check(ComparisonRender.text(comparison, color: false), "golden/compare/bounded-web.txt")
        try Golden.check(ComparisonRender.markdown(comparison), "golden/compare/bounded-web.md")

        // B's trainings were A's (same swarm): growing B's swarm now only adds its new trainings.
        try folder.write("b2.yaml", Self.spec(name: "cmp-b", bounds: ", bounds: {web: [0, 0.5]}")
            .replacingOccurrences(of: "count: 12", with: "count: 14"))
        let grown = try ReviewSupport.open(.file(folder.path + "/b2.yaml"), store: store)
        let d = SpecDiff.between(old: b, new: grown, oldSource: .file(folder.path + "/b.yaml"), newSource: .file(folder.path + "/b2.yaml"))
        #expect(d.storeFound)
        #expect(d.toRun.filter { $0.rawValue.hasPrefix("train/") }.count == 2)
        let verifyAndTrain = d.toRun.compactMap { grown.compiled.graph[$0] }.reduce(0.0) { $0 + $1.trainingFLOPs }
        #expect(d.rerunFLOPs == verifyAndTrain)

        // Shrinking back to A's swarm costs nothing to train: every training is stored.
        let back = SpecDiff.between(old: grown, new: b, oldSource: .file(folder.path + "/b2.yaml"), newSource: .file(folder.path + "/b.yaml"))
        #expect(back.toRun.isEmpty && back.rerunFLOPs == 0)
        #expect(back.alreadyStored > 0)
    }

    @Test(.mixspecBinary) func commandLineNeedsBothRuns() throws {
        let binary = try #require(ReviewSupport.binary)
        let folder = try makeFolder()
        defer { folder.cleanup() }
        let env = ["NO_COLOR": "1"]
        let notRun = try ReviewSupport.execute([binary, "compare", "a.yaml", "b.yaml"], in: folder.path, environment: env)
        #expect(notRun.status == 1 && notRun.stderr.contains("run it first"))
        for spec in ["a.yaml", "b.yaml"] {
            let r = try ReviewSupport.execute([binary, "run", spec, "--jobs", "2"], in: folder.path, environment: env)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let text = try ReviewSupport.execute([binary, "compare", "a.yaml", "b.yaml"], in: folder.path, environment: env)
        #expect(text.status == 0 && text.stdout.hasPrefix("Comparing A: cmp-a  vs  B: cmp-b"))
        let json = try ReviewSupport.execute([binary, "compare", "--json", "a.yaml", "b.yaml"], in: folder.path, environment: env)
        #expect(json.status == 0)
        let decoded = try JSONDecoder().decode(RunComparison.self, from: Data(json.stdout.utf8))
        #expect(decoded.b.specName == "cmp-b")
        let markdown = try ReviewSupport.execute([binary, "compare", "--markdown", "a.yaml", "b.yaml"], in: folder.path, environment: env)
        #expect(markdown.status == 0 && markdown.stdout.contains("|"))
        let usage = try ReviewSupport.execute([binary, "compare", "a.yaml"], in: folder.path, environment: env)
        #expect(usage.status == 64)
    }

    /// Two runs whose verified objectives differ by less than the spread of their verify seeds
    /// (the fixture trainer adds 0.001 · seed to every loss): `compare` says so instead of
    /// declaring a winner, in text and in `--json`.
    @Test(.mixspecBinary) func aDifferenceWithinTheReplicateNoiseIsNoVerdict() throws {
        let binary = try #require(ReviewSupport.binary)
        let folder = ScratchFolder("compare-noise")
        defer { folder.cleanup() }
        let seeded = { (name: String, topK: Int) in
            Self.spec(name: name, bounds: "").replacingOccurrences(of: "top_k: 16", with: "top_k: \(topK)")
                .replacingOccurrences(of: "verify: {model: {size: 4k, tokens: 10k}}", with: "verify: {model: {size: 4k, tokens: 10k}, seeds: 3}")
        }
        try folder.write("a.yaml", seeded("noise-a", 16))
        try folder.write("b.yaml", seeded("noise-b", 15))
        try FileManager.default.copyItem(atPath: Self.trainer, toPath: folder.path + "/fake_trainer.py")
        let env = ["NO_COLOR": "1"]
        for spec in ["a.yaml", "b.yaml"] {
            let r = try ReviewSupport.execute([binary, "run", spec, "--jobs", "2"], in: folder.path, environment: env)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let json = try ReviewSupport.execute([binary, "compare", "--json", "a.yaml", "b.yaml"], in: folder.path, environment: env)
        let comparison = try JSONDecoder().decode(RunComparison.self, from: Data(json.stdout.utf8))
        let verdict = try #require(comparison.verdict)
        let spread = min(comparison.a.verify?.foundRow?.objectiveStd ?? 0, comparison.b.verify?.foundRow?.objectiveStd ?? 0)
        #expect(verdict.a != verdict.b && abs(verdict.a - verdict.b) < spread, "A \(verdict.a), B \(verdict.b), spread \(spread)")
        #expect(verdict.verdict == .withinNoise)
        #expect(json.stdout.contains("\"verdict\" : \"within noise\""))
        let text = try ReviewSupport.execute([binary, "compare", "a.yaml", "b.yaml"], in: folder.path, environment: env)
        #expect(text.status == 0 && text.stdout.contains("Verdict  within noise: A and B differ by"), "\(text.stdout)")
        #expect(!text.stdout.contains("is better by"))
    }
}

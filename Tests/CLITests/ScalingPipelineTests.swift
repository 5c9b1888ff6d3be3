// Issue 11, Data Mixing Laws' nested pipeline end to end with a command trainer whose checkpoints
// follow known laws: the run predicts the target scale, and the step / size laws are incremental as
// the issue states (counted in executed tasks): growing the swarm fits only the new mixtures, adding a
// proxy size refits size laws but no step law, changing the target refits nothing below the size law.
import Foundation
import Testing

/// A trainer reporting six checkpoints of loss.d = 1 + 0.5·exp(−2·w_d) + 400/N^0.34 + 410/D^0.28
/// (times a tiny deterministic wobble), or only `LAW_TRAINER_CHECKPOINTS` of them.
private let lawTrainer = """
    import json, math, os, sys
    mixture, out, seed, size, tokens = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    weights = json.load(open(mixture))["weights"]
    log = os.environ.get("FAKE_TRAINER_LOG")
    if log:
        open(log, "a").write(sys.argv[6] + "\\n")
    def losses(d, i):
        return {f"loss.{k}": (1 + 0.5 * math.exp(-2 * w) + 400 / size ** 0.34 + 410 / d ** 0.28) * (1 + 0.0004 * math.sin(7 * i + 3 * j + seed))
                for j, (k, w) in enumerate(sorted(weights.items()))}
    n = int(os.environ.get("LAW_TRAINER_CHECKPOINTS", "6"))
    steps = [{"step": i, "tokens": tokens * i // 6, "metrics": losses(tokens * i // 6, i)} for i in range(7 - n, 7)]
    json.dump({"metrics": steps[-1]["metrics"], "steps": steps}, open(os.path.join(out, "metrics.json"), "w"))

    """

private func scalingSpec(count: Int = 8, sizes: [String] = ["1M", "3M", "10M"], target: String = "{size: 100M, tokens: 200M}") -> String {
    let models = sizes.enumerated().map { "    - {name: s\($0.offset), size: \($0.element), tokens: 100M}" }.joined(separator: "\n")
    return """
        mixspec: 1
        name: scaled
        domains:
          web: {tokens: 4M}
          code: {tokens: 1M}
          wiki: {tokens: 2M}
        proxies:
          count: \(count)
          models:
        \(models)
          trainer:
            command: [python3, law_trainer.py, "{mixture}", "{out}", "{seed}", "{model.size}", "{tokens}", "{run}"]
        regression: {model: mixing-law, folds: 4}
        objective:
          minimize: mean(loss.web, loss.code, loss.wiki)
        search: {candidates: 2000, top_k: 16}
        scaling:
          target: \(target)
          bootstrap: {samples: 20}

        """
}

@Suite(.serialized, .engineCLI)
struct ScalingPipelineTests {
    private func workspace(_ spec: String) throws -> Workspace {
        let ws = try Workspace()
        try ws.write(lawTrainer, to: "law_trainer.py")
        try ws.write(spec)
        return ws
    }

    @Test func aRunPredictsTheTargetScaleAndASecondRunDoesNothing() throws {
        let ws = try workspace(scalingSpec())
        let first = try ws.mixspec(["run", "spec.yaml", "--jobs", "2", "--json"])
        try #require(first.status == 0, "\(first.summary)")
        #expect(first.executed("train") == 24)
        #expect(first.executed("step-law") == 24)
        #expect(first.executed("size-law") == 8)
        #expect(first.executed("scaling-summary") == 1)
        let data = try #require(ws.read("out/scaled/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let scaling = try #require(summary["scaling"] as? [String: Any], "summary.json has no scaling section")
        let predictions = try #require(scaling["predictions"] as? [[String: Any]])
        #expect(predictions.map { $0["name"] as? String } == ["found", "prior", "uniform"])
        // The true target-scale objective of the uniform mixture, from the trainer's laws.
        let truth = 1 + 0.5 * exp(-2.0 / 3) + 400 / pow(1e8, 0.34) + 410 / pow(2e8, 0.28)
        let uniform = try #require(predictions.last?["objective"] as? [String: Double])
        #expect(abs((uniform["estimate"] ?? 0) - truth) / truth < 0.01, "uniform predicted \(uniform), truth \(truth)")
        let mixtures = try #require(scaling["mixtures"] as? [[String: Any]])
        #expect(mixtures.count == 8)
        let html = String(decoding: try #require(ws.read("out/scaled/report.html")), as: UTF8.self)
        #expect(html.contains("Scaling laws (Data Mixing Laws)") && html.contains("scaling-steps-0-0") && html.contains("scaling-size-0-0"))

        let text = try ws.mixspec(["run", "spec.yaml"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Predicted at target scale"), "\(text.summary)")
        let again = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(again.executed == 0, "\(again.summary)")
    }

    @Test func growingTheSwarmFitsOnlyTheNewMixtures() throws {
        let ws = try workspace(scalingSpec(count: 8))
        try #require(try ws.mixspec(["run", "spec.yaml", "--jobs", "2"]).status == 0)
        try ws.write(scalingSpec(count: 12))
        let second = try ws.mixspec(["run", "spec.yaml", "--jobs", "2", "--json"])
        try #require(second.status == 0, "\(second.summary)")
        #expect(second.executed("train") == 12)
        #expect(second.executed("step-law") == 12)
        #expect(second.executed("size-law") == 4)
    }

    @Test func addingAProxySizeRefitsSizeLawsButNoStepLaw() throws {
        let ws = try workspace(scalingSpec(sizes: ["1M", "3M"]))
        try #require(try ws.mixspec(["run", "spec.yaml", "--jobs", "2"]).status == 0)
        try ws.write(scalingSpec(sizes: ["1M", "3M", "10M"]))
        let second = try ws.mixspec(["run", "spec.yaml", "--jobs", "2", "--json"])
        try #require(second.status == 0, "\(second.summary)")
        #expect(second.executed("train") == 8)
        #expect(second.executed("step-law") == 8, "only the new size's step laws")
        #expect(second.executed("size-law") == 8)
    }

    @Test func changingTheTargetRefitsNothingBelowTheSizeLaw() throws {
        let ws = try workspace(scalingSpec())
        try #require(try ws.mixspec(["run", "spec.yaml", "--jobs", "2"]).status == 0)
        try ws.write(scalingSpec(target: "{size: 300M, tokens: 400M}"))
        let second = try ws.mixspec(["run", "spec.yaml", "--jobs", "2", "--json"])
        try #require(second.status == 0, "\(second.summary)")
        #expect(second.executed("train") == 0)
        #expect(second.executed("step-law") == 0)
        #expect(second.executed("size-law") == 8)
        #expect(second.executed("scaling-summary") == 1)
    }

    @Test func predictGivesTheTargetScaleObjectiveWithMetricsAndIntervals() throws {
        let ws = try workspace(scalingSpec())
        try ws.write("run,web,code,wiki\nuniform,0.3333333333,0.3333333333,0.3333333334\nweb,0.8,0.1,0.1\n", to: "ask.csv")
        let plain = try ws.mixspec(["predict", "spec.yaml", "--mixtures", "ask.csv"])
        try #require(plain.status == 0, "\(plain.summary)")
        #expect(plain.stdout.hasPrefix("run,prediction\n"), "\(plain.summary)")
        let full = try ws.mixspec(["predict", "spec.yaml", "--mixtures", "ask.csv", "--metrics", "--interval"])
        try #require(full.status == 0, "\(full.summary)")
        let lines = full.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "run,prediction,low,high,loss.code,loss.code.low,loss.code.high,loss.web,loss.web.low,loss.web.high,loss.wiki,loss.wiki.low,loss.wiki.high", "\(full.stdout)")
        let uniform = try #require(lines.dropFirst().first?.split(separator: ",").compactMap { Double($0) })
        try #require(uniform.count == 12)
        let truth = 1 + 0.5 * exp(-2.0 / 3) + 400 / pow(1e8, 0.34) + 410 / pow(2e8, 0.28)
        #expect(abs(uniform[0] - truth) / truth < 0.01)
        #expect(uniform[1] <= uniform[0] && uniform[0] <= uniform[2], "estimate inside its interval: \(uniform)")
    }

    /// Imported long-form results (run, model, tokens, metrics…): the same laws as the trainer's,
    /// written as CSV, predict the same target-scale truth; rows of a model the spec does not list
    /// are left out with a warning, never silently.
    @Test func importedLongFormResultsPredictTheTargetScaleAndNameLeftOutModels() throws {
        let ws = try Workspace()
        let domains = ["code", "web", "wiki"]
        var mixtures = "run,web,code,wiki\n", metrics = "run,model,tokens,loss.code,loss.web,loss.wiki\n"
        let sizes: [(String, Double)] = [("s0", 1e6), ("s1", 3e6), ("s2", 1e7), ("s9", 3e7)]
        for m in 0..<8 {
            let raw = [1.0 + Double(m % 3), 1.0 + Double((m * 5) % 4), 1.0 + Double((m * 7) % 5)]
            let weights = raw.map { $0 / raw.reduce(0, +) }  // web, code, wiki
            mixtures += "r\(m),\(weights.map { String($0) }.joined(separator: ","))\n"
            let byDomain = ["web": weights[0], "code": weights[1], "wiki": weights[2]]
            for (model, size) in sizes {
                for i in 1...6 {
                    let tokens = 1e8 * Double(i) / 6
                    let losses = domains.map { 1 + 0.5 * exp(-2 * (byDomain[$0] ?? 0)) + 400 / pow(size, 0.34) + 410 / pow(tokens, 0.28) }
                    metrics += "r\(m),\(model),\(Int64(tokens)),\(losses.map { String($0) }.joined(separator: ","))\n"
                }
            }
        }
        try ws.write(mixtures, to: "mixtures.csv")
        try ws.write(metrics, to: "metrics.csv")
        try ws.write("""
            mixspec: 1
            name: scaled-import
            domains:
              web: {tokens: 4M}
              code: {tokens: 1M}
              wiki: {tokens: 2M}
            proxies:
              models:
                - {name: s0, size: 1M, tokens: 100M}
                - {name: s1, size: 3M, tokens: 100M}
                - {name: s2, size: 10M, tokens: 100M}
              results: {mixtures: mixtures.csv, metrics: metrics.csv}
            regression: {model: mixing-law, folds: 4}
            objective:
              minimize: mean(loss.web, loss.code, loss.wiki)
            search: {candidates: 2000, top_k: 16}
            scaling:
              target: {size: 100M, tokens: 200M}
              bootstrap: {samples: 20}

            """)
        let run = try ws.mixspec(["run", "spec.yaml", "--json"])
        try #require(run.status == 0, "\(run.summary)")
        #expect(run.executed("step-law") == 24, "three listed models × 8 runs; s9 left out")
        #expect(run.executed("size-law") == 8)
        let warnings = (run.json["warnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(warnings.contains { $0.contains("48 rows of model 's9' left out: it is not one of proxies.models ('s0', 's1', 's2')") },
                "\(warnings)")
        #expect(run.stderr.contains("metrics.csv:"), "the warning names the file and row: \(run.stderr)")
        let data = try #require(ws.read("out/scaled-import/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let predictions = try #require((summary["scaling"] as? [String: Any])?["predictions"] as? [[String: Any]])
        let truth = 1 + 0.5 * exp(-2.0 / 3) + 400 / pow(1e8, 0.34) + 410 / pow(2e8, 0.28)
        let uniform = try #require(predictions.first { $0["name"] as? String == "uniform" }?["objective"] as? [String: Double])
        #expect(abs((uniform["estimate"] ?? 0) - truth) / truth < 0.01, "uniform predicted \(uniform), truth \(truth)")
    }

    @Test func aCommandReportingTooFewCheckpointsFailsNamingTheRun() throws {
        let ws = try workspace(scalingSpec(count: 4))
        let run = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"], environment: ["LAW_TRAINER_CHECKPOINTS": "2"])
        #expect(run.status == 1)
        // Which run fails first depends on scheduling; the message names it either way.
        let named = (0..<4).contains { run.stderr.contains("run s0/000\($0): the step law needs at least 3 checkpoints") }
            || (0..<4).contains { run.stderr.contains("run s1/000\($0): the step law needs at least 3 checkpoints") }
            || (0..<4).contains { run.stderr.contains("run s2/000\($0): the step law needs at least 3 checkpoints") }
        #expect(named, "\(run.summary)")
    }
}

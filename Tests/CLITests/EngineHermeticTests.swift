// Issue 9 "Must show", through the real binary: a key covers what its task uses. An objective edit
// makes the cross-validations stale (they score the objective) and rewrites cv.csv; editing the
// training script named in the command makes every training stale with the file named, and the
// deliberate "declared unchanged" path retrains nothing and is visible in `explain`.
import Foundation
import Testing

@Suite(.serialized, .engineCLI)
struct EngineHermeticTests {
    private static func spec(objective: String, command: String = EngineCLI.trainerCommand) -> String {
        EngineCLI.spec(regression: "{model: [linear, gbdt], folds: 4, gbdt: {iterations: 20, min_samples_leaf: 4}}")
            .replacingOccurrences(of: "minimize: mean(loss.web, loss.code, loss.wiki)", with: "minimize: \"\(objective)\"")
            .replacingOccurrences(of: "command: \(EngineCLI.trainerCommand)", with: "command: \(command)")
    }

    @Test func anObjectiveEditMakesTheCrossValidationsStaleAndRewritesTheirOutputs() throws {
        let ws = try Workspace()
        try ws.write(Self.spec(objective: "0.1 * loss.code + loss.web"))
        let first = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])
        try #require(first.status == 0, "\(first.summary)")
        let cvBefore = try #require(ws.read("out/e2e/cv.csv"))

        try ws.write(Self.spec(objective: "5 * loss.code + loss.web"))
        let plan = try ws.mixspec(["plan", "spec.yaml", "--json"])
        try #require(plan.status == 0, "\(plan.summary)")
        let crossValidations = plan.planTasks.filter { $0.kind == "cross-validate" }
        #expect(crossValidations.count == 2)
        for task in crossValidations { #expect(task.state == "stale", "\(task)") }
        let reasons = (plan.json["tasks"] as? [[String: Any]] ?? [])
            .filter { ($0["kind"] as? String) == "cross-validate" }.compactMap { $0["reason"] as? String }
        #expect(reasons.count == 2 && reasons.allSatisfy { $0.contains("objective.minimize") }, "\(reasons)")
        // Training and fitting do not read the objective's formula, only its metric names.
        for kind in ["train", "fit", "collect"] {
            #expect(plan.planTasks.filter { $0.kind == kind }.allSatisfy { $0.state == "cached" }, "\(kind) became stale")
        }

        let second = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.executed("cross-validate") == 2)
        #expect(second.executed("train") == 0)
        let cvAfter = try #require(ws.read("out/e2e/cv.csv"))
        #expect(cvAfter != cvBefore, "cv.csv still scores the old objective")
    }

    @Test func editingTheTrainingScriptRetrainsUnlessDeclaredUnchanged() throws {
        let ws = try Workspace()
        let script = try String(contentsOfFile: EngineCLI.fakeTrainer, encoding: .utf8)
        try ws.write(script, to: "train.py")
        let command = EngineCLI.trainerCommand.replacingOccurrences(of: "\"\(EngineCLI.fakeTrainer)\"", with: "train.py")
        try ws.write(Self.spec(objective: "loss.web + loss.code", command: command))
        let first = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])
        try #require(first.status == 0, "\(first.summary)")

        try ws.write(script + "\n# a comment that changes no result\n", to: "train.py")
        let stale = try ws.mixspec(["plan", "spec.yaml", "--json"])
        let trains = stale.planTasks.filter { $0.kind == "train" }
        #expect(trains.count == 32 && trains.allSatisfy { $0.state == "stale" }, "\(stale.stdout)")
        let explained = try ws.mixspec(["explain", "spec.yaml", "train/tiny/0003/s0"])
        #expect(explained.stdout.contains("input file train.py changed"), "\(explained.summary)")

        let declared = try ws.mixspec(["declare-unchanged", "spec.yaml", "train.py", "--note", "comment only"])
        #expect(declared.status == 0, "\(declared.summary)")
        let cached = try ws.mixspec(["plan", "spec.yaml", "--json"])
        #expect(cached.planTasks.allSatisfy { $0.state == "cached" }, "\(cached.stdout)")
        let shown = try ws.mixspec(["explain", "spec.yaml", "train/tiny/0003/s0"])
        #expect(shown.stdout.contains("declared unchanged"), "\(shown.summary)")
        #expect(shown.stdout.contains("comment only"), "\(shown.summary)")
        ws.clearTrainerLog()
        let rerun = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(rerun.status == 0 && rerun.executed == 0, "\(rerun.summary)")
        #expect(ws.trainedRuns().isEmpty)

        // A further, undeclared edit is stale again.
        try ws.write(script + "\nprint('changed')\n", to: "train.py")
        let again = try ws.mixspec(["plan", "spec.yaml", "--json"])
        #expect(again.planTasks.filter { $0.kind == "train" }.allSatisfy { $0.state == "stale" })
    }
}

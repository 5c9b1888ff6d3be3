// Issue 10, "a failing trainer never poisons the cache": an absurd metric fails its training and
// records nothing, so removing the fault recovers; a missing metric names the runs that lack it;
// `run --rerun` re-executes cached tasks; `status` exits 0 only when everything is up to date.
import Foundation
import Testing

@Suite(.serialized, .engineCLI)
struct EngineValidationTests {
    @Test func anAbsurdMetricFailsItsTrainingAndRecordsNothing() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let broken = try ws.mixspec(["run", "spec.yaml", "--json", "--keep-going"], environment: ["FAKE_TRAINER_ABSURD": "0005"])
        #expect(broken.status == 1, "\(broken.summary)")
        let failures = broken.json["failures"] as? [[String: Any]] ?? []
        #expect(failures.map { $0["id"] as? String } == ["train/tiny/0005/s0"])
        let reason = failures.first?["reason"] as? String ?? ""
        #expect(reason.contains("loss.web = 1e+308") && reason.contains("not a plausible metric"), "\(reason)")
        // Nothing downstream ran on the bad value, and without the fault the next run recovers.
        #expect(broken.executed("fit") == 0)
        ws.clearTrainerLog()
        let fixed = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(fixed.status == 0, "\(fixed.summary)")
        #expect(ws.trainedRuns() == ["train/tiny/0005/s0"])
    }

    @Test func aMissingMetricNamesTheRunsAndRerunRecovers() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let broken = try ws.mixspec(["run", "spec.yaml", "--json"], environment: ["FAKE_TRAINER_DROP": "0007"])
        #expect(broken.status == 1, "\(broken.summary)")
        let reason = (broken.json["failures"] as? [[String: Any]])?.first?["reason"] as? String ?? ""
        #expect(reason.contains("'loss.web'") && reason.contains("1 of 32") && reason.contains("0007"), "\(reason)")
        #expect(reason.contains("--rerun"), "\(reason)")

        // The training is cached (it exited 0); --rerun re-executes it without the fault.
        ws.clearTrainerLog()
        let rerun = try ws.mixspec(["run", "spec.yaml", "--json", "--rerun", "train/*/0007/*"])
        #expect(rerun.status == 0, "\(rerun.summary)")
        #expect(ws.trainedRuns() == ["train/tiny/0007/s0"])
        #expect(rerun.executed("train") == 1)

        let status = try ws.mixspec(["status", "spec.yaml"])
        #expect(status.status == 0, "\(status.summary)")
        #expect(status.stdout.contains("up to date"))
    }

    @Test func rerunOfAnUnchangedTaskStopsAtEarlyCutoff() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        try #require(try ws.mixspec(["run", "spec.yaml"]).status == 0)
        ws.clearTrainerLog()
        let rerun = try ws.mixspec(["run", "spec.yaml", "--json", "--rerun", "train/tiny/0001/s0", "--rerun", "sample"])
        #expect(rerun.status == 0, "\(rerun.summary)")
        #expect(rerun.executed == 2, "\(rerun.summary)")  // same bytes: nothing downstream reruns
        let none = try ws.mixspec(["run", "spec.yaml", "--rerun", "nothing/*"])
        #expect(none.status == 1 && none.stderr.contains("matches no task"), "\(none.summary)")
    }

    @Test func statusExitsOneUntilTheSpecIsUpToDate() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let before = try ws.mixspec(["status", "spec.yaml", "--json"])
        #expect(before.status == 1, "\(before.summary)")
        #expect(before.json["up_to_date"] as? Bool == false)
        #expect((before.json["to_run"] as? [Any])?.isEmpty == false)
        let quiet = try ws.mixspec(["status", "spec.yaml", "--quiet"])
        #expect(quiet.status == 1 && quiet.stdout.isEmpty)
        try #require(try ws.mixspec(["run", "spec.yaml"]).status == 0)
        let after = try ws.mixspec(["status", "spec.yaml", "--json"])
        #expect(after.status == 0 && after.json["up_to_date"] as? Bool == true, "\(after.summary)")
    }

    @Test func aDivisionByZeroIsRejectedByCheckAndAnInfiniteObjectiveFailsItsTask() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec().replacingOccurrences(of: "minimize: mean(loss.web, loss.code, loss.wiki)",
                                                          with: "minimize: \"min(loss.web) / 0\""))
        let check = try ws.mixspec(["check", "spec.yaml"])
        #expect(check.status == 1 && check.stderr.contains("divides by a constant zero"), "\(check.summary)")

        // A metric that is zero for one run makes the objective infinite there: an error, never output.
        try ws.write(EngineCLI.spec().replacingOccurrences(of: "minimize: mean(loss.web, loss.code, loss.wiki)",
                                                          with: "minimize: \"loss.web / (loss.code - loss.code)\""))
        let run = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(run.status == 1, "\(run.summary)")
        let reason = (run.json["failures"] as? [[String: Any]])?.first?["reason"] as? String ?? ""
        #expect(reason.contains("must be finite"), "\(reason)")
        #expect(!FileManager.default.fileExists(atPath: ws.path("out/e2e/mixture.json")))
    }

    @Test func predictAppliesTheImportRulesToItsRows() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        try #require(try ws.mixspec(["run", "spec.yaml"]).status == 0)
        try ws.write("run,web,code,wiki\na,0.5,0.3,0.2\nb,0.5,0.3,0.20002\n", to: "ok.csv")
        let ok = try ws.mixspec(["predict", "spec.yaml", "--mixtures", "ok.csv"])
        #expect(ok.status == 0, "\(ok.summary)")
        #expect(ok.stderr.contains("warning:") && ok.stderr.contains("renormalised"), "\(ok.stderr)")
        #expect(ok.stdout.split(separator: "\n").count == 3)
        try ws.write("run,web,code,wiki\na,1,0.5,0.5\nb,-0.1,0.6,0.5\n", to: "bad.csv")
        let bad = try ws.mixspec(["predict", "spec.yaml", "--mixtures", "bad.csv"])
        #expect(bad.status == 1, "\(bad.summary)")
        #expect(bad.stderr.contains("bad.csv:2:") && bad.stderr.contains("sum to 2.0"), "\(bad.stderr)")
        #expect(bad.stderr.contains("bad.csv:3:") && bad.stderr.contains("negative"), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)
    }
}

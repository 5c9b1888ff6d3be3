// Issue 4 "Must show", failures: a failing trainer is reported with its task id and log tail;
// --keep-going finishes every independent task; once fixed, only the failed task and its
// dependents run.
import Foundation
import Testing

@Suite(.serialized, .engineCLI)
struct EngineFailureTests {
    static let failing = "train/tiny/0003/s0"

    @Test func aFailingTrainerExitsOneWithTheTaskIDAndItsLogTail() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let run = try ws.mixspec(["run", "spec.yaml", "--jobs", "1"], environment: ["FAKE_TRAINER_FAIL": "0003"])
        #expect(run.status == 1, "\(run.summary)")
        #expect(run.stderr.contains("error: task \(Self.failing) failed"), "\(run.stderr)")
        #expect(run.stderr.contains("boom: the trainer failed on purpose"), "no log tail: \(run.stderr)")
        #expect(run.stderr.contains("status 3"), "\(run.stderr)")
        // Without --keep-going nothing new starts after the failure (one job: 0004 never starts).
        #expect(!ws.trainedRuns().contains("train/tiny/0004/s0"))
        #expect(!FileManager.default.fileExists(atPath: ws.path("out/e2e/mixture.json")))
    }

    @Test func keepGoingFinishesIndependentTasksAndTheFixRunsOnlyTheFailedOnesAndDependents() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let broken = try ws.mixspec(["run", "spec.yaml", "--json", "--jobs", "2", "--keep-going"],
                                    environment: ["FAKE_TRAINER_FAIL": "0003"])
        #expect(broken.status == 1, "\(broken.summary)")
        #expect(broken.failed == 1)
        #expect(broken.executed("train") == 31)
        #expect(broken.executed("sample") == 1)
        let failures = broken.json["failures"] as? [[String: Any]] ?? []
        #expect(failures.map { $0["id"] as? String } == [Self.failing])
        let tail = failures.first?["log_tail"] as? [String] ?? []
        #expect(tail.contains { $0.contains("boom") }, "\(tail)")
        #expect(broken.stderr.contains(Self.failing))
        #expect(Set(ws.trainedRuns()) == Set((0..<32).map { String(format: "train/tiny/%04d/s0", $0) }))

        let plan = try ws.mixspec(["plan", "spec.yaml", "--json"])
        try #require(plan.status == 0, "\(plan.summary)")
        let toRun = plan.planTasks.filter { $0.state != "cached" }
        #expect(toRun.filter { $0.kind == "train" }.map(\.id) == [Self.failing])
        #expect(!toRun.contains { $0.kind == "sample" })
        // Everything downstream of the trains (collect and after) had never completed.
        #expect(toRun.contains { $0.kind == "collect" } && toRun.contains { $0.kind == "search" }, "\(toRun)")

        ws.clearTrainerLog()
        let fixed = try ws.mixspec(["run", "spec.yaml", "--json", "--jobs", "2"])
        #expect(fixed.status == 0, "\(fixed.summary)")
        #expect(ws.trainedRuns() == [Self.failing])
        #expect(fixed.executed("train") == 1)
        #expect(fixed.executed == toRun.count)
        #expect(fixed.json["mixture"] is [String: Double])
    }
}

// Issue 12 "Must show", against a real Slurm (.ci/slurm-single-node.sh starts a one-node cluster):
// a swarm through job arrays gives the local launcher's results; a SIGKILLed run is re-attached
// without one job submitted twice; --detach, status, run; Ctrl-C cancels the jobs; a requeued job;
// failures with their reasons. Submissions are counted by an sbatch shim first on PATH.
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite(.serialized, .slurm)
struct SlurmTests {
    /// Every output digest of `a` equals `b`'s, but the report's (its settings table names the launcher).
    static func expectSameResults(_ a: CLIResult, _ b: CLIResult) {
        let tasks = (b.json["tasks"] as? [[String: Any]]) ?? []
        #expect(tasks.count > 0)
        for task in tasks {
            guard let id = task["id"] as? String, task["kind"] as? String != "report" else { continue }
            #expect(a.output(of: id) != nil && a.output(of: id) == b.output(of: id), "output of \(id) differs")
        }
    }

    /// The out/ files of two workspaces are byte-identical, once the one row of the settings table
    /// that names the launcher (in summary.json and report.html) is read alike.
    static func expectSameOutputs(_ a: Workspace, _ b: Workspace, name: String) {
        let left = a.outputs(name: name).mapValues { data in
            Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "slurm (partition debug): ", with: "command: ").utf8)
        }
        let right = b.outputs(name: name)
        #expect(left.count == 6)
        #expect(left == right, "outputs differ: \(left.keys.sorted()) vs \(right.keys.sorted())")
    }

    /// The same spec run with the local launcher in a fresh workspace.
    static func localRun(name: String, count: Int, topK: Int, extra: String = "") async throws -> (Workspace, CLIResult) {
        let local = try Workspace()
        try local.write(EngineCLI.spec(name: name, count: count, topK: topK) + extra)
        let result = try await local.run(["run", "spec.yaml", "--json"])
        #expect(result.status == 0, "\(result.summary)")
        return (local, result)
    }

    /// The swarm, then `verify` (the found mixture and the prior at a larger size) through Slurm.
    @Test func aSwarmThroughSlurmMatchesTheLocalLauncherByteForByte() async throws {
        let ws = try Workspace()
        let verify = "verify:\n  model: {name: bigger, size: 200k, tokens: 1000000}\n  baselines: [prior]\n"
        try ws.write(EngineCLI.slurmSpec(name: "slurm-swarm", count: 64, topK: 16) + verify)
        let env = try ws.slurmEnvironment()
        let run = try await ws.run(["run", "spec.yaml", "--json"], environment: env)
        #expect(run.status == 0, "\(run.summary)")
        #expect(run.executed("train") == 64)
        #expect(run.executed("verify") == 2)
        // One array of 64 training elements; the prior's verify run is ready from the start and
        // the found mixture's once search ends, so each goes alone. Each trained once, nothing
        // left in the journal.
        #expect(ws.submissions.calls == 3 && ws.submissions.elements == 66, "\(ws.submissions)")
        #expect(ws.trainedRuns().filter { $0.hasPrefix("train/") }.count == 64, "\(ws.trainedRuns())")
        #expect(ws.trainedRuns().count == 66, "\(ws.trainedRuns())")
        #expect(ws.journalledJobs == 0)
        let (local, localResult) = try await Self.localRun(name: "slurm-swarm", count: 64, topK: 16, extra: verify)
        Self.expectSameResults(run, localResult)
        Self.expectSameOutputs(ws, local, name: "slurm-swarm")
        let status = try await ws.run(["status", "spec.yaml"], environment: env)
        #expect(status.status == 0, "\(status.summary)")
        // The job's log is the task's log.
        let logs = try await ws.run(["logs", "spec.yaml", "train/tiny/0005/s0"], environment: env)
        #expect(logs.stdout.contains("submitted as Slurm job") && logs.stdout.contains("training train/tiny/0005/s0"), "\(logs.summary)")
    }

    @Test func aRunKilledMidSwarmIsReattachedWithoutSubmittingAgain() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "slurm-kill", count: 20, topK: 8))
        let env = try ws.slurmEnvironment(["FAKE_TRAINER_SLEEP": "5"])
        let first = try ws.start(["run", "spec.yaml"], environment: env)
        // Watched and killed from a thread of its own: a busy test process must not delay the kill.
        let (journalled, inQueue) = try await offThePool {
            let journalled = ws.waitUntil(seconds: 60) { ws.submissions.elements == 20 && ws.journalledJobs == 20 }
            let inQueue = SlurmCluster.jobs(namePrefix: "mixspec-slurm-kill-", states: "PENDING,RUNNING").count
            first.kill9()
            return (journalled, inQueue)
        }
        #expect(journalled, "the 20 jobs were never all journalled")
        #expect(inQueue >= 10, "only \(inQueue) elements were pending or running at the kill")
        let calls = ws.submissions.calls

        let second = try await ws.run(["run", "spec.yaml", "--json"], environment: env)
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.executed("train") == 20)
        // Zero resubmissions: no sbatch since the kill, and every proxy trained exactly once.
        #expect(ws.submissions.calls == calls && ws.submissions.elements == 20, "\(ws.submissions)")
        #expect(ws.trainedRuns().sorted() == (0..<20).map { String(format: "train/tiny/%04d/s0", $0) })
        let (local, localResult) = try await Self.localRun(name: "slurm-kill", count: 20, topK: 8)
        Self.expectSameResults(second, localResult)
        Self.expectSameOutputs(ws, local, name: "slurm-kill")
    }

    @Test func detachThenStatusThenRunCollectsWithoutResubmitting() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "slurm-detach", count: 16, topK: 8))
        let env = try ws.slurmEnvironment(["FAKE_TRAINER_SLEEP": "8"])
        let detached = try await ws.run(["run", "spec.yaml", "--detach"], environment: env)
        #expect(detached.status == 0, "\(detached.summary)")
        #expect(detached.stderr.contains("16 trainings submitted to Slurm"), "\(detached.stderr)")
        #expect(ws.submissions.calls == 1)
        #expect(ws.journalledJobs == 16)

        let status = try await ws.run(["status", "spec.yaml"], environment: env)
        #expect(status.status == 1, "\(status.summary)")
        #expect(status.stdout.contains("Slurm jobs:"), "\(status.stdout)")
        #expect(status.stdout.contains("train/tiny/0000/s0"), "\(status.stdout)")
        #expect(status.stdout.contains(" pending") || status.stdout.contains(" running"), "\(status.stdout)")
        let json = try await ws.run(["status", "spec.yaml", "--json"], environment: env)
        #expect((json.json["jobs"] as? [[String: Any]])?.count == 16, "\(json.stdout)")

        let collected = try await ws.run(["run", "spec.yaml", "--json"], environment: env)
        #expect(collected.status == 0, "\(collected.summary)")
        #expect(collected.executed("train") == 16)
        #expect(ws.submissions.calls == 1, "\(ws.submissions)")
        #expect(ws.trainedRuns().count == 16)
        #expect(try await ws.run(["status", "spec.yaml"], environment: env).status == 0)
    }

    @Test func ctrlCCancelsEveryJobAndRecordsNothing() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "slurm-cancel", count: 16, topK: 8))
        let env = try ws.slurmEnvironment(["FAKE_TRAINER_SLEEP": "60"])
        let run = try ws.start(["run", "spec.yaml"], environment: env)
        let started = try await offThePool { () -> Bool in
            let started = ws.waitUntil(seconds: 60) { !ws.trainedRuns().isEmpty }
            _ = kill(run.process.processIdentifier, SIGINT)
            return started
        }
        #expect(started, "no job started")
        let result = try await run.finish()
        #expect(result.status == 130, "\(result.summary)")
        #expect(await ws.eventually(seconds: 15) { SlurmCluster.jobs(namePrefix: "mixspec-slurm-cancel-", states: "PENDING,RUNNING").isEmpty },
                "jobs survived the cancel: \(SlurmCluster.jobs(namePrefix: "mixspec-slurm-cancel-", states: "PENDING,RUNNING"))")
        #expect(ws.journalledJobs == 0)
        let plan = try await ws.run(["plan", "spec.yaml", "--json"])
        #expect(plan.planTasks.filter { $0.kind == "train" }.allSatisfy { $0.state != "cached" })
    }

    @Test func aRequeuedJobRunsAgainAndIsCollectedOnce() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "slurm-requeue", count: 16, topK: 8))
        let env = try ws.slurmEnvironment(["FAKE_TRAINER_SLEEP": "6", "FAKE_TRAINER_SLEEP_ONLY": "0000"])
        let run = try ws.start(["run", "spec.yaml", "--json"], environment: env)
        // Watched and requeued from a thread of its own, while element 0 still runs.
        let (ran, pended) = try await offThePool { () -> (Bool, Bool) in
            var element: String?
            let ran = ws.waitUntil(seconds: 60) {
                element = SlurmCluster.jobs(namePrefix: "mixspec-slurm-requeue-", states: "RUNNING").map(\.job).first { $0.hasSuffix("_0") }
                return element != nil && ws.trainedRuns().contains("train/tiny/0000/s0")
            }
            guard ran, let element else { return (false, false) }
            try SlurmCluster.command("scontrol", ["requeue", element])
            // A requeued job pends until a begin time (about two minutes here); once it pends, let it start now.
            let pended = ws.waitUntil(seconds: 30) {
                SlurmCluster.jobs(namePrefix: "mixspec-slurm-requeue-", states: "PENDING").contains { $0.job == element }
                    && (try? SlurmCluster.command("scontrol", ["update", "jobid=\(element)", "StartTime=now"])) != nil
            }
            return (true, pended)
        }
        #expect(ran, "element 0 never ran")
        #expect(pended, "the requeued element never pended")
        let result = try await run.finish()
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.executed("train") == 16)
        #expect(ws.submissions.calls == 1, "a requeue is not a resubmission: \(ws.submissions)")
        #expect(ws.trainedRuns().filter { $0 == "train/tiny/0000/s0" }.count == 2, "\(ws.trainedRuns())")
    }

    @Test func aFailingCommandAndAJobCancelledOutsideFailWithTheirReasons() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "slurm-fail", count: 16, topK: 8))
        let env = try ws.slurmEnvironment(["FAKE_TRAINER_FAIL": "0003", "FAKE_TRAINER_SLEEP": "60", "FAKE_TRAINER_SLEEP_ONLY": "0005"])
        let run = try ws.start(["run", "spec.yaml", "--json", "--keep-going"], environment: env)
        let cancelled = try await offThePool { () -> Bool in
            var element: String?
            _ = ws.waitUntil(seconds: 60) {
                element = SlurmCluster.jobs(namePrefix: "mixspec-slurm-fail-", states: "RUNNING").map(\.job).first { $0.hasSuffix("_5") }
                return element != nil && ws.trainedRuns().contains("train/tiny/0005/s0")
            }
            guard let element else { return false }
            try SlurmCluster.command("scancel", [element])
            return true
        }
        #expect(cancelled, "element 5 never ran")
        let result = try await run.finish()
        #expect(result.status == 1, "\(result.summary)")
        let failures = (result.json["failures"] as? [[String: Any]]) ?? []
        let reasons = Dictionary(failures.map { ($0["id"] as? String ?? "", $0["reason"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["train/tiny/0003/s0"]?.contains("exited with status 3 (Slurm job") == true, "\(reasons)")
        let tail = failures.first { $0["id"] as? String == "train/tiny/0003/s0" }?["log_tail"] as? [String] ?? []
        #expect(tail.contains { $0.contains("boom") }, "\(tail)")
        #expect(reasons["train/tiny/0005/s0"]?.contains("was cancelled outside mixspec (CANCELLED") == true, "\(reasons)")
        #expect(result.executed("train") == 14)
        #expect(ws.journalledJobs == 0)
    }

    /// A job over its time limit, killed by the real slurmctld (whose smallest limit is a minute):
    /// the task fails with Slurm's reason and the log tail, the others of its array succeed.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MIXSPEC_LONG_TESTS"] == "1",
                   "a long scenario (about 2 minutes; .ci/run sets MIXSPEC_LONG_TESTS=1)"))
    func aJobOverItsTimeLimitFailsWithSlurmsReason() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "slurm-timeout", count: 8, topK: 4, slurm: "{partition: debug, time: \"00:01:00\"}"))
        let env = try ws.slurmEnvironment(["FAKE_TRAINER_SLEEP": "600", "FAKE_TRAINER_SLEEP_ONLY": "0002"])
        let run = try await ws.run(["run", "spec.yaml", "--json", "--keep-going"], environment: env)
        #expect(run.status == 1, "\(run.summary)")
        let failures = (run.json["failures"] as? [[String: Any]]) ?? []
        #expect(failures.count == 1 && failures.first?["id"] as? String == "train/tiny/0002/s0", "\(failures)")
        #expect((failures.first?["reason"] as? String)?.contains("reached its time limit (TIMEOUT") == true, "\(failures)")
        let tail = failures.first?["log_tail"] as? [String] ?? []
        #expect(tail.contains { $0.contains("training train/tiny/0002/s0") }, "\(tail)")
        #expect(run.executed("train") == 7)
        #expect(ws.journalledJobs == 0)
    }
}

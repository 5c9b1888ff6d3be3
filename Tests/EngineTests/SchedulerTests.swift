import Compiler
import Engine
import EngineTestSupport
import Foundation
import Testing
import TestSupport

@Suite struct SchedulerTests {
    @Test func firstRunExecutesEverythingAndSecondRunNothing() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters())
        let executor = RecordingExecutor()
        let first = try await runOnce(graph, store: store, executor: executor)
        #expect(first.executed == graph.nodes.count)
        #expect(first.succeeded)
        let again = RecordingExecutor()
        let second = try await runOnce(graph, store: store, executor: again)
        #expect(second.executed == 0)
        #expect(second.cached == graph.nodes.count)
        #expect(again.executed.isEmpty)
        // Same output digests both times.
        #expect(first.results.map(\.outputDigest) == second.results.map(\.outputDigest))
        let report = try #require(second[TaskID("report")]?.outputDigest)
        #expect(store.readBlob(report) != nil)
    }

    @Test func parameterChangeInvalidatesOnlyDownstream() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        _ = try await runOnce(swarmGraph(SwarmParameters()), store: store, executor: RecordingExecutor())
        var changed = SwarmParameters()
        changed.topK = 64
        let executor = RecordingExecutor()
        let report = try await runOnce(swarmGraph(changed), store: store, executor: executor)
        #expect(executor.executedSet == [TaskID("search"), TaskID("report")])
        #expect(report.executed == 2)
        #expect(report.cached == 4 + 3)
    }

    @Test func growingTheSwarmRunsOnlyTheNewTrainTasks() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        _ = try await runOnce(swarmGraph(SwarmParameters(count: 4)), store: store, executor: RecordingExecutor())
        let executor = RecordingExecutor()
        _ = try await runOnce(swarmGraph(SwarmParameters(count: 6)), store: store, executor: executor)
        let trains = executor.executed.filter { $0.rawValue.hasPrefix("train/") }
        #expect(Set(trains) == [TaskID("train/small/0004/s0"), TaskID("train/small/0005/s0")])
    }

    @Test func identicalUpstreamOutputCutsOffDownstream() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let executor = RecordingExecutor()
        executor.constantOutput = [TaskID("fit/gbdt")]
        _ = try await runOnce(swarmGraph(SwarmParameters()), store: store, executor: executor)
        var changed = SwarmParameters()
        changed.fitIterations = 200
        let second = RecordingExecutor()
        second.constantOutput = [TaskID("fit/gbdt")]
        let report = try await runOnce(swarmGraph(changed), store: store, executor: second)
        // fit reruns under its new key, yields the same bytes, and search/report stay cached.
        #expect(second.executed == [TaskID("fit/gbdt")])
        #expect(report[TaskID("search")]?.outcome == .cached)
        #expect(report[TaskID("report")]?.outcome == .cached)
    }

    @Test func failingTaskRecordsNothingKeepsItsLogAndSkipsDependents() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters())
        let executor = RecordingExecutor()
        executor.failing = [TaskID("train/small/0002/s0")]
        let report = try await runOnce(graph, store: store, executor: executor,
                                       options: RunOptions(jobs: 1, keepGoing: true))
        let failed = try #require(report[TaskID("train/small/0002/s0")])
        #expect(failed.outcome == .failed)
        #expect(failed.message == "deliberate failure")
        #expect(failed.logTail.contains("something went wrong in train/small/0002/s0"))
        #expect(failed.logTail.last == "mixspec: task failed: deliberate failure")
        let key = try #require(failed.key)
        #expect(store.actionRecord(forKey: key) == nil)
        #expect(FileManager.default.fileExists(atPath: store.logPath(failed.id, key: key)))
        #expect(store.latestLog(for: failed.id) == store.logPath(failed.id, key: key))
        // keep-going: every other train task finished; dependents of the failure were skipped.
        #expect(report.ids(.executed) == Set(["sample", "train/small/0000/s0", "train/small/0001/s0", "train/small/0003/s0"].map(TaskID.init)))
        #expect(report.ids(.skipped) == Set(["collect", "fit/gbdt", "search", "report"].map(TaskID.init)))
        #expect(report.failureDescriptions.first?.contains("task train/small/0002/s0 failed: deliberate failure") == true)

        // After fixing, only the failed task and its dependents run.
        let fixed = RecordingExecutor()
        let rerun = try await runOnce(graph, store: store, executor: fixed)
        #expect(fixed.executedSet == Set(["train/small/0002/s0", "collect", "fit/gbdt", "search", "report"].map(TaskID.init)))
        #expect(rerun.succeeded)
    }

    @Test func withoutKeepGoingTheFirstFailureStopsNewTasks() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let executor = RecordingExecutor()
        executor.failing = [TaskID("train/small/0000/s0")]
        let report = try await runOnce(swarmGraph(SwarmParameters()), store: store, executor: executor,
                                       options: RunOptions(jobs: 1, keepGoing: false))
        #expect(report.failed == 1)
        #expect(report.ids(.executed) == [TaskID("sample")])
        #expect(report.skipped == 4 + 3)
        #expect(!report.succeeded)
        #expect(report.results.contains { $0.message == "stopped after train/small/0000/s0 failed" })
    }

    @Test func corruptedBlobIsDetectedAndRecomputed() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let warnings = MessageLog()
        let store = makeStore(folder, warnings: warnings)
        let graph = swarmGraph(SwarmParameters())
        let first = try await runOnce(graph, store: store, executor: RecordingExecutor())
        let digest = try #require(first[TaskID("train/small/0001/s0")]?.outputDigest)
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: store.blobPath(digest)))
        #expect(store.readBlob(digest) == nil)

        let plan = Planner(store: store).plan(graph)
        let entry = try #require(plan.entries.first { $0.id == TaskID("train/small/0001/s0") })
        #expect(entry.state == .stale)
        #expect(entry.reason == "its cached output is missing or corrupt")

        let executor = RecordingExecutor()
        let second = try await runOnce(graph, store: store, executor: executor)
        // The task recomputes identical bytes, so everything downstream stays cached.
        #expect(executor.executed == [TaskID("train/small/0001/s0")])
        #expect(second[TaskID("train/small/0001/s0")]?.outputDigest == digest)
        #expect(store.readBlob(digest) != nil)
        #expect(warnings.messages.contains { $0.contains("is corrupt") })
    }

    @Test func truncatedActionRecordIsTreatedAsAbsent() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let warnings = MessageLog()
        let store = makeStore(folder, warnings: warnings)
        let graph = swarmGraph(SwarmParameters())
        let first = try await runOnce(graph, store: store, executor: RecordingExecutor())
        let key = try #require(first[TaskID("collect")]?.key)
        let path = store.actionRecordPath(key)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let executor = RecordingExecutor()
        let second = try await runOnce(graph, store: store, executor: executor)
        #expect(executor.executed == [TaskID("collect")])
        #expect(second.succeeded)
        #expect(warnings.messages.contains { $0.contains("ignoring corrupt action record") })
        #expect(store.actionRecord(forKey: key) != nil)
    }

    @Test func missingRecordAfterACrashMeansRecompute() async throws {
        // A crash between writing the blob and writing the record leaves a blob and no record.
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters())
        let first = try await runOnce(graph, store: store, executor: RecordingExecutor())
        let key = try #require(first[TaskID("search")]?.key)
        try FileManager.default.removeItem(atPath: store.actionRecordPath(key))
        let executor = RecordingExecutor()
        let second = try await runOnce(graph, store: store, executor: executor)
        #expect(executor.executed == [TaskID("search")])
        #expect(second.results.map(\.outputDigest) == first.results.map(\.outputDigest))
    }

    @Test func runsIndependentTasksInParallelUpToJobs() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let executor = RecordingExecutor()
        executor.delay = 0.05
        let report = try await runOnce(swarmGraph(SwarmParameters(count: 8)), store: store, executor: executor,
                                       options: RunOptions(jobs: 3))
        #expect(report.succeeded)
        #expect(executor.maxActive == 3)
        let serial = RecordingExecutor()
        let folder2 = TemporaryFolder(); defer { folder2.cleanup() }
        _ = try await runOnce(swarmGraph(SwarmParameters(count: 3)), store: makeStore(folder2), executor: serial,
                              options: RunOptions(jobs: 1))
        #expect(serial.maxActive == 1)
    }

    @Test func cancellationWritesNoRecordAndTheNextRunResumes() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters(count: 6))
        let executor = RecordingExecutor()
        executor.delay = 1200
        executor.delayOnly = .train
        let run = Task { try await runOnce(graph, store: store, executor: executor, options: RunOptions(jobs: 2)) }
        // Cancel once train tasks are running (so `sample` has finished and been recorded).
        // A deadline, not a count of sleeps: synchronous tests can hold the cooperative pool for minutes.
        let deadline = Date().addingTimeInterval(600)
        while executor.executed.count < 3, Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        let cancelled = Date()
        run.cancel()
        let report = try await run.value
        #expect(report.wasCancelled)
        // `sample` finished before the cancel and is kept; the running train tasks were cancelled.
        #expect(report.ids(.executed) == [TaskID("sample")])
        // Far below the tasks' 1200 s: they were cancelled, not waited for. Generous, because
        // synchronous tests can hold the cooperative pool (two threads on CI) for minutes, and
        // counted from the cancel, not from a start the busy pool may have delayed.
        #expect(Date().timeIntervalSince(cancelled) < 600)
        #expect(report.count(.cancelled) == graph.nodes.count - report.executed)
        for result in report.results where result.outcome == .cancelled {
            if let key = result.key { #expect(store.actionRecord(forKey: key) == nil) }
        }
        let resumed = try await runOnce(graph, store: store, executor: RecordingExecutor())
        #expect(resumed.succeeded)
        #expect(resumed.cached == report.executed)
    }
}

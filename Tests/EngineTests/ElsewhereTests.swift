// Tasks that run elsewhere (cluster jobs): they all start at once whatever `--jobs` says, while
// local tasks keep to it; a task handed off without waiting (`TaskSubmitted`) ends `submitted`,
// records nothing, skips its dependents and does not stop the run.
import Compiler
import ContentStore
import Engine
import EngineTestSupport
import Foundation
import Testing
import TestSupport

/// Runs train tasks "elsewhere" (sleeping), or hands them off; counts how many run at once.
private final class ElsewhereExecutor: TaskExecutor, @unchecked Sendable {
    private let lock = NSLock()
    private var active = 0
    private(set) var maxActive = 0
    var submit: Set<TaskID> = []
    let local = RecordingExecutor()

    func runsElsewhere(_ task: TaskNode) -> Bool { task.kind == .train }

    func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data {
        guard task.kind == .train else { return try await local.execute(task, inputs: inputs, context: context) }
        lock.withLock { active += 1; maxActive = max(maxActive, active) }
        defer { lock.withLock { active -= 1 } }
        try await Task.sleep(nanoseconds: 100_000_000)
        if submit.contains(task.id) { throw TaskSubmitted("handed to job 42") }
        return Data("trained \(task.id)".utf8)
    }
}

struct ElsewhereTests {
    @Test func tasksThatRunElsewhereAllStartAtOnceWhileLocalOnesKeepToJobs() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let executor = ElsewhereExecutor()
        executor.local.delay = 0.05
        let report = try await runOnce(swarmGraph(SwarmParameters(count: 12)), store: makeStore(folder), executor: executor,
                                       options: RunOptions(jobs: 1))
        #expect(report.succeeded)
        #expect(executor.maxActive == 12)
        #expect(executor.local.maxActive == 1)
    }

    @Test func aSubmittedTaskRecordsNothingSkipsItsDependentsAndDoesNotStopTheRun() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let executor = ElsewhereExecutor()
        executor.submit = [TaskID("train/small/0001/s0")]
        let report = try await runOnce(swarmGraph(SwarmParameters(count: 4)), store: store, executor: executor)
        #expect(report.submitted == 1 && report.failed == 0)
        #expect(report.ids(.submitted) == [TaskID("train/small/0001/s0")])
        #expect(report.ids(.executed).count == 4, "sample and the three other trainings")
        #expect(report[TaskID("collect")]?.outcome == .skipped)
        #expect(report[TaskID("collect")]?.message == "input train/small/0001/s0 is still running (submitted)")
        #expect(report[TaskID("train/small/0001/s0")]?.message == "handed to job 42")
        // Nothing recorded for it: the next run executes it and what it skipped.
        let again = try await runOnce(swarmGraph(SwarmParameters(count: 4)), store: store, executor: ElsewhereExecutor())
        #expect(again.cached == 4, "sample and the three trainings")
        #expect(again.ids(.executed) == [TaskID("train/small/0001/s0"), TaskID("collect"), TaskID("fit/gbdt"), TaskID("search"), TaskID("report")])
    }
}

import Compiler
import ContentStore
import Engine
import EngineTestSupport
import Foundation
import SpecModel
import Testing
import TestSupport

@Suite struct RunSessionTests {
    @Test func runsUnderTheLockAndReportsJSON() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters(count: 2))
        let report = try await RunSession.run(graph, store: store, executor: RecordingExecutor(), handleSignals: false)
        #expect(report.succeeded)
        guard case .object(let json) = report.canonical else { Issue.record("not an object"); return }
        #expect(json["executed"] == .int(Int64(graph.nodes.count)))
        #expect(json["cached"] == .int(0))
        #expect(json["failed"] == .int(0))
        let plan = Planner(store: store).plan(graph)
        guard case .object(let planJSON) = plan.canonical, case .array(let tasks)? = planJSON["tasks"] else {
            Issue.record("bad plan JSON"); return
        }
        #expect(tasks.count == graph.nodes.count)
        #expect(tasks.first == .object(["id": .string("sample"), "kind": .string("sample"), "state": .string("cached"),
                                        "reason": .string("up to date"), "key": .string(plan.entries[0].key!)]))
        #expect(planJSON["counts"] == .object(["cached": .int(Int64(graph.nodes.count)), "stale": .int(0), "new": .int(0)]))
    }

    @Test func noWaitFailsWhileAnotherRunHoldsTheStore() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let held = try await StoreLock.acquire(store)
        defer { held.release() }
        await #expect(throws: EngineError.self) {
            _ = try await RunSession.run(swarmGraph(SwarmParameters()), store: store, executor: RecordingExecutor(),
                                         noWait: true, handleSignals: false)
        }
    }
}

import Compiler
import Engine
import EngineTestSupport
import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct SignalTests {
    @Test func sigtermCancelsTheRunAndStopsTrainers() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let pids = folder.path + "/pids"
        try FileManager.default.createDirectory(atPath: pids, withIntermediateDirectories: true)
        var executor = FixtureTrainExecutor(workingDirectory: folder.path)
        executor.environment = ["FAKE_TRAINER_SLEEP": "1200", "FAKE_TRAINER_PIDS": pids]
        let graph = swarmGraph(SwarmParameters(count: 2))
        let slow = executor
        let signals = MessageLog()
        let sender = Task {
            let children = try await waitForFiles(in: pids, count: 2)
            let signalled = Date()
            kill(getpid(), SIGTERM)
            return (children, signalled)
        }
        let report = await SignalCancellation.run(onFirstSignal: { signals.add("signal \($0)") }) {
            (try? await runOnce(graph, store: store, executor: slow)) ?? RunReport(results: [], wasCancelled: false, elapsed: 0)
        }
        let (children, signalled) = try await sender.value
        #expect(signals.messages == ["signal \(SIGTERM)"])
        #expect(report.wasCancelled)
        #expect(report.count(.cancelled) == graph.nodes.count - 1)
        // Far below the trainers' 1200 s sleep: they were stopped, not waited for (generous for a
        // cooperative pool held by synchronous tests; counted from the signal, not from the
        // trainers' slow start under load).
        #expect(Date().timeIntervalSince(signalled) < 600)
        for pid in children { #expect(kill(pid, 0) != 0) }
        // The next run resumes: only the cancelled tasks run.
        let resumed = try await runOnce(graph, store: store, executor: FixtureTrainExecutor(workingDirectory: folder.path))
        #expect(resumed.succeeded)
        #expect(resumed.cached == 1)
    }
}

import Compiler
import Engine
import EngineTestSupport
import Foundation
import Testing
import TestSupport

@Suite struct ProgressTests {
    @Test func plainModePrintsOneLinePerExecutedTaskAndASummary() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let path = folder.path + "/progress.txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let printer = ProgressPrinter(fd: fd, live: false)
        let graph = swarmGraph(SwarmParameters(count: 2))
        _ = try await runOnce(graph, store: store, executor: RecordingExecutor(), options: RunOptions(jobs: 1, observer: printer))
        let second = ProgressPrinter(fd: fd, live: false)
        _ = try await runOnce(graph, store: store, executor: RecordingExecutor(), options: RunOptions(jobs: 1, observer: second))
        close(fd)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("done   ") }.count == graph.nodes.count)
        #expect(lines.filter { $0.hasPrefix("start  ") }.count == graph.nodes.count)
        #expect(lines.contains { $0.hasPrefix("\(graph.nodes.count) executed, 0 cached, 0 failed, 0 not run in ") })
        #expect(lines.last?.hasPrefix("0 executed, \(graph.nodes.count) cached, 0 failed, 0 not run in ") == true)
    }

    @Test func liveModeRedrawsOneStatusLine() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let path = folder.path + "/live.txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let printer = ProgressPrinter(fd: fd, live: true)
        let executor = RecordingExecutor()
        executor.failing = [TaskID("train/small/0000/s0")]
        _ = try await runOnce(swarmGraph(SwarmParameters(count: 2)), store: makeStore(folder), executor: executor,
                              options: RunOptions(jobs: 1, keepGoing: true, observer: printer))
        close(fd)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\r\u{1B}[K[1/7] "))
        #expect(text.contains("FAILED train/small/0000/s0: deliberate failure\n"))
        #expect(text.contains("\r\u{1B}[K2 executed, 0 cached, 1 failed, 4 not run in "))
    }
}

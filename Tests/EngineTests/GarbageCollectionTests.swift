// Garbage collection keeps exactly what the plans of the kept graphs reach.
import ContentStore
import Engine
import EngineTestSupport
import Foundation
import TestSupport
import Testing

@Suite struct GarbageCollectionTests {
    @Test func garbageCollectionKeepsWhatIsReachable() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let small = swarmGraph(SwarmParameters(count: 2))
        _ = try await runOnce(swarmGraph(SwarmParameters(count: 4)), store: store, executor: RecordingExecutor())
        _ = try await runOnce(small, store: store, executor: RecordingExecutor())
        let plan = Planner(store: store).plan(small)
        // Leftovers of a crashed run: a half-written temp record and a scratch folder.
        let key = try #require(plan.entries.last?.key)
        let stray = "\(store.root)/actions/\(key.prefix(2))/.tmp-999-1"
        try Data("{\"key\":".utf8).write(to: URL(fileURLWithPath: stray))
        try FileManager.default.createDirectory(atPath: store.root + "/tmp/report-999-1/out", withIntermediateDirectories: true)
        #expect(Planner(store: store).plan(small).count(.cached) == small.nodes.count)
        let before = listFiles(store.root)
        let dry = try store.collectGarbage(keepingRecords: plan.knownKeys, keepingBlobs: plan.cachedOutputDigests, dryRun: true)
        #expect(listFiles(store.root) == before)
        #expect(dry.removedRecords > 0)
        let report = try store.collectGarbage(keepingRecords: plan.knownKeys, keepingBlobs: plan.cachedOutputDigests, dryRun: false)
        #expect(report == dry)
        #expect(report.bytesFreed > 0)
        #expect(report.removedOther >= 2)
        #expect(!FileManager.default.fileExists(atPath: stray))
        #expect(!FileManager.default.fileExists(atPath: store.root + "/tmp/report-999-1"))
        // The kept graph is still fully cached; the removed one is not.
        #expect(Planner(store: store).plan(small).count(.cached) == small.nodes.count)
        let big = Planner(store: store).plan(swarmGraph(SwarmParameters(count: 4)))
        #expect(big.count(.cached) == 3)  // sample + the two shared train tasks
        let again = try store.collectGarbage(keepingRecords: plan.knownKeys, keepingBlobs: plan.cachedOutputDigests, dryRun: false)
        #expect(again.removedCount == 0)
    }
}

// Garbage collection keeps exactly what the plans of the kept graphs reach.
import Compiler
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

    /// A Slurm job folder whose submission never happened goes; a journalled job's folder stays
    /// (its job may still run), and nothing is removed through a linked `slurm/jobs`.
    @Test func garbageCollectionRemovesSlurmFoldersNoJobWasSubmittedFor() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let journal = JobJournal(store: store)
        let orphan = journal.jobDirectory(String(repeating: "a", count: 64))
        let live = String(repeating: "b", count: 64)
        for path in [orphan + "/out", journal.jobDirectory(live) + "/out"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: orphan + "/run.sh"))
        try journal.record(JobEntry(job: "12_3", name: "mixspec-s-1", taskID: TaskID("train/m/0003/s0"), spec: "s", attempt: 0), for: live)
        let report = try store.collectGarbage(keepingRecords: [], keepingBlobs: [], dryRun: false)
        #expect(report.removedOther == 1 && report.bytesFreed > 0, "\(report)")
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(journal.entry(live) != nil)

        // `slurm/jobs` linked elsewhere: gc reaches nothing through it.
        let outside = folder.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside + "/cccc", withIntermediateDirectories: true)
        try FileManager.default.removeItem(atPath: journal.root + "/jobs")
        try FileManager.default.createSymbolicLink(atPath: journal.root + "/jobs", withDestinationPath: outside)
        _ = try store.collectGarbage(keepingRecords: [], keepingBlobs: [], dryRun: false)
        #expect(FileManager.default.fileExists(atPath: outside + "/cccc"))
    }
}

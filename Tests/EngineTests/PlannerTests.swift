import Compiler
import ContentStore
import Engine
import EngineTestSupport
import Foundation
import SpecModel
import Testing
import TestSupport

@Suite struct PlannerTests {
    @Test func statesAndReasonsFollowEdits() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters())
        let fresh = Planner(store: store).plan(graph)
        #expect(fresh.count(.new) == graph.nodes.count)
        #expect(fresh.entries.allSatisfy { $0.reason == "never run" })
        #expect(fresh.entries[0].key != nil)  // sample has no upstream: key known
        #expect(fresh.entries[1].key == nil)

        _ = try await runOnce(graph, store: store, executor: RecordingExecutor())
        let cached = Planner(store: store).plan(graph)
        #expect(cached.count(.cached) == graph.nodes.count)
        #expect(cached.knownKeys.count == graph.nodes.count)

        var changed = SwarmParameters()
        changed.topK = 64
        let plan = Planner(store: store).plan(swarmGraph(changed))
        let search = try #require(plan.entries.first { $0.id == TaskID("search") })
        #expect(search.state == .stale)
        #expect(search.reason == "parameter search.top_k changed 128 → 64")
        let report = try #require(plan.entries.first { $0.id == TaskID("report") })
        #expect(report.state == .stale)
        #expect(report.reason == "input search will rerun")
        #expect(plan.count(.cached) == graph.nodes.count - 2)
    }

    @Test func versionAndFileChangesAreNamed() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let dataFile = folder.path + "/web.txt"
        try Data("hello".utf8).write(to: URL(fileURLWithPath: dataFile))
        var parameters = SwarmParameters()
        parameters.dataFile = dataFile
        _ = try await runOnce(swarmGraph(parameters), store: store, executor: RecordingExecutor())
        try Data("hello, world".utf8).write(to: URL(fileURLWithPath: dataFile))
        let plan = Planner(store: store).plan(swarmGraph(parameters))
        #expect(plan.entries[0].state == .stale)
        #expect(plan.entries[0].reason.hasPrefix("input file "))
        #expect(plan.entries[0].reason.hasSuffix("web.txt changed"))
        #expect(plan.entries[1].reason == "input sample will rerun")

        try FileManager.default.removeItem(atPath: dataFile)
        let missing = Planner(store: store).plan(swarmGraph(parameters))
        #expect(missing.entries[0].reason.hasSuffix("web.txt cannot be read"))

        var nodes = swarmGraph(SwarmParameters()).nodes
        nodes[nodes.count - 1].version = 2
        let bumped = Planner(store: store).plan(try TaskGraph(nodes: nodes))
        // The data file is gone, so sample and all below it rerun; the report's own change comes first.
        #expect(bumped.entries.last?.reason == "implementation of report changed (version 1 → 2); input search will rerun")
    }

    @Test func explainListsEveryChangeOldToNew() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        _ = try await runOnce(swarmGraph(SwarmParameters()), store: store, executor: RecordingExecutor())
        var nodes = swarmGraph(SwarmParameters()).nodes
        let index = try #require(nodes.firstIndex { $0.id == TaskID("search") })
        nodes[index].version = 3
        nodes[index].parameters = .object(["search": .object(["top_k": .int(32), "seed": .int(7)])])
        let explanation = try #require(Planner(store: store).explain(TaskID("search"), in: try TaskGraph(nodes: nodes)))
        #expect(explanation.entry.state == .stale)
        #expect(explanation.entry.changes.map(\.description) == [
            "implementation of search changed (version 1 → 3)",
            "parameter search.seed added (7)",
            "parameter search.top_k changed 128 → 32",
        ])
        #expect(explanation.lines[0] == "search (search): stale: implementation of search changed (version 1 → 3) (and 2 more)")
        #expect(explanation.lastRecord?.taskID == TaskID("search"))
        #expect(Planner(store: store).explain(TaskID("nope"), in: try TaskGraph(nodes: nodes)) == nil)
    }

    @Test func eachSpecComparesAgainstItsOwnLastRuns() async throws {
        // Two specs sharing a store share results, not last runs.
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let a = swarmGraph(SwarmParameters())
        let first = try await runOnce(a, store: store, index: "a", executor: RecordingExecutor())
        var parameters = SwarmParameters()
        parameters.topK = 64
        let b = swarmGraph(parameters)
        let plan = Planner(store: store, index: "b").plan(b)
        #expect(plan.count(.cached) == b.nodes.count - 2)
        let search = try #require(plan.entries.first { $0.id == TaskID("search") })
        #expect(search.state == .new)
        #expect(search.reason == "never run")
        #expect(plan.entries.last?.state == .new)
        #expect(Planner(store: store, index: "b").explain(TaskID("search"), in: b)?.lastRecord == nil)

        let executor = RecordingExecutor()
        _ = try await runOnce(b, store: store, index: "b", executor: executor)
        #expect(executor.executedSet == [TaskID("search"), TaskID("report")])
        // Spec a's last run is still its own.
        #expect(Planner(store: store, index: "a").plan(a).count(.cached) == a.nodes.count)
        let explained = try #require(Planner(store: store, index: "a").explain(TaskID("search"), in: a))
        #expect(explained.lastRecord?.key == first[TaskID("search")]?.key)
        #expect(store.indexNames() == ["a", "b"])
    }

    @Test func aCachedRunPointsTheIndexAtTheRecordItReused() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        var parameters = SwarmParameters()
        for topK: Int64 in [32, 64] {
            parameters.topK = topK
            _ = try await runOnce(swarmGraph(parameters), store: store, executor: RecordingExecutor())
        }
        // Back to 32: everything is cached, and the index now points at the 32 records.
        parameters.topK = 32
        let executor = RecordingExecutor()
        let reverted = try await runOnce(swarmGraph(parameters), store: store, executor: executor)
        #expect(executor.executed.isEmpty)
        #expect(TaskIndex(store: store, name: TaskIndex.defaultName).key(for: TaskID("search")) == reverted[TaskID("search")]?.key)
        parameters.topK = 16
        let search = try #require(Planner(store: store).plan(swarmGraph(parameters)).entries.first { $0.id == TaskID("search") })
        #expect(search.reason == "parameter search.top_k changed 32 → 16")

        // A no-op run writes nothing to the index.
        parameters.topK = 32
        let path = store.indexPath(TaskIndex.defaultName)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try await runOnce(swarmGraph(parameters), store: store, executor: RecordingExecutor())
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func planJSONIsThePrettyCanonicalForm() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        var parameters = SwarmParameters()
        _ = try await runOnce(swarmGraph(parameters), store: store, executor: RecordingExecutor())
        parameters.topK = 7
        parameters.count = 6
        let plan = Planner(store: store).plan(swarmGraph(parameters))
        #expect(Set(plan.entries.map(\.state)) == [.cached, .stale, .new])
        #expect(plan.prettyJSON == plan.canonical.prettyJSON)
        let empty = Planner(store: store).plan(try TaskGraph(nodes: []))
        #expect(empty.prettyJSON == empty.canonical.prettyJSON)
        // Long plans are written in chunks on several cores.
        let long = Planner(store: store).plan(swarmGraph(SwarmParameters(count: 5000)))
        #expect(long.prettyJSON == long.canonical.prettyJSON)
    }

    @Test func runJSONIsThePrettyCanonicalFormWithTheAddedMembers() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let executor = RecordingExecutor()
        executor.failing = [TaskID("train/small/0002/s0")]
        let report = try await runOnce(swarmGraph(SwarmParameters()), store: store, executor: executor,
                                       options: RunOptions(jobs: 1, keepGoing: true))
        #expect(report.failed == 1 && report.executed > 0)
        for extra: [String: CanonicalValue] in [[:], ["elapsed_seconds": .double(1.5), "mixture": .object(["web": .double(0.25)])],
                                                ["zeta": .string("after tasks")],
                                                ["warnings": .array([.object(["task": .string("train/small/0001/s0"), "message": .string("m")])]),
                                                 "executed_by_kind": .object(["train": .int(3)])]] {
            guard case .object(var fields) = report.canonical else { Issue.record("not an object"); return }
            fields.merge(extra) { _, new in new }
            #expect(report.prettyJSON(adding: extra) == CanonicalValue.object(fields).prettyJSON)
        }
        let empty = RunReport(results: [], wasCancelled: false, elapsed: 0)
        #expect(empty.prettyJSON(adding: [:]) == empty.canonical.prettyJSON)
    }

    @Test func keysIgnoreHowParametersWereWritten() {
        let a = TaskKeyMaterial(kind: .train, version: 1,
                                parameters: .object(["tokens": .number(1_000_000), "model": .string("small")]),
                                inputDigests: [TaskID("sample"): String(repeating: "a", count: 64)], fileDigests: [:])
        let b = TaskKeyMaterial(kind: .train, version: 1,
                                parameters: .object(["model": .string("small"), "tokens": .int(1_000_000)]),
                                inputDigests: [TaskID("sample"): String(repeating: "a", count: 64)], fileDigests: [:])
        #expect(ContentDigest.taskKey(a) == ContentDigest.taskKey(b))
        var c = b
        c.version = 2
        #expect(ContentDigest.taskKey(a) != ContentDigest.taskKey(c))
        // The well-known SHA-256 test vector.
        #expect(ContentDigest.sha256Hex(utf8: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// A level of ≥ 128 tasks is classified on all cores (`parallelMap`): the plan must equal the
    /// sequential one, entry for entry and in graph order, every time.
    @Test func parallelPlanningMatchesSequentialPlanning() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        var store = makeStore(folder)
        store.durable = false
        /// `count` independent train tasks (one depth level); `tokens` decides their keys.
        func level(_ indices: [Int], tokens: Int64) throws -> TaskGraph {
            try TaskGraph(nodes: indices.map { i in
                TaskNode(id: TaskID(String(format: "train/small/%04d/s0", i)), kind: .train, version: 1,
                         parameters: .object(["index": .int(Int64(i)), "tokens": .int(tokens)]), inputs: [])
            })
        }
        let all = Array(0..<600)
        // A third cached, a third stale (recorded with other tokens), a third never run.
        _ = try await runOnce(try level(all.filter { $0 % 3 == 0 }, tokens: 1000), store: store, executor: RecordingExecutor())
        _ = try await runOnce(try level(all.filter { $0 % 3 == 1 }, tokens: 500), store: store, executor: RecordingExecutor())
        let graph = try level(all, tokens: 1000)
        // Levels under 128 tasks are classified sequentially: plan the graph in slices of 100.
        var sequential: [PlanEntry] = []
        for start in stride(from: 0, to: all.count, by: 100) {
            sequential += Planner(store: store).plan(try level(Array(all[start..<start + 100]), tokens: 1000)).entries
        }
        #expect(sequential.map(\.id) == graph.nodes.map(\.id))
        #expect(sequential.filter { $0.state == .cached }.count == 200)
        #expect(sequential.filter { $0.state == .stale }.count == 200)
        #expect(sequential.filter { $0.state == .new }.count == 200)
        #expect(sequential[1].reason == "parameter tokens changed 500 → 1000")
        for _ in 0..<50 {
            let plan = Planner(store: store).plan(graph)
            #expect(plan.entries == sequential)
        }
    }
}

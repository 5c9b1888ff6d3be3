import Compiler
import ContentStore
import Engine
import EngineTestSupport
import Foundation
import Launchers
import SpecModel
import Testing
import TestSupport

/// Runs train tasks through the real fixture trainer; other kinds combine their inputs.
struct FixtureTrainExecutor: TaskExecutor {
    var workingDirectory: String
    var environment: [String: String] = [:]
    var domains = ["web", "code", "wiki"]

    static let argv = ["python3", fixturePath("fake_trainer.py"), "{mixture}", "{out}", "{run}", "{seed}", "{model.size}", "{tokens}"]

    /// A deterministic mixture for train index `i`.
    static func weights(_ i: Int64, _ domains: [String]) -> [(String, Double)] {
        let raw = domains.indices.map { Double((Int(i) * 7 + $0 * 3) % 5 + 1) }
        let total = raw.reduce(0, +)
        return zip(domains, raw.map { $0 / total }).map { ($0, $1) }
    }

    func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data {
        guard task.kind == .train else {
            var text = task.id.rawValue
            for input in task.inputs { text += "|" + String(decoding: inputs[input] ?? Data(), as: UTF8.self) }
            return Data(text.utf8)
        }
        guard case .object(let p) = task.parameters, case .int(let index)? = p["index"], case .int(let tokens)? = p["tokens"] else {
            throw EngineError.taskFailed("bad parameters")
        }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let metrics = try await CommandTrainer.run(
            argv: Self.argv, weights: Self.weights(index, domains), model: (name: "small", size: 100_000),
            tokens: tokens, seed: 0, runID: task.id.rawValue, workingDirectory: workingDirectory,
            context: context, environment: env, gracePeriod: 1)
        return Data(metrics.canonical.canonicalJSON.utf8)
    }

    func describe(_ task: TaskNode) -> String { Self.argv.joined(separator: " ") }
}

@Suite(.serialized) struct CommandTrainerTests {
    @Test func fixtureTrainerMetricsFollowTheFormula() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters(count: 2))
        let report = try await runOnce(graph, store: store, executor: FixtureTrainExecutor(workingDirectory: folder.path))
        #expect(report.succeeded, "\(report.failureDescriptions)")
        let result = try #require(report[TaskID("train/small/0001/s0")])
        let digest = try #require(result.outputDigest)
        let blob = try #require(store.readBlob(digest))
        let metrics = try TrainMetrics.parse(blob, source: "blob")
        for (domain, weight) in FixtureTrainExecutor.weights(1, ["web", "code", "wiki"]) {
            let expected = 1.5 + exp(-4 * weight) + 1.0  // seed 0; (1e5 / 1e5)^0.1 = 1
            #expect(abs((metrics.metrics["loss.\(domain)"] ?? 0) - expected) < 1e-12)
        }
        #expect(metrics.steps.map(\.tokens) == [500, 1000])
        #expect(metrics.steps[0].metrics["loss.web"]! > metrics.metrics["loss.web"]!)
        let logPath = try #require(result.logPath)
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(log.contains("training train/small/0001/s0 in \(folder.path)"))
        #expect(log.contains("mixspec: running in \(folder.path): python3 "))
        let key = try #require(result.key)
        let record = try #require(store.actionRecord(forKey: key))
        #expect(record.executor.hasPrefix("python3 "))
    }

    @Test func mixtureFileKeepsDomainOrder() throws {
        #expect(CommandTrainer.mixtureJSON([("web", 0.5), ("code", 0.25), ("a\"b", 0.25)])
                == "{\"weights\": {\"web\": 0.5, \"code\": 0.25, \"a\\\"b\": 0.25}}\n")
        #expect(CommandTrainer.substitute(["--out={out}", "{seed}", "{x}"], ["{out}": "/o", "{seed}": "3"]) == ["--out=/o", "3", "{x}"])
    }

    @Test func failingTrainerFailsTheTaskWithItsLogTail() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters(count: 3))
        var executor = FixtureTrainExecutor(workingDirectory: folder.path)
        executor.environment = ["FAKE_TRAINER_FAIL": "0001"]
        let report = try await runOnce(graph, store: store, executor: executor, options: RunOptions(jobs: 2, keepGoing: true))
        let failed = try #require(report[TaskID("train/small/0001/s0")])
        #expect(failed.outcome == .failed)
        #expect(failed.message == "train command exited with status 3")
        #expect(failed.logTail.contains("boom: the trainer failed on purpose"))
        #expect(report.ids(.executed) == Set(["sample", "train/small/0000/s0", "train/small/0002/s0"].map(TaskID.init)))
        #expect(store.actionRecord(forKey: try #require(failed.key)) == nil)

        let counter = folder.path + "/runs.txt"
        executor.environment = ["FAKE_TRAINER_LOG": counter]
        let fixed = try await runOnce(graph, store: store, executor: executor)
        #expect(fixed.succeeded)
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "train/small/0001/s0\n")
        #expect(fixed.executed == 1 + 4)
    }

    @Test(arguments: [
        ("FAKE_TRAINER_NO_METRICS", "train command exited 0 but did not write {out}/metrics.json"),
        ("FAKE_TRAINER_BAD_METRICS", "{out}/metrics.json of run train/small/0000/s0: metrics.loss.web is not a finite number"),
    ])
    func missingOrMalformedMetricsFailTheTask(knob: String, message: String) async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        var executor = FixtureTrainExecutor(workingDirectory: folder.path)
        executor.environment = [knob: "1"]
        let report = try await runOnce(swarmGraph(SwarmParameters(count: 1)), store: store, executor: executor)
        #expect(report[TaskID("train/small/0000/s0")]?.message == message)
        #expect(report.failed == 1)
    }

    @Test func malformedMetricsFilesAreRejectedWithLocations() {
        func message(_ text: String) -> String {
            do { _ = try TrainMetrics.parse(Data(text.utf8), source: "m.json"); return "" } catch { return "\(error)" }
        }
        #expect(message("[]") == "m.json: expected a JSON object")
        #expect(message("{}") == "m.json: missing \"metrics\" object")
        #expect(message("{\"metrics\": {\"a\": NaN}}").hasSuffix("(NaN and Infinity are not JSON; the run diverged?)"))
        #expect(message("{\"metrics\": {}, \"steps\": [{\"step\": 1.5, \"tokens\": 1, \"metrics\": {}}]}") == "m.json: steps[0].step must be a whole number")
        #expect(message("{\"metrics\": {\"a\": 1}, \"steps\": [{\"step\": 1, \"tokens\": 2}]}") == "m.json: steps[0] is missing \"metrics\"")
    }

    @Test func metricsFilesAreBoundedInCount() {
        func message(_ text: String) -> String {
            do { _ = try TrainMetrics.parse(Data(text.utf8), source: "m.json of run r"); return "" } catch { return "\(error)" }
        }
        let many = (0...TrainMetrics.maximumMetrics).map { "\"m\($0)\": 1" }.joined(separator: ",")
        #expect(message("{\"metrics\": {\(many)}}") == "m.json of run r: \"metrics\" has 10001 metrics; the limit is 10000")
        #expect(message("{\"metrics\": {}, \"steps\": [{\"step\": 1, \"tokens\": 1, \"metrics\": {\(many)}}]}")
            == "m.json of run r: \"steps[0].metrics\" has 10001 metrics; the limit is 10000")
        let steps = Array(repeating: "{\"step\": 1, \"tokens\": 1, \"metrics\": {}}", count: TrainMetrics.maximumSteps + 1)
        #expect(message("{\"metrics\": {}, \"steps\": [\(steps.joined(separator: ","))]}")
            == "m.json of run r: \"steps\" has 100001 entries; the limit is 100000")
        let dense = (0..<TrainMetrics.maximumMetrics).map { "\"m\($0)\": 1" }.joined(separator: ",")
        let heavy = Array(repeating: "{\"step\": 1, \"tokens\": 1, \"metrics\": {\(dense)}}", count: 101)
        #expect(message("{\"metrics\": {}, \"steps\": [\(heavy.joined(separator: ","))]}")
            == "m.json of run r: \"steps\" hold more than 1000000 metric values in all; that is the limit")
        #expect(message("{\"metrics\": {\(dense)}}") == "")
    }

    @Test func largeOutputDoesNotDeadlock() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        var executor = FixtureTrainExecutor(workingDirectory: folder.path)
        executor.environment = ["FAKE_TRAINER_SPAM": "40000"]
        let report = try await runOnce(swarmGraph(SwarmParameters(count: 1)), store: store, executor: executor)
        #expect(report.succeeded)
        let log = try #require(report[TaskID("train/small/0000/s0")]?.logPath)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int)
        #expect(size > 4_000_000)
    }

    @Test func missingCommandIsAClearError() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        struct Missing: TaskExecutor {
            let folder: String
            func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data {
                _ = try await CommandTrainer.run(argv: ["mixspec-no-such-trainer", "{out}"], weights: [("a", 1)],
                                                 model: (name: "m", size: 1), tokens: 1, seed: 0, runID: "r",
                                                 workingDirectory: folder, context: context)
                return Data()
            }
        }
        let graph = try TaskGraph(nodes: [TaskNode(id: TaskID("train"), kind: .train, version: 1, parameters: .null, inputs: [])])
        let report = try await runOnce(graph, store: store, executor: Missing(folder: folder.path))
        #expect(report.results[0].message == "cannot run command `mixspec-no-such-trainer` (in \(folder.path)): No such file or directory")
    }

    @Test func cancellingARunStopsTheTrainerProcess() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let pids = folder.path + "/pids"
        try FileManager.default.createDirectory(atPath: pids, withIntermediateDirectories: true)
        var executor = FixtureTrainExecutor(workingDirectory: folder.path)
        executor.environment = ["FAKE_TRAINER_SLEEP": "1200", "FAKE_TRAINER_PIDS": pids]
        let graph = swarmGraph(SwarmParameters(count: 2))
        let run = Task { try await runOnce(graph, store: store, executor: executor) }
        let children = try await waitForFiles(in: pids, count: 2)
        let cancelled = Date()
        run.cancel()
        let report = try await run.value
        // Far below the trainers' 1200 s sleep: they were stopped, not waited for (generous for a
        // cooperative pool held by synchronous tests; counted from the cancel).
        #expect(Date().timeIntervalSince(cancelled) < 600)
        #expect(report.wasCancelled)
        #expect(report.count(.cancelled) == graph.nodes.count - 1)
        for pid in children { #expect(kill(pid, 0) != 0) }
        #expect(Planner(store: store).plan(graph).count(.cached) == 1)
    }

    @Test func killedTrainerThenRerunMatchesAnUninterruptedRunByteForByte() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let pids = folder.path + "/pids"
        try FileManager.default.createDirectory(atPath: pids, withIntermediateDirectories: true)
        let graph = swarmGraph(SwarmParameters(count: 3))
        var slow = FixtureTrainExecutor(workingDirectory: folder.path)
        // Killed by the test: long enough that a pool held by synchronous tests cannot let them finish first.
        slow.environment = ["FAKE_TRAINER_SLEEP": "1200", "FAKE_TRAINER_PIDS": pids]
        let run = Task { try await runOnce(graph, store: store, executor: slow, options: RunOptions(jobs: 3)) }
        let children = try await waitForFiles(in: pids, count: 3)
        kill(children[0], SIGKILL)
        kill(children[1], SIGKILL)
        kill(children[2], SIGKILL)
        let interrupted = try await run.value
        #expect(interrupted.failed == 3)
        #expect(interrupted.results.filter { $0.outcome == .failed }.allSatisfy { $0.message == "train command was killed by signal 9" })
        // No record is corrupt: every record decodes and names an existing, valid blob.
        for path in listFiles(store.root + "/actions") {
            let record = try ActionRecord.decode(try Data(contentsOf: URL(fileURLWithPath: store.root + "/actions/" + path))).get()
            #expect(store.readBlob(record.outputDigest) != nil)
        }
        let resumed = try await runOnce(graph, store: store, executor: FixtureTrainExecutor(workingDirectory: folder.path))
        #expect(resumed.succeeded)
        #expect(resumed.cached == 1)

        let clean = TemporaryFolder(); defer { clean.cleanup() }
        let reference = try await runOnce(graph, store: makeStore(clean), executor: FixtureTrainExecutor(workingDirectory: folder.path))
        #expect(resumed.results.map(\.outputDigest) == reference.results.map(\.outputDigest))
        let final = try #require(resumed[TaskID("report")]?.outputDigest)
        #expect(store.readBlob(final) == makeStore(clean).readBlob(final))
    }
}

/// Waits until `folder` holds `count` pid files and returns the pids.
func waitForFiles(in folder: String, count: Int) async throws -> [pid_t] {
    // A deadline, not a count of sleeps: on a loaded CI machine (the Slurm suites' jobs share its
    // cores) python can take many seconds to start.
    // 600 s: on a 2-core machine the synchronous tests of the other suites (CLI processes waited
    // for, long fits) can hold both cooperative threads for minutes before this task runs at all.
    let deadline = Date().addingTimeInterval(600)
    while Date() < deadline {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        if names.count >= count { return names.compactMap { pid_t($0) } }
        try await Task.sleep(nanoseconds: 25_000_000)
    }
    throw EngineError.io("children did not start")
}

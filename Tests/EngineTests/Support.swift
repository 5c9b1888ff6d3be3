// Test support: temporary stores, hand-built graphs, and executors with known outputs.
import Compiler
import ContentStore
import Engine
import Foundation
import SpecModel

/// A fresh temporary folder, removed by `cleanup()`.
struct TemporaryFolder {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "mixspec-engine-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Collects warnings a store emits.
final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return items }
    func add(_ message: String) { lock.lock(); items.append(message); lock.unlock() }
}

func makeStore(_ folder: TemporaryFolder, warnings: WarningLog = WarningLog()) -> Store {
    Store(root: folder.path + "/store", warn: { warnings.add($0) })
}

/// Parameters of the hand-built swarm graph.
struct SwarmParameters {
    var count = 4
    var samplerSeed: Int64 = 42
    var trainTokens: Int64 = 1000
    var topK: Int64 = 128
    var fitIterations: Int64 = 100
    var dataFile: String?
}

/// sample → train/small/000i/s0 ×count → collect → fit → search → report.
func swarmGraph(_ p: SwarmParameters) -> TaskGraph {
    var nodes: [TaskNode] = []
    nodes.append(TaskNode(id: TaskID("sample"), kind: .sample, version: 1,
                          parameters: .object(["seed": .int(p.samplerSeed)]), inputs: [],
                          fileInputs: p.dataFile.map { [$0] } ?? []))
    var trains: [TaskID] = []
    for i in 0..<p.count {
        let id = TaskID(String(format: "train/small/%04d/s0", i))
        trains.append(id)
        nodes.append(TaskNode(id: id, kind: .train, version: 1,
                              parameters: .object(["index": .int(Int64(i)), "tokens": .int(p.trainTokens)]),
                              inputs: [TaskID("sample")]))
    }
    nodes.append(TaskNode(id: TaskID("collect"), kind: .collect, version: 1, parameters: .object([:]), inputs: trains))
    nodes.append(TaskNode(id: TaskID("fit/gbdt"), kind: .fit, version: 1,
                          parameters: .object(["gbdt": .object(["iterations": .int(p.fitIterations)])]),
                          inputs: [TaskID("collect")]))
    nodes.append(TaskNode(id: TaskID("search"), kind: .search, version: 1,
                          parameters: .object(["search": .object(["top_k": .int(p.topK)])]),
                          inputs: [TaskID("fit/gbdt")]))
    nodes.append(TaskNode(id: TaskID("report"), kind: .report, version: 1, parameters: .object([:]),
                          inputs: [TaskID("search")]))
    return TaskGraph(nodes: nodes)
}

/// An executor whose output is a pure function of the task's parameters and inputs, recording
/// what it ran. `failing` tasks throw; `constantOutput` tasks ignore parameters (for early cutoff).
final class RecordingExecutor: TaskExecutor, @unchecked Sendable {
    private let lock = NSLock()
    private var ran: [TaskID] = []
    private var active = 0
    private(set) var maxActive = 0
    var failing: Set<TaskID> = []
    var constantOutput: Set<TaskID> = []
    var delay: Double = 0
    /// When set, only tasks of this kind are delayed.
    var delayOnly: TaskKind?

    var executed: [TaskID] { lock.lock(); defer { lock.unlock() }; return ran }
    var executedSet: Set<TaskID> { Set(executed) }

    func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data {
        lock.withLock {
            ran.append(task.id)
            active += 1
            maxActive = max(maxActive, active)
        }
        defer { lock.withLock { active -= 1 } }
        context.log.write("executing \(task.id)")
        if delay > 0, delayOnly == nil || delayOnly == task.kind { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
        if failing.contains(task.id) {
            context.log.write("something went wrong in \(task.id)")
            throw EngineError.taskFailed("deliberate failure")
        }
        if constantOutput.contains(task.id) { return Data("constant \(task.id)".utf8) }
        var text = "\(task.id) \(task.parameters.canonicalJSON)"
        for input in task.inputs.sorted() { text += " <\(input)=\(inputs[input].map { $0.count } ?? -1)>" }
        return Data(text.utf8)
    }
}

extension RunReport {
    func ids(_ outcome: TaskOutcome) -> Set<TaskID> { Set(results.filter { $0.outcome == outcome }.map(\.id)) }
}

/// Runs `graph` once with the write lock held.
func runOnce(_ graph: TaskGraph, store: Store, executor: any TaskExecutor,
             options: RunOptions = RunOptions(jobs: 2)) async throws -> RunReport {
    let lock = try await StoreLock.acquire(store, onWait: { _ in })
    defer { lock.release() }
    return await Scheduler(store: store, lock: lock).run(graph, executor: executor, options: options)
}

/// Path of a test fixture.
func fixturePath(_ name: String, file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// All files under `root`, relative paths, sorted.
func listFiles(_ root: String) -> [String] {
    (FileManager.default.subpaths(atPath: root) ?? []).filter {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
    }.sorted()
}

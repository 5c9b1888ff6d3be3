// Test support for the engine's test targets: temporary stores, hand-built graphs, executors with
// known outputs, and the fixture scripts (Fixtures/).
import Compiler
import ContentStore
import Engine
import Foundation
import SpecModel
import TestSupport

/// A store in `folder` whose warnings go to `warnings`.
public func makeStore(_ folder: TemporaryFolder, warnings: MessageLog = MessageLog()) -> Store {
    Store(root: folder.path + "/store", warn: { warnings.add($0) })
}

/// Parameters of the hand-built swarm graph.
public struct SwarmParameters {
    /// Number of train tasks.
    public var count = 4
    /// The sample task's seed.
    public var samplerSeed: Int64 = 42
    /// Tokens of every train task.
    public var trainTokens: Int64 = 1000
    /// The search task's `top_k`.
    public var topK: Int64 = 128
    /// The fit task's iterations.
    public var fitIterations: Int64 = 100
    /// An input file of the sample task, if any.
    public var dataFile: String?

    /// The default graph, with `count` train tasks.
    public init(count: Int = 4) { self.count = count }
}

/// sample → train/small/000i/s0 ×count → collect → fit → search → report.
public func swarmGraph(_ p: SwarmParameters) -> TaskGraph {
    var nodes: [TaskNode] = []
    nodes.append(TaskNode(id: TaskID("sample"), kind: .sample, version: 1,
                          parameters: .object(["seed": .int(p.samplerSeed)]), inputs: [],
                          fileInputs: p.dataFile.map { [InputFile(name: $0, path: $0)] } ?? []))
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
    // The nodes are built in topological order with unique ids.
    return try! TaskGraph(nodes: nodes)
}

/// An executor whose output is a pure function of the task's parameters and inputs, recording
/// what it ran. `failing` tasks throw; `constantOutput` tasks ignore parameters (for early cutoff).
public final class RecordingExecutor: TaskExecutor, @unchecked Sendable {
    private let lock = NSLock()
    private var ran: [TaskID] = []
    private var active = 0
    /// The most tasks that ran at once.
    public private(set) var maxActive = 0
    /// Tasks that throw.
    public var failing: Set<TaskID> = []
    /// Tasks whose output ignores their parameters.
    public var constantOutput: Set<TaskID> = []
    /// Seconds each (delayed) task sleeps.
    public var delay: Double = 0
    /// When set, only tasks of this kind are delayed.
    public var delayOnly: TaskKind?

    /// An executor that records every task it runs.
    public init() {}

    /// The tasks run so far, in order.
    public var executed: [TaskID] { lock.lock(); defer { lock.unlock() }; return ran }
    /// The tasks run so far.
    public var executedSet: Set<TaskID> { Set(executed) }

    /// Records `task` and returns its deterministic output (or throws for `failing` tasks).
    public func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data {
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
    /// The ids of the tasks with `outcome`.
    public func ids(_ outcome: TaskOutcome) -> Set<TaskID> { Set(results.filter { $0.outcome == outcome }.map(\.id)) }
}

/// Runs `graph` once with the write lock held, recording into the last-run index `index`.
public func runOnce(_ graph: TaskGraph, store: Store, index: String = TaskIndex.defaultName, executor: any TaskExecutor,
                    options: RunOptions = RunOptions(jobs: 2)) async throws -> RunReport {
    let lock = try await StoreLock.acquire(store, onWait: { _ in })
    defer { lock.release() }
    return await Scheduler(store: store, lock: lock, index: index).run(graph, executor: executor, options: options)
}

/// Path of a fixture script in Tests/EngineTestSupport/Fixtures.
public func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

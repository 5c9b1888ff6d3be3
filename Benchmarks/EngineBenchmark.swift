// `mixspec-bench engine`: the engine's overhead on a large swarm. For a graph with N train tasks
// (default 10,000) it measures the planner, a no-op run on a fully cached store, and `ninja -n`
// on an equivalent generated build.ninja, and prints times and ratios. The graph comes from a
// `BenchmarkGraphSource`, so a compiled spec can replace the generated graph.
import Compiler
import Engine
import Foundation
import SpecModel

/// Produces the graph the engine benchmark runs.
protocol BenchmarkGraphSource {
    var name: String { get }
    func graph(trainTasks: Int) throws -> TaskGraph
}

/// sample → train ×N → collect → fit → cross-validate, search → report, shaped like a compiled spec.
struct GeneratedSwarmGraph: BenchmarkGraphSource {
    var name: String { "generated swarm graph" }
    func graph(trainTasks: Int) throws -> TaskGraph {
        var nodes = [TaskNode(id: TaskID("sample"), kind: .sample, version: 1,
                              parameters: .object(["sampler": .object(["seed": .int(42), "temperature": .double(0.5)])]),
                              inputs: [])]
        var trains: [TaskID] = []
        for i in 0..<trainTasks {
            let id = TaskID(String(format: "train/small/%05d/s0", i))
            trains.append(id)
            nodes.append(TaskNode(id: id, kind: .train, version: 1,
                                  parameters: .object(["index": .int(Int64(i)), "seed": .int(0),
                                                       "model": .object(["name": .string("small"), "size": .int(32_000), "tokens": .int(1_000_000)])]),
                                  inputs: [TaskID("sample")]))
        }
        nodes.append(TaskNode(id: TaskID("collect"), kind: .collect, version: 1, parameters: .object([:]), inputs: trains))
        nodes.append(TaskNode(id: TaskID("fit/gbdt"), kind: .fit, version: 1, parameters: .object(["iterations": .int(1000)]),
                              inputs: [TaskID("collect")]))
        nodes.append(TaskNode(id: TaskID("cross-validate/gbdt"), kind: .crossValidate, version: 1,
                              parameters: .object(["folds": .int(5)]), inputs: [TaskID("collect")]))
        nodes.append(TaskNode(id: TaskID("search"), kind: .search, version: 1, parameters: .object(["top_k": .int(128)]),
                              inputs: [TaskID("fit/gbdt")]))
        nodes.append(TaskNode(id: TaskID("report"), kind: .report, version: 1, parameters: .object([:]),
                              inputs: [TaskID("search"), TaskID("cross-validate/gbdt")]))
        return TaskGraph(nodes: nodes)
    }
}

/// Outputs a few hundred bytes per task, like a train task's metrics JSON.
private struct SyntheticExecutor: TaskExecutor {
    func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data {
        let value = Double(task.id.rawValue.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xffff }) / 65536
        var metrics: [String: CanonicalValue] = [:]
        for domain in ["web", "code", "wiki", "books", "news"] { metrics["loss." + domain] = .double(2 + value) }
        return Data(CanonicalValue.object(["metrics": .object(metrics), "inputs": .int(Int64(inputs.count))]).canonicalJSON.utf8)
    }
}

func runEngineBenchmark(arguments: [String]) async throws {
    var trainTasks = 10_000
    var repeats = 5
    var keep = false
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--tasks" where index + 1 < arguments.count: trainTasks = Int(arguments[index + 1]) ?? trainTasks; index += 1
        case "--repeat" where index + 1 < arguments.count: repeats = max(1, Int(arguments[index + 1]) ?? repeats); index += 1
        case "--keep": keep = true
        default: throw EngineError.io("engine benchmark: unknown argument \(arguments[index])")
        }
        index += 1
    }
    let source: any BenchmarkGraphSource = GeneratedSwarmGraph()
    let graph = try source.graph(trainTasks: trainTasks)
    let work = NSTemporaryDirectory() + "mixspec-bench-engine-\(getpid())"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(atPath: work) } }
    print("engine benchmark: \(source.name), \(graph.nodes.count) tasks (\(trainTasks) train), work folder \(work)")

    // Populate the store once (durable writes, as a real run does).
    let store = Store(root: work + "/store")
    let populate = try await timed {
        let lock = try await StoreLock.acquire(store)
        defer { lock.release() }
        let report = await Scheduler(store: store, lock: lock).run(graph, executor: SyntheticExecutor(),
                                                                   options: RunOptions(jobs: 2))
        guard report.executed == graph.nodes.count else { throw EngineError.io("populate run executed \(report.executed)") }
    }
    print(String(format: "  first run (executes all, fsync on):   %8.3f s  (%.2f ms/task)", populate, populate * 1000 / Double(graph.nodes.count)))

    var planTimes: [Double] = []
    for _ in 0..<repeats {
        planTimes.append(try await timed {
            let plan = Planner(store: Store(root: store.root)).plan(graph)
            guard plan.count(.cached) == graph.nodes.count else { throw EngineError.io("plan found \(plan.count(.cached)) cached") }
        })
    }
    var noopTimes: [Double] = []
    for _ in 0..<repeats {
        noopTimes.append(try await timed {
            let fresh = Store(root: store.root)
            let lock = try await StoreLock.acquire(fresh)
            defer { lock.release() }
            let report = await Scheduler(store: fresh, lock: lock).run(graph, executor: SyntheticExecutor())
            guard report.executed == 0, report.cached == graph.nodes.count else { throw EngineError.io("no-op run executed \(report.executed)") }
        })
    }
    let plan = median(planTimes), noop = median(noopTimes)
    print(String(format: "  plan (all cached), median of %d:       %8.3f s  (aim ≤ 0.5 s: %@)", repeats, plan, plan <= 0.5 ? "met" : "NOT met"))
    print(String(format: "  no-op run (all cached), median of %d:  %8.3f s  (aim ≤ 1 s: %@)", repeats, noop, noop <= 1 ? "met" : "NOT met"))

    guard let ninja = findExecutable("ninja") else {
        print("  ninja -n: skipped (ninja not found; apt-get install ninja-build)")
        return
    }
    let ninjaFolder = work + "/ninja"
    try writeNinjaFile(graph, to: ninjaFolder)
    let build = try timedProcess(ninja, ["-C", ninjaFolder, "-j", "2"])
    print(String(format: "  ninja full build (touch per task):     %8.3f s", build))
    var ninjaTimes: [Double] = []
    for _ in 0..<repeats { ninjaTimes.append(try timedProcess(ninja, ["-C", ninjaFolder, "-n"])) }
    let ninjaNoop = median(ninjaTimes)
    print(String(format: "  ninja -n (no-op), median of %d:        %8.3f s", repeats, ninjaNoop))
    print(String(format: "  ratio plan / ninja -n:                 %8.2f×", plan / ninjaNoop))
    print(String(format: "  ratio no-op run / ninja -n:            %8.2f×", noop / ninjaNoop))
}

/// One ninja edge per task; each output file stands for the task's blob.
private func writeNinjaFile(_ graph: TaskGraph, to folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
    func file(_ id: TaskID) -> String { "out/" + id.rawValue.replacingOccurrences(of: "/", with: "_") }
    var text = "rule task\n  command = touch $out\n\n"
    for node in graph.nodes {
        text += "build \(file(node.id)): task"
        if !node.inputs.isEmpty { text += " " + node.inputs.map(file).joined(separator: " ") }
        text += "\n"
    }
    try text.write(toFile: folder + "/build.ninja", atomically: true, encoding: .utf8)
}

private func timed(_ body: () async throws -> Void) async throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

private func timedProcess(_ executable: String, _ arguments: [String]) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw EngineError.io("\(executable) \(arguments) failed") }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

private func findExecutable(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

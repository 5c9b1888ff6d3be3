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
    var storePath: String?
    var skipNinja = false
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--tasks" where index + 1 < arguments.count: trainTasks = Int(arguments[index + 1]) ?? trainTasks; index += 1
        case "--repeat" where index + 1 < arguments.count: repeats = max(1, Int(arguments[index + 1]) ?? repeats); index += 1
        case "--keep": keep = true
        case "--store" where index + 1 < arguments.count: storePath = arguments[index + 1]; index += 1
        case "--no-ninja": skipNinja = true
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

    // Populate the store once (durable writes, as a real run does); `--store` reuses a populated one.
    let store = Store(root: storePath ?? work + "/store")
    let alreadyCached = storePath != nil && Planner(store: store).plan(graph).count(.cached) == graph.nodes.count
    let populate = alreadyCached ? Timing(wall: 0, cpu: 0) : try await timed {
        let lock = try await StoreLock.acquire(store)
        defer { lock.release() }
        let report = await Scheduler(store: store, lock: lock).run(graph, executor: SyntheticExecutor(),
                                                                   options: RunOptions(jobs: 2))
        guard report.executed == graph.nodes.count else { throw EngineError.io("populate run executed \(report.executed)") }
    }
    func line(_ label: String, _ t: Timing, _ extra: String = "") {
        print(label.padding(toLength: 40, withPad: " ", startingAt: 0)
              + String(format: "%8.3f s wall  %8.3f s cpu", t.wall, t.cpu) + extra)
    }
    if !alreadyCached {
        line("  first run (executes all, fsync on)", populate,
             String(format: "  (%.2f ms/task wall)", populate.wall * 1000 / Double(graph.nodes.count)))
    }

    var planTimes: [Timing] = []
    for _ in 0..<repeats {
        planTimes.append(try await timed {
            let plan = Planner(store: Store(root: store.root)).plan(graph)
            guard plan.count(.cached) == graph.nodes.count else { throw EngineError.io("plan found \(plan.count(.cached)) cached") }
        })
    }
    var noopTimes: [Timing] = []
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
    line("  plan (all cached), median of \(repeats)", plan, "  (aim ≤ 0.5 s: \(plan.wall <= 0.5 ? "met" : "NOT met"))")
    line("  no-op run (all cached), median of \(repeats)", noop, "  (aim ≤ 1 s: \(noop.wall <= 1 ? "met" : "NOT met"))")

    if skipNinja { return }
    guard let ninja = findExecutable("ninja") else {
        print("  ninja -n: skipped (ninja not found; apt-get install ninja-build)")
        return
    }
    let ninjaFolder = work + "/ninja"
    try writeNinjaFile(graph, to: ninjaFolder)
    line("  ninja full build (touch per task)", try timedProcess(ninja, ["-C", ninjaFolder, "-j", "2"]))
    var ninjaTimes: [Timing] = []
    for _ in 0..<repeats { ninjaTimes.append(try timedProcess(ninja, ["-C", ninjaFolder, "-n"])) }
    let ninjaNoop = median(ninjaTimes)
    line("  ninja -n (no-op), median of \(repeats)", ninjaNoop)
    print(String(format: "  ratio plan / ninja -n:        %6.2f× wall  %6.2f× cpu", plan.wall / ninjaNoop.wall, plan.cpu / max(ninjaNoop.cpu, 1e-6)))
    print(String(format: "  ratio no-op run / ninja -n:   %6.2f× wall  %6.2f× cpu", noop.wall / ninjaNoop.wall, noop.cpu / max(ninjaNoop.cpu, 1e-6)))
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

/// Wall-clock and CPU (user + system) seconds of one measurement. The machine may be shared, so
/// CPU time is printed beside wall time: it is what the work itself costs.
struct Timing {
    var wall: Double
    var cpu: Double
}

private func cpuSeconds(_ who: __rusage_who) -> Double {
    var usage = rusage()
    getrusage(who.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

private func timed(_ body: () async throws -> Void) async throws -> Timing {
    let cpuStart = cpuSeconds(RUSAGE_SELF)
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Timing(wall: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu: cpuSeconds(RUSAGE_SELF) - cpuStart)
}

private func timedProcess(_ executable: String, _ arguments: [String]) throws -> Timing {
    let cpuStart = cpuSeconds(RUSAGE_CHILDREN)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw EngineError.io("\(executable) \(arguments) failed") }
    return Timing(wall: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu: cpuSeconds(RUSAGE_CHILDREN) - cpuStart)
}

private func findExecutable(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// Medians of wall and CPU time, each taken separately.
private func median(_ values: [Timing]) -> Timing {
    let walls = values.map(\.wall).sorted(), cpus = values.map(\.cpu).sorted()
    return Timing(wall: walls[walls.count / 2], cpu: cpus[cpus.count / 2])
}

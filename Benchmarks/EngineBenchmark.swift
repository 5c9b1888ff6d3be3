// `mixspec-bench engine`: the engine's overhead on a large swarm, through a real spec. It writes a
// spec with N proxies (default 10,000 train tasks) whose trainer is a command, fills its store once
// in process (the command replaced by the same formula computed in process, so the records are
// keyed exactly as the command's would be), then times the real `mixspec plan` and a no-op
// `mixspec run` as processes, the same in process, and `ninja -n` on an equivalent build.ninja.
import Compiler
import ContentStore
import Engine
import Foundation
import Pipeline
import SpecModel

/// A spec with `count` proxies over five data-less domains, trained by the fixture command.
private func benchmarkSpec(count: Int, trainer: String) -> String {
    """
    mixspec: 1
    name: bench
    description: Engine benchmark swarm.
    domains:
      web: {tokens: 40M}
      code: {tokens: 10M}
      wiki: {tokens: 20M}
      books: {tokens: 30M}
      news: {tokens: 15M}
    proxies:
      count: \(count)
      models:
        - {name: small, size: 100k, tokens: 1M}
      trainer:
        command: [python3, "\(trainer)", "{mixture}", "{out}", "{run}", "{seed}", "{model.size}", "{tokens}"]
    regression: {model: linear, folds: 5}
    objective:
      minimize: mean(loss.web, loss.code, loss.wiki, loss.books, loss.news)
    search: {candidates: 10k, top_k: 128}

    """
}

/// The fixture trainer's formula (Tests/EngineTestSupport/Fixtures/fake_trainer.py), in process.
private let fixtureFormula: MixspecExecutor.CommandStandIn = { weights, model, seed in
    var metrics: [String: Double] = [:]
    let base = 0.001 * Double(seed) + pow(1e5 / Double(model.size), 0.1)
    for (domain, w) in weights { metrics["loss." + domain] = 1.5 + exp(-4 * w) + base }
    return metrics
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
    let binFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
    let mixspec = binFolder + "/mixspec"
    guard FileManager.default.isExecutableFile(atPath: mixspec) else {
        throw EngineError.io("engine benchmark: \(mixspec) not found; build it first (swift build -c release)")
    }
    let work = NSTemporaryDirectory() + "mixspec-bench-engine-\(getpid())"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(atPath: work) } }
    let specPath = work + "/bench.yaml"
    try benchmarkSpec(count: trainTasks, trainer: work + "/fake_trainer.py").write(toFile: specPath, atomically: true, encoding: .utf8)

    let loaded = SpecLoader.load(path: specPath)
    guard let spec = loaded.spec else { throw EngineError.io("engine benchmark: the generated spec is invalid") }
    let session = try SpecSession(spec: spec)
    let graph = session.compiled.graph
    print("engine benchmark: spec with \(trainTasks) proxies, \(graph.nodes.count) tasks, work folder \(work)")

    // Fill the store once, without fsync (a throwaway store), with the command computed in process.
    let fill = Store(root: session.store.root, durable: false)
    let populate = try await timed {
        let lock = try await StoreLock.acquire(fill)
        defer { lock.release() }
        let report = await Scheduler(store: fill, lock: lock).run(
            graph, executor: MixspecExecutor(workingDirectory: spec.baseDirectory, commandStandIn: fixtureFormula),
            options: RunOptions(jobs: 2))
        guard report.executed == graph.nodes.count else {
            throw EngineError.io("populate run executed \(report.executed): \(report.failureDescriptions.joined(separator: "; "))")
        }
    }
    print(String(format: "  fill the store (in process, no fsync): %8.3f s", populate))

    var planTimes: [Double] = [], runTimes: [Double] = []
    var loadTimes: [Double] = [], openTimes: [Double] = [], inProcessPlan: [Double] = []
    for _ in 0..<repeats {
        planTimes.append(try timedProcess(mixspec, ["plan", specPath, "--json"], directory: work))
        runTimes.append(try timedProcess(mixspec, ["run", specPath, "--json"], directory: work, expect: "\"executed\": 0"))
        // The same in process, phase by phase: parse + validate, open (facts + compile), plan.
        var reloaded: Spec?
        loadTimes.append(try await timed { reloaded = SpecLoader.load(path: specPath).spec })
        guard let reloaded else { throw EngineError.io("the generated spec no longer loads") }
        var opened: SpecSession?
        openTimes.append(try await timed { opened = try SpecSession(spec: reloaded) })
        guard let opened else { throw EngineError.io("the generated spec no longer opens") }
        inProcessPlan.append(try await timed {
            let plan = opened.plan()
            guard plan.count(.cached) == graph.nodes.count else { throw EngineError.io("plan found \(plan.count(.cached)) cached") }
        })
    }
    let plan = median(planTimes), noop = median(runTimes)
    print(String(format: "  in process, median of %d: load + validate %.3f s, open + compile %.3f s, plan %.3f s",
                 repeats, median(loadTimes), median(openTimes), median(inProcessPlan)))
    print(String(format: "  mixspec plan --json (process), median of %d:    %8.3f s  (aim ≤ 0.5 s: %@)", repeats, plan, plan <= 0.5 ? "met" : "NOT met"))
    print(String(format: "  mixspec run --json no-op (process), median of %d: %6.3f s  (aim ≤ 1 s: %@)", repeats, noop, noop <= 1 ? "met" : "NOT met"))

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
    print(String(format: "  ratio mixspec plan / ninja -n:         %8.2f×", plan / ninjaNoop))
    print(String(format: "  ratio mixspec no-op run / ninja -n:    %8.2f×", noop / ninjaNoop))
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

private func timedProcess(_ executable: String, _ arguments: [String], directory: String? = nil,
                          expect: String? = nil) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-bench-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    process.waitUntilExit()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard process.terminationStatus == 0 else { throw EngineError.io("\(executable) \(arguments) failed") }
    if let expect {
        let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
        guard text.contains(expect) else { throw EngineError.io("\(executable) \(arguments): output lacks \(expect):\n\(text.prefix(2000))") }
    }
    return elapsed
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

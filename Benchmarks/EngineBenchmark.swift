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
    var reuse: String?
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--proxies" where index + 1 < arguments.count, "--tasks" where index + 1 < arguments.count:
            trainTasks = Int(arguments[index + 1]) ?? trainTasks; index += 1
        case "--repeat" where index + 1 < arguments.count: repeats = max(1, Int(arguments[index + 1]) ?? repeats); index += 1
        case "--work" where index + 1 < arguments.count: reuse = arguments[index + 1]; keep = true; index += 1
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
    let work = reuse ?? NSTemporaryDirectory() + "mixspec-bench-engine-\(getpid())"
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
    // With --work, a folder filled by an earlier run for the same size is reused.
    let filled = work + "/.filled-\(trainTasks)"
    if FileManager.default.fileExists(atPath: filled) {
        print("  fill the store: reusing the store filled by an earlier run")
    } else {
        let fill = Store(root: session.store.root, durable: false)
        let populate = try await timed {
            let lock = try await StoreLock.acquire(fill)
            defer { lock.release() }
            let report = await Scheduler(store: fill, lock: lock, index: spec.name).run(
                graph, executor: MixspecExecutor(workingDirectory: spec.baseDirectory, commandStandIn: fixtureFormula),
                options: RunOptions(jobs: 2))
            guard report.executed + report.cached == graph.nodes.count else {
                throw EngineError.io("populate run executed \(report.executed): \(report.failureDescriptions.joined(separator: "; "))")
            }
        }
        _ = FileManager.default.createFile(atPath: filled, contents: nil)
        print(String(format: "  fill the store (in process, no fsync): %8.3f s", populate))
    }
    // The equivalent build.ninja, built once (one `touch` per task) so that `ninja -n` has its log.
    let ninja = findExecutable("ninja")
    let ninjaFolder = work + "/ninja"
    if let ninja {
        if FileManager.default.fileExists(atPath: ninjaFolder + "/.ninja_log"), FileManager.default.fileExists(atPath: filled) {
            print("  ninja full build: reusing the build of an earlier run")
        } else {
            try writeNinjaFile(graph, to: ninjaFolder)
            let build = try timedProcess(ninja, ["-C", ninjaFolder, "-j", "2"])
            print(String(format: "  ninja full build (touch per task):     %8.3f s", build))
        }
    } else {
        print("  ninja -n: skipped (ninja not found; apt-get install ninja-build)")
    }
    // Outputs just written are re-hashed until they are two seconds old (racy timestamps); then
    // one plan and one run memoise them, as the first plan and run after any change do.
    try await Task.sleep(nanoseconds: 2_100_000_000)
    _ = try timedProcess(mixspec, ["plan", specPath], directory: work)
    _ = try timedProcess(mixspec, ["run", specPath, "--json"], directory: work)

    // Interleaved, so that mixspec and ninja see the same load on a shared machine.
    var planTimes: [Double] = [], runTimes: [Double] = [], ninjaTimes: [Double] = []
    var loadTimes: [Double] = [], openTimes: [Double] = [], inProcessPlan: [Double] = [], renderTimes: [Double] = []
    for _ in 0..<repeats {
        if let ninja { ninjaTimes.append(try timedProcess(ninja, ["-C", ninjaFolder, "-n"], expect: "no work to do")) }
        planTimes.append(try timedProcess(mixspec, ["plan", specPath, "--json"], directory: work))
        runTimes.append(try timedProcess(mixspec, ["run", specPath, "--json"], directory: work, expect: "\"executed\": 0"))
        // The same in process, phase by phase: parse + validate, open (facts + compile), plan, JSON.
        var reloaded: Spec?
        loadTimes.append(try await timed { reloaded = SpecLoader.load(path: specPath).spec })
        guard let reloaded else { throw EngineError.io("the generated spec no longer loads") }
        var opened: SpecSession?
        openTimes.append(try await timed { opened = try SpecSession(spec: reloaded) })
        guard let opened else { throw EngineError.io("the generated spec no longer opens") }
        var plan: Plan?
        inProcessPlan.append(try await timed {
            plan = opened.plan()
            guard plan?.count(.cached) == graph.nodes.count else { throw EngineError.io("plan found \(plan?.count(.cached) ?? 0) cached") }
        })
        renderTimes.append(try await timed { _ = plan?.prettyJSON })
    }
    let plan = median(planTimes), noop = median(runTimes)
    print(String(format: "  in process, median of %d: load + validate %.3f s, open + compile %.3f s, plan %.3f s, plan JSON %.3f s",
                 repeats, median(loadTimes), median(openTimes), median(inProcessPlan), median(renderTimes)))
    print(String(format: "  mixspec plan --json (process), median of %d:    %8.3f s", repeats, plan))
    print(String(format: "  mixspec run --json no-op (process), median of %d: %6.3f s", repeats, noop))
    guard !ninjaTimes.isEmpty else { return }
    let ninjaNoop = median(ninjaTimes)
    // Aims (issue 10): plan ≤ 2× ninja -n at 10,000 proxies and ≤ 3× at 100,000; no-op run ≤ 3×.
    let planAim = trainTasks > 10_000 ? 3.0 : 2.0
    print(String(format: "  ninja -n (no-op), median of %d:        %8.3f s", repeats, ninjaNoop))
    print(String(format: "  ratio mixspec plan / ninja -n:         %8.2f×  (aim ≤ %.0f×: %@)", plan / ninjaNoop, planAim,
                 plan / ninjaNoop <= planAim ? "met" : "NOT met"))
    print(String(format: "  ratio mixspec no-op run / ninja -n:    %8.2f×  (aim ≤ 3×: %@)", noop / ninjaNoop,
                 noop / ninjaNoop <= 3 ? "met" : "NOT met"))
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

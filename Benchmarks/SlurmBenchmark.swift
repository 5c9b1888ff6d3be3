// `mixspec-bench slurm`: the Slurm launcher's costs on the cluster this machine submits to.
//  1. Submission: a 512-proxy spec run with --detach (held jobs, cancelled afterwards): wall time
//     from the run's start until all 512 tasks are journalled, and the time inside sbatch; anchor:
//     a bare `sbatch --array=0-511 --hold` of a one-line script in the same run.
//  2. Polling load: squeue calls per minute while a swarm whose trainings last `--sleep` seconds
//     runs with the default polling (first check after 3 s, back-off ×1.5 to 30 s).
//  3. End-to-end overhead per task: one training through Slurm beside the same training with the
//     local launcher (`--repeat` distinct tasks each), and a whole 64-proxy swarm both ways.
// Uses the fixture trainer (Tests/EngineTestSupport/Fixtures/fake_trainer.py) and python3.
import Compiler
import ContentStore
import Engine
import Foundation
import Launchers
import Pipeline
import SpecModel

func runSlurmBenchmark(arguments: [String]) async throws {
    var elements = 512, sleep = 8.0, repeats = 3, swarm = 64
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--elements": index += 1; elements = max(2, Int(arguments[safe: index] ?? "") ?? elements)
        case "--sleep": index += 1; sleep = max(0, Double(arguments[safe: index] ?? "") ?? sleep)
        case "--repeat": index += 1; repeats = max(1, Int(arguments[safe: index] ?? "") ?? repeats)
        case "--swarm": index += 1; swarm = max(16, Int(arguments[safe: index] ?? "") ?? swarm)
        default: throw BenchmarkUsage("unknown option \(arguments[index]) (slurm [--elements N] [--sleep S] [--repeat R] [--swarm N])")
        }
        index += 1
    }
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
    let trainer = repo + "/Tests/EngineTestSupport/Fixtures/fake_trainer.py"
    let folder = FileManager.default.currentDirectoryPath + "/.mixspec-slurm-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }

    func spec(_ name: String, count: Int, slurm: String?) -> String {
        """
        mixspec: 1
        name: \(name)
        domains:
          web: {tokens: 4M}
          code: {tokens: 1M}
          wiki: {tokens: 2M}
        proxies:
          count: \(count)
          models: [{name: tiny, size: 100k, tokens: 1M}]
          trainer:
            command: [python3, "\(trainer)", "{mixture}", "{out}", "{run}", "{seed}", "{model.size}", "{tokens}"]
        \(slurm.map { "    slurm: \($0)" } ?? "")
        regression: {model: linear, folds: 4}
        objective:
          minimize: mean(loss.web, loss.code, loss.wiki)
        search: {candidates: 2000, top_k: 8, seed: 7}

        """
    }
    func open(_ name: String, count: Int, slurm: String?) throws -> SpecSession {
        let path = "\(folder)/\(name).yaml"
        try Data(spec(name, count: count, slurm: slurm).utf8).write(to: URL(fileURLWithPath: path))
        let result = SpecLoader.load(path: path)
        guard let loaded = result.spec else {
            throw BenchmarkUsage("benchmark spec \(name) is invalid: \(result.diagnostics.map(\.message).joined(separator: "; "))")
        }
        return try SpecSession(spec: loaded, storeOverride: folder + "/store-" + name)
    }
    func slurmLauncher(_ session: SpecSession, detach: Bool) throws -> SlurmLauncher {
        guard case .command(_, let resources?) = session.spec.proxies.trainer else { throw BenchmarkUsage("benchmark spec without slurm") }
        return SlurmLauncher(resources: resources, store: session.store, workingDirectory: session.spec.baseDirectory,
                             options: SlurmLauncherOptions(specName: session.spec.name, detach: detach))
    }
    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    func trainGraph(_ session: SpecSession, _ indices: Range<Int>) -> TaskGraph {
        let ids = session.compiled.graph.nodes.filter { $0.kind == .train }.map(\.id).sorted()
        return session.compiled.graph.upstreamClosure(of: Set(ids[indices]))
    }

    // 1. Submission of `elements` array elements.
    let held = try open("submit", count: elements, slurm: "{extra_args: [--hold]}")
    let launcher = try slurmLauncher(held, detach: true)
    let submitGraph = trainGraph(held, 0..<elements)
    var start = now()
    let detached = try await held.run(submitGraph, options: RunOptions(keepGoing: true), launcher: launcher)
    let submitWall = now() - start
    let stats = await launcher.statistics
    let heldNames = Set(JobJournal(store: held.store).all().map(\.entry.name)).sorted()
    if !heldNames.isEmpty { _ = try? await SlurmCommands(scratch: folder).run("scancel", ["--name=" + heldNames.joined(separator: ",")]) }
    try Data("#!/bin/sh\ntrue\n".utf8).write(to: URL(fileURLWithPath: folder + "/true.sh"))
    start = now()
    let bare = try await SlurmCommands(scratch: folder).run("sbatch", ["--parsable", "--hold", "--job-name=mixspec-bench-bare",
                                                                      "--array=0-\(elements - 1)", "--output=/dev/null", folder + "/true.sh"])
    let bareWall = now() - start
    _ = try? await SlurmCommands(scratch: folder).run("scancel", ["--name=mixspec-bench-bare"])
    print(String(format: "submission of %d array elements: %.3f s wall from run start to all journalled (%d submitted, %d sbatch call%@, %.3f s inside sbatch); bare sbatch --array: %.3f s (%@); ratio %.1f×",
                 elements, submitWall, detached.submitted, stats.sbatchCalls, stats.sbatchCalls == 1 ? "" : "s", stats.sbatchSeconds,
                 bareWall, bare.succeeded ? "ok" : "failed", submitWall / max(bareWall, 1e-9)))

    // 3. One training end to end, Slurm beside local (distinct tasks, so nothing is cached).
    let single = try open("single", count: 16 + repeats, slurm: "{}")
    let local = try open("local", count: 16 + repeats, slurm: nil)
    var slurmTimes: [Double] = [], localTimes: [Double] = []
    for r in 0..<repeats {
        start = now()
        let a = try await single.run(trainGraph(single, r..<(r + 1)), options: RunOptions(), launcher: try slurmLauncher(single, detach: false))
        slurmTimes.append(now() - start)
        start = now()
        let b = try await local.run(trainGraph(local, r..<(r + 1)), options: RunOptions(), launcher: LocalLauncher())
        localTimes.append(now() - start)
        guard a.succeeded, b.succeeded else { throw BenchmarkUsage("a single training failed: \(a.failureDescriptions + b.failureDescriptions)") }
    }
    let slurmMedian = slurmTimes.sorted()[repeats / 2], localMedian = localTimes.sorted()[repeats / 2]
    print(String(format: "one training end to end (median of %d): Slurm %.2f s, local %.2f s: overhead %.2f s per task",
                 repeats, slurmMedian, localMedian, slurmMedian - localMedian))

    // 3b. A whole swarm both ways (the cluster runs as many at once as it has slots; local: --jobs = cores).
    let swarmSlurm = try open("swarm-slurm", count: swarm, slurm: "{}")
    let swarmLocal = try open("swarm-local", count: swarm, slurm: nil)
    start = now()
    let s = try await swarmSlurm.run(trainGraph(swarmSlurm, 0..<swarm), options: RunOptions(), launcher: try slurmLauncher(swarmSlurm, detach: false))
    let swarmSlurmWall = now() - start
    start = now()
    let l = try await swarmLocal.run(trainGraph(swarmLocal, 0..<swarm), options: RunOptions(), launcher: LocalLauncher())
    let swarmLocalWall = now() - start
    print(String(format: "%d-proxy swarm: Slurm %.2f s (%@), local %.2f s with --jobs %d (%@): %.3f s vs %.3f s per task",
                 swarm, swarmSlurmWall, s.succeeded ? "ok" : "FAILED", swarmLocalWall, ProcessInfo.processInfo.activeProcessorCount,
                 l.succeeded ? "ok" : "FAILED", swarmSlurmWall / Double(swarm), swarmLocalWall / Double(swarm)))

    // 2. Polling load over a longer swarm with the default back-off.
    setenv("FAKE_TRAINER_SLEEP", String(sleep), 1)
    defer { unsetenv("FAKE_TRAINER_SLEEP") }
    let long = try open("poll", count: swarm, slurm: "{}")
    let pollLauncher = try slurmLauncher(long, detach: false)
    start = now()
    let p = try await long.run(trainGraph(long, 0..<swarm), options: RunOptions(), launcher: pollLauncher)
    let pollWall = now() - start
    let pollStats = await pollLauncher.statistics
    print(String(format: "polling: %d squeue calls in %.1f s (%@, %d trainings of %.0f s): %.1f calls per minute over the run",
                 pollStats.squeueCalls, pollWall, p.succeeded ? "ok" : "FAILED", swarm, sleep, Double(pollStats.squeueCalls) * 60 / pollWall))
}

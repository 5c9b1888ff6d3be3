import Dispatch
import Foundation
import Methods

/// `mixspec-bench swarm [--python PATH] [--skip-python] [--calibrate] [--pool-attempts N] [--seeds N]`: the
/// RegMix swarm with RegMix's 1M configuration (the Pile's 17 domains and token prior,
/// golden/methods/regmix_pile_prior_1m.csv): repeats and single-domain mixtures per 512-swarm,
/// per-domain two-sample KS p-values against RegMix's own sampler with and without its
/// de-duplication, per seed and pooled over the seeds (Benchmarks/regmix_swarm_side.py, numpy +
/// scipy; `--calibrate` adds RegMix against itself, the agreement of equal samplers), and the cost
/// of computing every mixture of a swarm one index at a time, as the engine's train tasks do.
/// `--pool-attempts 0` measures the sampler without its frequency weighting (repeats redrawn only);
/// `--seeds N` compares N swarms (seeds 42, 43, …; default 5).
func runSwarmBenchmark(arguments: [String]) async throws {
    var python = "python3"
    var skipPython = false, calibrate = false
    var poolAttempts = SwarmSamplerParameters.regMixPoolAttempts
    var seedCount = 5
    var k = 0
    while k < arguments.count {
        switch arguments[k] {
        case "--python": python = k + 1 < arguments.count ? arguments[k + 1] : python; k += 2
        case "--skip-python": skipPython = true; k += 1
        case "--calibrate": calibrate = true; k += 1
        case "--seeds": seedCount = k + 1 < arguments.count ? max(1, Int(arguments[k + 1]) ?? seedCount) : seedCount; k += 2
        case "--pool-attempts": poolAttempts = k + 1 < arguments.count ? Int(arguments[k + 1]) ?? poolAttempts : poolAttempts; k += 2
        default: print("swarm benchmark: unknown argument \(arguments[k])"); return
        }
    }
    let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let priorTable = try RunTable.load(path: repoRoot.appendingPathComponent("golden/methods/regmix_pile_prior_1m.csv").path)
    let prior = priorTable.rows.map { $0[0] }
    let d = prior.count, count = 512
    let seeds = (0..<seedCount).map { UInt64(42 + $0) }
    let pool = poolAttempts
    @Sendable func parameters(seed: UInt64) -> SwarmSamplerParameters {
        SwarmSamplerParameters(prior: prior, seed: seed, poolAttempts: pool)
    }

    // Cost of `mixture(at:)` one index at a time: each call builds its own sampler, as a train
    // task does; seeds not used elsewhere in this process, so nothing is memoised yet.
    print("mixture(at:) one index at a time (a new sampler per call, as the engine's train tasks):")
    for (n, seed) in [(512, UInt64(1_000)), (10_000, UInt64(1_001))] {
        var clock = ContinuousClock.now
        _ = try SwarmSampler(parameters(seed: seed)).mixture(at: 0)
        let first = seconds(since: clock)
        clock = ContinuousClock.now
        for i in 1..<n { _ = try SwarmSampler(parameters(seed: seed)).mixture(at: i) }
        let inOrder = seconds(since: clock)
        clock = ContinuousClock.now
        for i in (0..<n).reversed() { _ = try SwarmSampler(parameters(seed: seed + 100)).mixture(at: i) }
        let backwards = seconds(since: clock)
        let order = Array(0..<n).shuffled()
        let failures = ManagedFailures()
        clock = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: n) { k in
            do { _ = try SwarmSampler(parameters(seed: seed + 200)).mixture(at: order[k]) } catch { failures.record(error) }
        }
        let concurrent = seconds(since: clock)
        if let error = failures.first { throw error }
        clock = ContinuousClock.now
        for i in 0..<n { _ = try SwarmSampler(parameters(seed: seed)).mixture(at: i) }
        let warm = seconds(since: clock)
        // Without the memo, index i would draw all of 0...i again: (n + 1) / 2 swarms' worth
        // (the pool memoised on its own).
        print(String(format: "  %6d mixtures: the first (with the pool of %d attempts) %.3f s, the others in order %.3f s; all backwards %.3f s, shuffled on %d threads %.3f s; again (memoised) %.1f µs per call; without memoising ≈ %.0f s",
                     n, poolAttempts, first, inOrder, backwards, ProcessInfo.processInfo.activeProcessorCount, concurrent, warm / Double(n) * 1e6,
                     inOrder * Double(n) / Double(n - 1) * Double(n + 1) / 2))
    }

    // Repeats and KS against RegMix.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-swarm-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var repeats = [Int]()
    for seed in seeds {
        let p = parameters(seed: seed)
        let swarm = try SwarmSampler(p).mixtures(0..<count)
        var seen = Set<[Int64]>()
        repeats.append(swarm.filter { w in !seen.insert(w.map { Int64(($0 / p.minWeight).rounded(.toNearestOrEven)) }).inserted }.count)
        let flat = swarm.flatMap { $0 }
        try flat.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: folder.appendingPathComponent("mixspec_\(seed).bin"))
    }
    print("RegMix's 1M configuration (\(d) Pile domains), \(count)-swarms, seeds \(seeds.map(String.init).joined(separator: ", ")): repeats on the 2e-4 grid \(repeats)")
    if skipPython { return }
    try "\(d) \(count) 0.0002 \(seeds.map(String.init).joined(separator: " "))".write(
        to: folder.appendingPathComponent("meta.txt"), atomically: true, encoding: .utf8)
    let script = repoRoot.appendingPathComponent("Benchmarks/regmix_swarm_side.py").path
    print("running RegMix's sampler (\(script)) for the same seeds; about 10 s of CPU per swarm…")
    let side = try runPythonSide(python, [script, "ks", folder.path] + (calibrate ? ["--calibrate"] : []))
    guard let json = side.json, let entries = json["seeds"] as? [[String: Any]], let domains = json["domains"] as? [String] else {
        print("KS comparison unavailable (exit \(side.status)); see the message above.")
        return
    }
    func line(_ title: String, _ p: [Double], _ tail: String = "") {
        let least = p.indices.min { p[$0] < p[$1] }
        print(String(format: "  %@: min %.3f (%@), %d of %d below 0.05%@", title, least.map { p[$0] } ?? .nan,
                     least.map { domains[$0] } ?? "?", p.filter { $0 < 0.05 }.count, p.count, tail))
        print("    " + p.map { String(format: "%.3f", $0) }.joined(separator: " "))
    }
    print("per-domain two-sample KS p-values (domains in the prior file's order), mixspec rounded to the grid:")
    let comparisons = [("dedup", "mixspec against RegMix with de-duplication   "), ("no_dedup", "mixspec against RegMix without de-duplication"),
                       ("calibration", "RegMix (seed + 1000) against RegMix, both de-duplicated")]
    for entry in entries {
        let seed = entry["seed"] as? Int ?? -1
        print("seed \(seed): single-domain mixtures mixspec \(entry["mixspec_single_domain"] as? Int ?? -1), RegMix \(entry["regmix_dedup_single_domain"] as? Int ?? -1) (without de-duplication \(entry["regmix_no_dedup_single_domain"] as? Int ?? -1)); repeats mixspec \(entry["mixspec_repeats"] as? Int ?? -1), RegMix \(entry["regmix_dedup_repeats"] as? Int ?? -1) (without \(entry["regmix_no_dedup_repeats"] as? Int ?? -1))")
        for (label, title) in comparisons { if let p = entry["ks_p_\(label)"] as? [Double] { line(title, p) } }
    }
    print("the \(entries.count) seeds pooled (\(entries.count * count) mixtures a side):")
    for (label, title) in comparisons { if let p = json["pooled_ks_p_\(label)"] as? [Double] { line(title, p) } }
}
/// The first error thrown on any thread of a concurrent loop.
private final class ManagedFailures: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var first: Error?
    func record(_ error: Error) { lock.lock(); if first == nil { first = error }; lock.unlock() }
}

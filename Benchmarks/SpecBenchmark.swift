// `mixspec-bench check`: process time of `mixspec check` on the paper-sized spec and on a
// generated 5,000-domain spec (aims: < 50 ms and < 1 s), each with its ratio to the anchor
// measured in the same run: spawning `/bin/true` (the cost of any process at all).
import Foundation
import SpecFuzz
import SpecModel

func runSpecBenchmark(arguments: [String]) async throws {
    let bench = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let mixspec = bench.deletingLastPathComponent().appendingPathComponent("mixspec")
    guard FileManager.default.isExecutableFile(atPath: mixspec.path) else {
        print("mixspec binary not found next to mixspec-bench (\(mixspec.path)); build it: swift build -c release")
        return
    }
    let repetitions = Int(arguments.first ?? "") ?? 20
    let pile = "specs/regmix-pile.yaml"
    guard FileManager.default.fileExists(atPath: pile) else {
        print("run from the repository root (\(pile) not found)"); return
    }
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-bench-\(getpid())")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    let big = tmp.appendingPathComponent("domains-5000.yaml")
    try generatedSpec(domains: 5000).write(to: big, atomically: true, encoding: .utf8)

    let anchor = try medianSeconds(repetitions) { try spawn(URL(fileURLWithPath: "/bin/true"), []) }
    let pileTime = try medianSeconds(repetitions) { try spawn(mixspec, ["check", pile], expect: 0) }
    let bigTime = try medianSeconds(max(3, repetitions / 4)) { try spawn(mixspec, ["check", big.path], expect: 0) }

    let clock = ContinuousClock()
    let inProcess = clock.measure { for _ in 0..<repetitions { _ = SpecLoader.load(path: pile) } }
    let inProcessMs = inProcess.seconds * 1000 / Double(repetitions)

    print("mixspec-bench check (median of \(repetitions) runs; anchor = spawn /bin/true)")
    print(String(format: "  anchor: spawn /bin/true                      %8.2f ms", anchor * 1000))
    print(String(format: "  mixspec check specs/regmix-pile.yaml         %8.2f ms  (%.1f× anchor; aim < 50 ms)", pileTime * 1000, pileTime / anchor))
    print(String(format: "  mixspec check <generated 5,000 domains>      %8.2f ms  (%.1f× anchor; aim < 1000 ms)", bigTime * 1000, bigTime / anchor))
    print(String(format: "  in-process SpecLoader.load(regmix-pile)      %8.3f ms", inProcessMs))
}

/// A valid spec with `domains` synthetic domains, bounds on a tenth of them and an objective over 100.
func generatedSpec(domains: Int) -> String {
    var s = "mixspec: 1\nname: big\ndomains:\n"
    for i in 0..<domains { s += "  d\(i): {synthetic: {seed: \(i)}, tokens: \(1 + i % 50)M}\n" }
    s += "proxies:\n  count: \(domains + 8)\n  models: [{name: m, size: 1M, tokens: 1B}]\n"
    s += "regression: {model: [linear, gbdt]}\n"
    s += "objective:\n  minimize: mean(" + (0..<min(domains, 100)).map { "loss.d\($0)" }.joined(separator: ", ") + ")\n"
    s += "search:\n  bounds:\n"
    for i in stride(from: 0, to: domains, by: 10) { s += "    d\(i): [0, 0.5]\n" }
    return s
}

private func spawn(_ exe: URL, _ args: [String], expect: Int32? = nil) throws {
    let p = Process()
    p.executableURL = exe
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    if let expect, p.terminationStatus != expect {
        throw NSError(domain: "mixspec-bench", code: Int(p.terminationStatus),
                      userInfo: [NSLocalizedDescriptionKey: "\(exe.lastPathComponent) \(args.joined(separator: " ")) exited \(p.terminationStatus)"])
    }
}

private func medianSeconds(_ n: Int, _ body: () throws -> Void) throws -> Double {
    let clock = ContinuousClock()
    var samples: [Double] = []
    for _ in 0..<max(n, 1) {
        var failure: Error?
        let d = clock.measure { do { try body() } catch { failure = error } }
        if let failure { throw failure }
        samples.append(d.seconds)
    }
    samples.sort()
    return samples[samples.count / 2]
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

// `mixspec-bench fuzz [--count N] [--seed S] [--jobs J] [--replay SEED:INDEX]`: the front end's fuzz driver at scale
// (the CI test runs 100,000 inputs in a debug build; this runs a million in release). Prints
// inputs/s, the checks (0 crashes is the run finishing), the inputs over the 100 ms budget and the
// slowest with its ratio to the budget; exits 1 when any check fails or any input is over budget.
func runFuzzBenchmark(arguments: [String]) async throws {
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
        return v
    }
    let count = option("--count", 1_000_000), seed = UInt64(option("--seed", 20_261_121))
    let jobs = max(1, option("--jobs", ProcessInfo.processInfo.activeProcessorCount))
    guard FileManager.default.fileExists(atPath: "specs/quickstart.yaml") else {
        print("run from the repository root (specs/ not found)"); return
    }
    let fuzzer = SpecFuzzer(repositoryRoot: FileManager.default.currentDirectoryPath)
    let clock = ContinuousClock()
    if let i = arguments.firstIndex(of: "--replay"), i + 1 < arguments.count {
        // `--replay SEED:INDEX`: time one mutant (as the report names it) five times; its text on stdout.
        let parts = arguments[i + 1].split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, let (bytes, original) = fuzzer.mutant(seed: UInt64(parts[0]), index: parts[1]) else {
            print("--replay takes SEED:INDEX"); exit(64)
        }
        let times = (0..<5).map { _ in
            clock.measure { _ = SpecLoader.load(bytes: bytes, path: original.name, absolutePath: original.absolutePath, readFile: { fuzzer.files[$0] }) }
        }
        FileHandle.standardError.write(Data("\(original.name), \(bytes.count) bytes: \(times.map(FuzzBudget.milliseconds))\n".utf8))
        FileHandle.standardOutput.write(Data(bytes))
        return
    }
    let start = clock.now
    let report = await withTaskGroup(of: FuzzReport.self) { group in
        for job in 0..<jobs {
            let share = count / jobs + (job < count % jobs ? 1 : 0)
            group.addTask { fuzzer.run(seed: seed &+ UInt64(job), count: share) }
        }
        var merged = FuzzReport()
        for await part in group { merged.merge(part) }
        return merged
    }
    let wall = FuzzBudget.seconds(clock.now - start)
    let budget = FuzzBudget.seconds(FuzzBudget.perInput)
    print("mixspec-bench fuzz (\(report.inputs) mutants of \(fuzzer.corpus.count) specs and fixtures, seed \(seed), \(jobs) jobs)")
    print(String(format: "  throughput        %10.0f inputs/s (%.1f s wall; %.3f ms mean per input)",
                 Double(report.inputs) / wall, wall, FuzzBudget.seconds(report.total) * 1000 / Double(max(report.inputs, 1))))
    print("  valid / rejected  \(report.valid) / \(report.rejected)")
    print("  crashes           0 (the run finished)")
    print("  unlocated         \(report.unlocated) rejected without a located error")
    print("  misplaced         \(report.misplaced) with a position outside the input")
    print("  inconsistent      \(report.inconsistent)")
    print("  over 100 ms       \(report.overBudget) (\(report.retimed) first timed over it, then the fastest of three)")
    print(String(format: "  slowest           %.3f ms (%@): %.3f× the 100 ms budget",
                 FuzzBudget.seconds(report.slowest) * 1000, report.slowestInput, FuzzBudget.seconds(report.slowest) / budget))
    print("  largest output    \(report.largestText) bytes of text, \(report.largestJSON) bytes of JSON")
    print("  shapes            " + report.shapeSummary)
    for problem in report.problems { print("  problem: \(problem)") }
    if !report.isClean || report.overBudget > 0 {
        print("FAIL")
        exit(1)
    }
}

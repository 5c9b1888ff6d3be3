// `mixspec-bench check`: process time of `mixspec check` on the paper-sized spec and on a
// generated 5,000-domain spec (aims: < 50 ms and < 1 s), each with its ratio to the anchor
// measured in the same run: spawning `/bin/true` (the cost of any process at all).
import Foundation
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

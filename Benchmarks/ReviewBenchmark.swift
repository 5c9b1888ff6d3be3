// `mixspec-bench review`: the cost of `mixspec diff` on a large swarm. It writes a spec with N
// proxy mixtures (default 4,096; 17 domains without data, an external trainer) and a copy that
// grows the swarm by half and changes top_k, then times the whole diff (load and validate both,
// compile both, plan the new graph against an empty store, structural diff, text rendering)
// against the anchor measured in the same run: loading, compiling and planning the new spec
// alone, i.e. what `mixspec plan` does. The ratio says what reviewing an edit costs over planning it.
import Compiler
import Foundation
import Pipeline
import Review
import SpecModel

func runReviewBenchmark(arguments: [String]) async throws {
    var count = 4096
    var repeats = 5
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--count": index += 1; count = Int(arguments[safe: index] ?? "") ?? count
        case "--repeat": index += 1; repeats = max(1, Int(arguments[safe: index] ?? "") ?? repeats)
        default: throw BenchmarkUsage("unknown option \(arguments[index]) (review [--count N] [--repeat R])")
        }
        index += 1
    }
    let folder = NSTemporaryDirectory() + "mixspec-review-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let domains = (1...17).map { "  d\($0): {tokens: \($0)M}" }.joined(separator: "\n")
    func spec(count: Int, topK: Int) -> String {
        """
        mixspec: 1
        name: review-bench
        domains:
        \(domains)
        proxies:
          count: \(count)
          models: [{name: small, size: 1M, tokens: 1B}]
          trainer: {command: [python3, train.py, "{mixture}", "{out}"]}
        objective: {minimize: loss.d1}
        search: {top_k: \(topK)}
        verify: {model: {size: 100M, tokens: 20B}}

        """
    }
    try Data(spec(count: count, topK: 128).utf8).write(to: URL(fileURLWithPath: folder + "/old.yaml"))
    try Data(spec(count: count + count / 2, topK: 64).utf8).write(to: URL(fileURLWithPath: folder + "/new.yaml"))
    let store = folder + "/store-absent"

    func open(_ path: String) throws -> SpecSession {
        guard let spec = SpecLoader.load(path: path).spec else { throw BenchmarkUsage("benchmark spec \(path) is invalid") }
        return try SpecSession(spec: spec, storeOverride: store)
    }
    func best(_ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.min() ?? 0
    }

    var rendered = ""
    let diffTime = try best {
        let d = SpecDiff.between(old: try open(folder + "/old.yaml"), new: try open(folder + "/new.yaml"),
                                 oldSource: .file(folder + "/old.yaml"), newSource: .file(folder + "/new.yaml"),
                                 oldLabel: "old.yaml", newLabel: "new.yaml")
        rendered = SpecDiffText.render(d, color: false)
    }
    var planned = 0
    let planTime = try best { planned = try open(folder + "/new.yaml").plan().entries.count }
    print("review benchmark: \(count) → \(count + count / 2) proxy mixtures, \(planned) tasks in the new graph, best of \(repeats)")
    print(String(format: "  diff (load, compile ×2, plan, compare, render)  %8.3f s", diffTime))
    print(String(format: "  anchor: plan of the new spec                    %8.3f s", planTime))
    print(String(format: "  ratio diff / plan                               %8.2f", planTime > 0 ? diffTime / planTime : 0))
    print(rendered.split(separator: "\n").filter { $0.hasPrefix("  total") || $0.hasPrefix("Rerun") }.map { "  | " + $0 }.joined(separator: "\n"))
}

// Specs that once trapped (`check` itself, or `plan` later) are rejected by `check` with a
// located error and exit 1, quickly. Timing is a loose sanity bound, never a benchmark.
import Foundation
import Testing

@Suite struct InputTrapCLITests {
    static let fixtures = [
        "verify-baseline-named-found",      // verify/found/s0 twice in the task graph
        "gbdt-min-samples-leaf-past-int64", // 2 · min_samples_leaf overflowed in check
        "proxies-count-10M",                // plan would allocate ten million train tasks
        "train-tasks-past-limit",           // count × seeds × models past the train-task limit
        "domain-tokens-past-limit",
        "domain-tokens-sum-past-int64",     // two domains whose tokens sum past Int64
        "numbers-past-double",              // 1e400
    ]

    @Test(arguments: fixtures)
    func checkRejectsWithALocatedError(_ name: String) throws {
        let path = "golden/fixtures/\(name).yaml"
        let start = Date()
        let r = try CLI.run(["check", path], environment: ["NO_COLOR": "1"])
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 1, "\(name): exit \(r.status)\n\(r.stderr)")
        let located = r.stderr.split(separator: "\n").contains { line in
            guard line.hasPrefix(path + ":") else { return false }
            let parts = line.dropFirst(path.count + 1).split(separator: ":", maxSplits: 2)
            return parts.count == 3 && Int(parts[0]) != nil && Int(parts[1]) != nil && parts[2].hasPrefix(" error: ")
        }
        #expect(located, "\(name): no 'path:line:col: error:' line in\n\(r.stderr)")
        #expect(seconds < 5, "\(name): check took \(seconds) s")
    }
}

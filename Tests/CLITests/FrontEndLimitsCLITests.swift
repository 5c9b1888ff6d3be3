// The inputs that once cost `check` minutes or the stack, generated here (megabytes are not
// committed) and run through the real binary: each exits 1 with a located error, quickly, and
// with bounded output. Timing is a loose sanity bound (5 s), never a benchmark; the measured
// time is printed.
import Foundation
import Testing

@Suite(.mixspecBinary) struct FrontEndLimitsCLITests {
    /// A valid spec whose objective is `objective`.
    static func spec(objective: String) -> String {
        """
        mixspec: 1
        name: limits
        domains:
          web: {synthetic: {seed: 1}, tokens: 1M}
          code: {synthetic: {seed: 2}, tokens: 1M}
        proxies:
          count: 64
          models: [{name: s, size: 32k, tokens: 1M}]
        objective:
          minimize: \(objective)

        """
    }

    struct Fixture: CustomStringConvertible, Sendable {
        var name: String
        var text: String
        /// `line:column` of the first error, when it is known.
        var firstError: String?
        /// Diagnostics `check --json` leaves out past the cap.
        var truncated: Int?
        var description: String { name }
    }

    static let chain = Array(repeating: "loss.web", count: 87_421).joined(separator: " + ")
    static let starChain = Array(repeating: "loss.web", count: 5_000).joined(separator: " * ")

    static let fixtures: [Fixture] = [
        // 32,000 duplicate keys in one flow mapping on one 64 KB line: each error's snippet once
        // printed the whole line, and clamping each position counted the line's width.
        Fixture(name: "duplicate-keys-one-line", text: "{" + Array(repeating: "a", count: 32_000).joined(separator: ",") + "}\n",
                firstError: "1:1", truncated: 32_005 - 100),
        // 2,500 unknown keys (2,500 errors, each with a note) on one 46 KB line.
        Fixture(name: "unknown-keys-one-line",
                text: spec(objective: "loss.web") + "search: {" + (0..<2_500).map { String(format: "bogus_key_%04d: 1", $0) }.joined(separator: ", ") + "}\n",
                firstError: "11:10", truncated: 2_500 - 100),
        // 87,421 chained '+' terms (0.96 MB): refused by size before a tree is built.
        Fixture(name: "plus-chain-87421", text: spec(objective: chain), firstError: "10:13", truncated: nil),
        // 5,000 chained '*' terms (55 KB, inside the size bound): refused at the 256th '*'.
        Fixture(name: "star-chain-5000", text: spec(objective: starChain),
                firstError: "10:\(13 + 255 * "loss.web * ".count + "loss.web ".count)", truncated: nil),
        // 20,000 nested parentheses (40 KB): refused at the 65th.
        Fixture(name: "deep-parentheses",
                text: spec(objective: String(repeating: "(", count: 20_000) + "loss.web" + String(repeating: ")", count: 20_000)),
                firstError: "10:\(13 + 64)", truncated: nil),
    ]

    static func write(_ fixture: Fixture) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try fixture.text.write(to: dir.appendingPathComponent(fixture.name + ".yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    /// `check`, `show` and `plan` each exit 1 with a located error in well under a second, and
    /// print a bounded amount.
    @Test(arguments: fixtures)
    func commandsRejectQuicklyWithALocatedError(_ fixture: Fixture) throws {
        let dir = try Self.write(fixture)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = fixture.name + ".yaml"
        for command in ["check", "show", "plan"] {
            let start = ContinuousClock.now
            let r = try CLI.run([command, file], directory: dir, environment: ["NO_COLOR": "1", "MIXSPEC_STORE": dir.path + "/store"])
            let elapsed = ContinuousClock.now - start
            print("\(fixture.name) (\(fixture.text.utf8.count) bytes): mixspec \(command) exit \(r.status) in \(elapsed), stderr \(r.stderr.utf8.count) bytes")
            #expect(r.status == 1, "\(command): exit \(r.status)\n\(r.stderr.prefix(2_000))")
            let first = r.stderr.split(separator: "\n").first { $0.hasPrefix(file + ":") && $0.contains(": error: ") }
            let location = first.map { $0.dropFirst(file.count + 1).split(separator: ":").prefix(2).joined(separator: ":") }
            #expect(location != nil && location!.split(separator: ":").allSatisfy { Int($0) != nil }, "\(command): no located error")
            if let expected = fixture.firstError { #expect(location == expected, "\(command): \(first ?? "")") }
            #expect(elapsed < .seconds(5), "\(command) took \(elapsed)")
            #expect(r.stderr.utf8.count < 100_000, "\(command) printed \(r.stderr.utf8.count) bytes")
            if fixture.truncated != nil {
                #expect(r.stderr.hasSuffix("more errors in \(file)\n"), "\(command): \(r.stderr.suffix(200))")
            }
        }
    }

    /// `check --json` keeps its shape, lists at most 100 diagnostics and says how many it left out.
    @Test(arguments: fixtures)
    func jsonIsCappedAndSaysHowManyItLeftOut(_ fixture: Fixture) throws {
        let dir = try Self.write(fixture)
        defer { try? FileManager.default.removeItem(at: dir) }
        let start = ContinuousClock.now
        let r = try CLI.run(["check", "--json", fixture.name + ".yaml"], directory: dir)
        let elapsed = ContinuousClock.now - start
        print("\(fixture.name): mixspec check --json exit \(r.status) in \(elapsed), stdout \(r.stdout.utf8.count) bytes")
        #expect(r.status == 1)
        #expect(elapsed < .seconds(5))
        #expect(r.stdout.utf8.count < 100_000)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let entry = try #require((object?["files"] as? [[String: Any]])?.first)
        #expect(entry["valid"] as? Bool == false)
        let diagnostics = try #require(entry["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count <= 100 && !diagnostics.isEmpty)
        #expect(entry["truncated"] as? Int == fixture.truncated)
        #expect(diagnostics.allSatisfy { $0["line"] is Int && $0["column"] is Int })
    }
}

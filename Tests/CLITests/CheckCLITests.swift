import Foundation
import Testing

@Suite struct CheckCLITests {
    @Test func shippedSpecsAreValid() throws {
        let specs = CLI.files(in: "specs", ext: "yaml").map { "specs/" + $0 }
        #expect(specs.count >= 3)
        let r = try CLI.run(["check"] + specs)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
    }

    /// Every invalid fixture exits 1 and prints exactly its golden diagnostics.
    @Test func everyFixtureExitsOneWithItsGoldenOutput() throws {
        let fixtures = CLI.files(in: "golden/fixtures", ext: "yaml")
        #expect(fixtures.count >= 40)
        for name in fixtures {
            let r = try CLI.run(["check", "golden/fixtures/" + name])
            #expect(r.status == 1, "\(name)")
            #expect(r.stderr.contains("golden/fixtures/\(name):") && r.stderr.contains(": error: "), "\(name)")
            let golden = CLI.read("golden/check/" + name.dropLast(5) + ".txt")
            #expect(r.stderr == golden, "\(name) differs from its golden output")
            #expect(!r.stderr.contains("\u{1B}["), "no colour when stderr is not a terminal")
        }
    }

    @Test func usageErrorsExit64() throws {
        #expect(try CLI.run(["check"]).status == 64)
        #expect(try CLI.run(["check", "--bogus", "specs/quickstart.yaml"]).status == 64)
        #expect(try CLI.run(["frobnicate"]).status == 64)
        #expect(try CLI.run(["show"]).status == 64)
        #expect(try CLI.run(["show", "a.yaml", "b.yaml"]).status == 64)
    }

    @Test func missingFileIsAnInvalidSpec() throws {
        let r = try CLI.run(["check", "specs/does-not-exist.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no such file: specs/does-not-exist.yaml"))
    }

    @Test func jsonOutputListsEveryFile() throws {
        let r = try CLI.run(["check", "--json", "specs/quickstart.yaml", "golden/fixtures/many-errors.yaml"])
        #expect(r.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let files = try #require(object?["files"] as? [[String: Any]])
        #expect(files.count == 2)
        #expect(files[0]["valid"] as? Bool == true)
        #expect(files[1]["valid"] as? Bool == false)
        let diagnostics = try #require(files[1]["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 8)
        #expect(diagnostics[0]["line"] as? Int == 2 && diagnostics[0]["column"] as? Int == 7)
        #expect(diagnostics.contains { ($0["fixIt"] as? [String: Any])?["replacement"] as? String == "4M" })
    }

    /// A handful of mutated specs through the real binary: exit 0 or 1, positions inside the file.
    @Test func mutatedSpecsThroughTheBinary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-mutants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = Array(CLI.read("specs/quickstart.yaml")?.utf8 ?? "".utf8)
        var state: UInt64 = 99
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        for n in 0..<12 {
            var bytes = original
            switch n % 3 {
            case 0: bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
            case 1: bytes = Array(bytes.prefix(next() % bytes.count))
            default:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                lines.remove(at: next() % lines.count)
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
            let file = dir.appendingPathComponent("m\(n).yaml")
            try Data(bytes).write(to: file)
            let r = try CLI.run(["check", "--json", file.path])
            #expect(r.status == 0 || r.status == 1, "mutant \(n) exited \(r.status)")
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            let files = try #require(object?["files"] as? [[String: Any]])
            let lineCount = max(String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count, 1)
            for d in files[0]["diagnostics"] as? [[String: Any]] ?? [] {
                if let line = d["line"] as? Int { #expect(line >= 1 && line <= lineCount, "mutant \(n): line \(line)") }
            }
        }
    }
}

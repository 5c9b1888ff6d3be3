import SeededRandom
import Foundation
import TestSupport
import Testing
import SpecSyntax
@testable import SpecModel

/// Uniform draws below `n` from the shared seeded generator, so every run mutates identically.
extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

/// Seeded mutations of a file: byte flips, truncations, deleted and duplicated lines.
enum Mutator {
    static func mutate(_ bytes: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var b = bytes
        switch rng.below(4) {
        case 0:
            for _ in 0..<(1 + rng.below(3)) {
                let i = rng.below(b.count)
                b[i] = rng.below(2) == 0 ? b[i] ^ UInt8(1 << rng.below(8)) : UInt8(truncatingIfNeeded: rng.next())
            }
        case 1:
            b = Array(b.prefix(rng.below(b.count)))
        default:
            var lines = b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            let i = rng.below(lines.count)
            if rng.below(2) == 0 { lines.remove(at: i) } else { lines.insert(lines[i], at: i) }
            b = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
        return b
    }
}

@Suite struct MutationTests {
    /// Every reported position must exist in the input as the renderer splits it.
    static func positionsInside(_ loaded: LoadedSpec) -> String? {
        let lineCount = max(loaded.source.lines.count, 1)
        var ranges: [SourceRange] = []
        for d in loaded.diagnostics {
            if let r = d.range { ranges.append(r) }
            ranges += d.notes.compactMap(\.range)
        }
        for r in ranges {
            guard r.start.line >= 1, r.start.line <= lineCount else { return "line \(r.start.line) of \(lineCount)" }
            let width = loaded.source.line(r.start.line)?.unicodeScalars.count ?? 0
            guard r.start.column >= 1, r.start.column <= width + 1 else { return "column \(r.start.column) of \(width) at line \(r.start.line)" }
        }
        return nil
    }

    /// 10,000 mutations in four seeded shards (run in parallel).
    @Test(arguments: 0..<4)
    func tenThousandSeededMutationsNeverCrashOrMisplace(shard: Int) throws {
        let names = GoldenTests.specs.map { "specs/" + $0 } + GoldenTests.fixtures.map { "golden/fixtures/" + $0 }
        var cache: [String: [UInt8]] = [:]
        for p in ["specs/runs/mixtures.csv", "specs/runs/metrics.csv", "golden/fixtures/runs/mixtures.csv", "golden/fixtures/runs/metrics.csv"] {
            cache[Repo.path(p)] = FileManager.default.contents(atPath: Repo.path(p)).map { [UInt8]($0) }
        }
        let files = cache
        let reader: FileReader = { files[$0] }
        let originals = names.map { (name: $0, bytes: FileManager.default.contents(atPath: Repo.path($0)).map { [UInt8]($0) } ?? []) }
        var rng = SplitMix64(seed: 20_261_121 &+ UInt64(shard))
        var valid = 0, invalid = 0, unlocated = 0
        let total = 2_500
        let absolute = originals.map { Repo.path($0.name) }
        for n in 0..<total {
            let original = originals[n % originals.count]
            let mutated = Mutator.mutate(original.bytes, rng: &rng)
            let loaded = SpecLoader.load(bytes: mutated, path: original.name, absolutePath: absolute[n % originals.count], readFile: reader)
            if loaded.spec == nil { invalid += 1 } else { valid += 1 }
            #expect((loaded.spec == nil) == loaded.diagnostics.containsErrors)
            // A rejected mutant says where: at least one of its errors carries a position.
            if loaded.spec == nil, !loaded.diagnostics.contains(where: { $0.severity == .error && $0.range != nil }) {
                unlocated += 1
                if unlocated <= 3 {
                    Issue.record("mutation \(n) of \(original.name) was rejected without a located error: \(loaded.diagnostics.map(\.message))")
                }
            }
            if let problem = Self.positionsInside(loaded) {
                Issue.record("mutation \(n) of \(original.name): position outside the input: \(problem)\n\(String(decoding: mutated, as: UTF8.self).debugDescription)")
                return
            }
        }
        #expect(unlocated == 0, "\(unlocated) of \(invalid) rejected mutants have no located error")
        #expect(invalid > 0 && valid > 0)
    }
}

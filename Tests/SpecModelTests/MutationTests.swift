import Foundation
import TestSupport
import Testing
import SpecFuzz
import SpecSyntax
@testable import SpecModel

/// The front end's fuzz driver in CI: 100,000 seeded mutants of the shipped specs and the golden
/// fixtures (byte flips, truncations, line edits, and the size and recursion shapes of
/// SpecFuzz.MutationShape) through parse, validation and both renderings, in parallel shards.
/// A crash fails the run by itself; every rejected mutant must carry a located error inside the
/// input, and each is timed (one first timed over 100 ms is timed twice more and the fastest
/// counts, so a stall of a shared machine is not taken for a slow input): the count over 100 ms
/// and the slowest are printed, and any mutant over 1 s fails (a generous bound for a loaded CI
/// machine running a debug build).
@Suite struct MutationTests {
    static let total = 100_000
    static let shards = 8

    @Test func hundredThousandSeededMutationsNeverCrashMisplaceOrStall() async throws {
        let fuzzer = SpecFuzzer(repositoryRoot: Repo.root.path)
        #expect(fuzzer.corpus.count >= 40)
        let clock = ContinuousClock()
        let start = clock.now
        // Each shard on a thread of its own: minutes of synchronous work on the cooperative pool
        // would starve the signal and lock tests running beside it.
        let report = try await withThrowingTaskGroup(of: FuzzReport.self) { group in
            for shard in 0..<Self.shards {
                group.addTask { try await offThePool { fuzzer.run(seed: 20_261_121 &+ UInt64(shard), count: Self.total / Self.shards) } }
            }
            var merged = FuzzReport()
            for try await part in group { merged.merge(part) }
            return merged
        }
        let wall = clock.now - start
        print("fuzz: \(report.summary); \(String(format: "%.1f", FuzzBudget.seconds(wall))) s wall, "
              + "\(Int(Double(report.inputs) / FuzzBudget.seconds(wall))) inputs/s")
        print("fuzz shapes: " + report.shapeSummary)
        #expect(report.inputs == Self.total)
        #expect(report.valid > 0 && report.rejected > 0)
        #expect(MutationShape.allCases.allSatisfy { (report.shapes[$0] ?? 0) > 1_000 }, "every shape is drawn")
        #expect(report.unlocated == 0 && report.misplaced == 0 && report.inconsistent == 0, "\(report.problems)")
        #expect(report.overLimit == 0, "inputs over \(FuzzBudget.hardLimit): \(report.problems)")
        // Text is bounded whatever the input (100 diagnostics, windowed snippets, shortened
        // messages); JSON keeps messages whole, so it grows with the input, linearly.
        #expect(report.largestText < 200_000, "diagnostics of one input rendered to \(report.largestText) bytes")
        #expect(report.largestJSON < 1_000_000, "diagnostics of one input rendered to \(report.largestJSON) bytes of JSON")
    }

    /// Each shape applied to each original keeps the driver's promises on its own (a failure
    /// here names the shape).
    @Test(arguments: MutationShape.allCases)
    func everyShapeOnEveryOriginal(_ shape: MutationShape) {
        let fuzzer = SpecFuzzer(repositoryRoot: Repo.root.path)
        var mutator = SpecMutator(seed: 7)
        for original in fuzzer.corpus {
            let mutated = mutator.apply(shape, to: original.bytes)
            let loaded = SpecLoader.load(bytes: mutated, path: original.name, absolutePath: original.absolutePath,
                                         readFile: { fuzzer.files[$0] })
            #expect((loaded.spec == nil) == loaded.diagnostics.containsErrors)
            if loaded.spec == nil {
                #expect(loaded.diagnostics.contains { $0.severity == .error && $0.range != nil }, "\(shape) of \(original.name)")
            }
            #expect(FuzzReport.positionOutside(loaded) == nil, "\(shape) of \(original.name)")
        }
    }
}

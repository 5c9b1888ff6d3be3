// The front end's fuzz driver: seeded mutants of the shipped specs and the golden fixtures go
// through everything `mixspec check` does in process (parse, validate, render the diagnostics as
// text and as JSON), each timed on a monotonic clock. A crash ends the run by itself; the report
// counts the rest of what must never happen: a rejected input without a located error, a position
// outside the input, a spec both valid and in error, an input over the time budget.
import Foundation
import SpecModel
import SpecSyntax

/// What a fuzz run found.
public struct FuzzReport: Sendable {
    public var inputs = 0
    public var valid = 0
    public var rejected = 0
    /// Rejected inputs without an error that carries a position.
    public var unlocated = 0
    /// Inputs with a diagnostic position outside the input as the renderer splits it.
    public var misplaced = 0
    /// Inputs whose `spec` and `containsErrors` disagree.
    public var inconsistent = 0
    /// Inputs over the per-input budget (100 ms), each timed three times (the fastest counts).
    public var overBudget = 0
    /// Inputs whose first timing was over the budget, so they were timed twice more.
    public var retimed = 0
    /// Inputs over the hard limit (1 s).
    public var overLimit = 0
    /// The slowest input's time, and which it was (seed and index reproduce it).
    public var slowest: Duration = .zero
    public var slowestInput = ""
    /// The longest text and JSON renderings of one input's diagnostics, in bytes.
    public var largestText = 0
    public var largestJSON = 0
    /// The time of all inputs together.
    public var total: Duration = .zero
    /// Inputs of each shape, and their time together.
    public var shapes: [MutationShape: Int] = [:]
    public var shapeTimes: [MutationShape: Duration] = [:]
    /// The first few problems, described.
    public var problems: [String] = []

    public init() {}

    /// True when nothing that must never happen happened (slow inputs are judged by the caller).
    public var isClean: Bool { unlocated == 0 && misplaced == 0 && inconsistent == 0 && overLimit == 0 }

    /// Adds another shard's findings.
    public mutating func merge(_ other: FuzzReport) {
        inputs += other.inputs; valid += other.valid; rejected += other.rejected
        unlocated += other.unlocated; misplaced += other.misplaced; inconsistent += other.inconsistent
        overBudget += other.overBudget; overLimit += other.overLimit; retimed += other.retimed
        if other.slowest > slowest { slowest = other.slowest; slowestInput = other.slowestInput }
        total += other.total
        largestText = Swift.max(largestText, other.largestText)
        largestJSON = Swift.max(largestJSON, other.largestJSON)
        shapes.merge(other.shapes, uniquingKeysWith: +)
        shapeTimes.merge(other.shapeTimes, uniquingKeysWith: +)
        problems += other.problems.prefix(Swift.max(0, 5 - problems.count))
    }

    /// Inputs and mean time of each shape: `byteFlip 33010 × 0.4 ms, …`.
    public var shapeSummary: String {
        MutationShape.allCases.map { shape in
            let n = shapes[shape] ?? 0
            let mean = n == 0 ? 0 : FuzzBudget.seconds(shapeTimes[shape] ?? .zero) * 1000 / Double(n)
            return "\(shape.rawValue) \(n) × " + String(format: "%.2f ms", mean)
        }.joined(separator: ", ")
    }

    /// One line of figures.
    public var summary: String {
        "\(inputs) inputs (\(valid) valid, \(rejected) rejected): \(unlocated) unlocated, \(misplaced) misplaced, "
            + "\(inconsistent) inconsistent, \(overBudget) over \(FuzzBudget.perInput) (\(retimed) retimed), \(overLimit) over \(FuzzBudget.hardLimit); "
            + "slowest \(FuzzBudget.milliseconds(slowest)) (\(slowestInput)); largest output \(largestText) bytes of text, \(largestJSON) of JSON"
    }
}

/// Time allowed per input.
public enum FuzzBudget {
    /// What any input should take at most (`check` on a pull request must stay interactive).
    public static let perInput: Duration = .milliseconds(100)
    /// Past this an input fails a run even on a loaded CI machine.
    public static let hardLimit: Duration = .seconds(1)

    /// `12.345 ms`.
    public static func milliseconds(_ d: Duration) -> String {
        String(format: "%.3f ms", seconds(d) * 1000)
    }

    public static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// Mutates a corpus of spec files and checks every mutant in process.
public struct SpecFuzzer: Sendable {
    /// One original: its path as shown in messages, its absolute path, its bytes.
    public struct Original: Sendable {
        public var name: String
        public var absolutePath: String
        public var bytes: [UInt8]
    }

    public var corpus: [Original]
    /// Files the specs import (results CSVs), served from memory so runs stay hermetic and fast.
    public var files: [String: [UInt8]]

    /// The shipped specs and the golden fixtures of the repository at `root`, with their CSVs.
    public init(repositoryRoot root: String) {
        func contents(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
        func listing(_ folder: String, _ ext: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? [])
                .filter { $0.hasSuffix("." + ext) }.sorted().map { folder + "/" + $0 }
        }
        corpus = (listing("specs", "yaml") + listing("golden/fixtures", "yaml")).compactMap { name in
            contents(root + "/" + name).map { Original(name: name, absolutePath: root + "/" + name, bytes: $0) }
        }
        var files: [String: [UInt8]] = [:]
        for name in listing("specs/runs", "csv") + listing("golden/fixtures/runs", "csv") {
            files[root + "/" + name] = contents(root + "/" + name)
        }
        self.files = files
    }

    /// Mutant `index` of the run drawn from `seed`, and the original it was made from.
    public func mutant(seed: UInt64, index: Int) -> (bytes: [UInt8], original: Original)? {
        guard !corpus.isEmpty, index >= 0 else { return nil }
        var mutator = SpecMutator(seed: seed)
        for n in 0..<index { _ = mutator.mutate(corpus[n % corpus.count].bytes) }
        let original = corpus[index % corpus.count]
        return (mutator.mutate(original.bytes).bytes, original)
    }

    /// Checks `count` mutants drawn from `seed`.
    public func run(seed: UInt64, count: Int) -> FuzzReport {
        var mutator = SpecMutator(seed: seed)
        var report = FuzzReport()
        guard !corpus.isEmpty else { return report }
        let files = self.files
        let reader: FileReader = { files[$0] }
        let clock = ContinuousClock()
        /// What `check` does with an input, in process: load it, render its diagnostics both ways.
        func check(_ bytes: [UInt8], _ original: Original) -> (loaded: LoadedSpec, text: String, json: String) {
            let loaded = SpecLoader.load(bytes: bytes, path: original.name, absolutePath: original.absolutePath, readFile: reader)
            let text = DiagnosticRenderer(otherSources: loaded.includedSources)
                .render(loaded.diagnostics, source: loaded.source, omitted: loaded.omitted)
            let json = DiagnosticJSON.render([(original.name, loaded.diagnostics, loaded.omitted)])
            return (loaded, text, json)
        }
        for n in 0..<count {
            let original = corpus[n % corpus.count]
            let (bytes, shape) = mutator.mutate(original.bytes)
            let start = clock.now
            let (loaded, text, json) = check(bytes, original)
            var elapsed = clock.now - start
            if elapsed > FuzzBudget.perInput {
                // A slow input, or a stall of a shared machine? Time it twice more; keep the fastest.
                report.retimed += 1
                for _ in 0..<2 { elapsed = Swift.min(elapsed, clock.measure { _ = check(bytes, original) }) }
            }
            report.largestText = Swift.max(report.largestText, text.utf8.count)
            report.largestJSON = Swift.max(report.largestJSON, json.utf8.count)
            report.record(loaded, shape: shape, elapsed: elapsed,
                          describe: "seed \(seed) mutant \(n): \(shape.rawValue) of \(original.name), \(bytes.count) bytes")
        }
        return report
    }
}

extension FuzzReport {
    /// Judges one loaded input.
    mutating func record(_ loaded: LoadedSpec, shape: MutationShape, elapsed: Duration, describe: @autoclosure () -> String) {
        inputs += 1
        shapes[shape, default: 0] += 1
        shapeTimes[shape, default: .zero] += elapsed
        total += elapsed
        if loaded.spec == nil { rejected += 1 } else { valid += 1 }
        func problem(_ what: String) { if problems.count < 5 { problems.append(describe() + ": " + what) } }
        if (loaded.spec == nil) != loaded.diagnostics.containsErrors {
            inconsistent += 1; problem("spec and errors disagree")
        }
        if loaded.spec == nil, !loaded.diagnostics.contains(where: { $0.severity == .error && $0.range != nil }) {
            unlocated += 1; problem("rejected without a located error: \(loaded.diagnostics.prefix(3).map(\.message))")
        }
        if let outside = Self.positionOutside(loaded) { misplaced += 1; problem("position outside the input: \(outside)") }
        if elapsed > FuzzBudget.perInput { overBudget += 1 }
        if elapsed > FuzzBudget.hardLimit { overLimit += 1; problem("took \(FuzzBudget.milliseconds(elapsed))") }
        if elapsed > slowest { slowest = elapsed; slowestInput = describe() }
    }

    /// A reported position that does not exist in the input as the renderer splits it.
    public static func positionOutside(_ loaded: LoadedSpec) -> String? {
        let lineCount = Swift.max(loaded.source.lines.count, 1)
        for d in loaded.diagnostics {
            for r in [d.range].compactMap({ $0 }) + d.notes.compactMap(\.range) where r.file == loaded.source.path {
                guard r.start.line >= 1, r.start.line <= lineCount else { return "line \(r.start.line) of \(lineCount)" }
                let width = loaded.source.width(ofLine: r.start.line)
                guard r.start.column >= 1, r.start.column <= width + 1 else {
                    return "column \(r.start.column) of \(width) at line \(r.start.line)"
                }
            }
        }
        return nil
    }
}

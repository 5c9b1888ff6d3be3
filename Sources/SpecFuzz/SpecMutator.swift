// Seeded mutations of spec files for the front end's fuzz driver (Tests/SpecModelTests and
// `mixspec-bench fuzz`). Besides byte flips, truncations and line edits, it writes the shapes
// that once cost minutes or the stack: one long line of duplicate keys or of unknown keys,
// long operator chains, deep parentheses and unary minus, calls with thousands of arguments,
// deeply nested flow collections, huge numbers and long strings. Sizes are skewed to the small
// end (most inputs stay small, so a run is fast), and some reach past every bound of the front end.
import Foundation
import SeededRandom

extension SplitMix64 {
    /// A uniform draw in `0..<n` (0 when `n` ≤ 1).
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// A size in `1...maximum`: `maximum^(u³)` for a uniform u, so small sizes are common and
    /// sizes past half the maximum still come in about 2% of draws.
    public mutating func size(upTo maximum: Int) -> Int {
        let u = Double(next() >> 11) / Double(1 << 53)
        return Swift.min(maximum, Swift.max(1, Int(exp(u * u * u * log(Double(maximum + 1))))))
    }
}

/// What a mutation did to its input.
public enum MutationShape: String, CaseIterable, Sendable {
    /// One to three bytes flipped or replaced.
    case byteFlip
    /// The file cut at a random byte.
    case truncation
    /// A line deleted or duplicated.
    case lineEdit
    /// A value (or a new top-level key) written as one line `{a: 1, a: 1, …}`.
    case duplicateKeysLine
    /// A value (or a new top-level key) written as one line of distinct keys `{k0: 1, k1: 1, …}`.
    case manyKeysLine
    /// The objective as a chain `a + b * c - …` of up to 20,000 terms.
    case operatorChain
    /// The objective wrapped in up to 2,000 parentheses.
    case deepParentheses
    /// The objective behind up to 2,000 unary minus signs.
    case unaryChain
    /// The objective as `mean(…)` of up to 12,000 arguments.
    case wideCall
    /// A value nested in up to 2,000 flow sequences or mappings.
    case deepFlow
    /// A value replaced by a number of up to 5,000 digits or a huge exponent.
    case hugeNumber
    /// A value replaced by a string of up to 64 KiB (plain, quoted, or with escapes).
    case longString
}

/// Seeded mutations of spec files: the same seed gives the same mutants everywhere.
public struct SpecMutator: Sendable {
    private var rng: SplitMix64

    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// A mutant of `bytes` and the shape of the mutation.
    public mutating func mutate(_ bytes: [UInt8]) -> (bytes: [UInt8], shape: MutationShape) {
        guard !bytes.isEmpty else { return (bytes, .byteFlip) }
        // Two thirds of the mutants are the classic ones, a third the size and recursion shapes.
        let shape: MutationShape
        switch rng.below(6) {
        case 0, 1: shape = .byteFlip
        case 2: shape = .truncation
        case 3: shape = .lineEdit
        default: shape = MutationShape.allCases[3 + rng.below(MutationShape.allCases.count - 3)]
        }
        return (apply(shape, to: bytes), shape)
    }

    /// `bytes` mutated by `shape`.
    public mutating func apply(_ shape: MutationShape, to bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var b = bytes
        switch shape {
        case .byteFlip:
            for _ in 0..<(1 + rng.below(3)) {
                let i = rng.below(b.count)
                b[i] = rng.below(2) == 0 ? b[i] ^ UInt8(1 << rng.below(8)) : UInt8(truncatingIfNeeded: rng.next())
            }
            return b
        case .truncation:
            return Array(b.prefix(rng.below(b.count)))
        case .lineEdit:
            var lines = Self.lines(b)
            let i = rng.below(lines.count)
            if rng.below(2) == 0 { lines.remove(at: i) } else { lines.insert(lines[i], at: i) }
            return Self.join(lines)
        case .duplicateKeysLine:
            let n = rng.size(upTo: 4_000)
            let key = rng.below(2) == 0 ? "a" : "seed"
            return placeValue("{" + Array(repeating: "\(key): 1", count: n).joined(separator: ", ") + "}", in: b)
        case .manyKeysLine:
            let n = rng.size(upTo: 4_000)
            return placeValue("{" + (0..<n).map { "k\($0): \($0)" }.joined(separator: ", ") + "}", in: b)
        case .operatorChain:
            let n = rng.size(upTo: 20_000)
            var text = "loss.web"
            text.reserveCapacity(n * 12)
            for _ in 1..<Swift.max(n, 1) {
                text += [" + ", " - ", " * ", " / "][rng.below(4)]
                text += rng.below(3) == 0 ? "2" : "loss.web"
            }
            return placeObjective(text, in: b)
        case .deepParentheses:
            let n = rng.size(upTo: 2_000)
            let close = rng.below(8) == 0 ? n - 1 : n  // sometimes unbalanced
            return placeObjective(String(repeating: "(", count: n) + "loss.web" + String(repeating: ")", count: close), in: b)
        case .unaryChain:
            return placeObjective(String(repeating: "-", count: rng.size(upTo: 2_000)) + "loss.web", in: b)
        case .wideCall:
            let n = rng.size(upTo: 12_000)
            let argument = rng.below(2) == 0 ? "loss.web" : "2"  // short ones reach the node bound first
            return placeObjective("mean(" + Array(repeating: argument, count: n).joined(separator: ", ") + ")", in: b)
        case .deepFlow:
            let n = rng.size(upTo: 2_000)
            let value = rng.below(2) == 0
                ? String(repeating: "[", count: n) + "1" + String(repeating: "]", count: n)
                : String(repeating: "{a: ", count: n) + "1" + String(repeating: "}", count: n)
            return placeValue(value, in: b)
        case .hugeNumber:
            let digits = String((0..<rng.size(upTo: 5_000)).map { _ in Character(String(rng.below(10))) })
            let value = ["1" + digits, "-" + digits + "e" + digits.prefix(12), "0." + digits + "M", "1e" + digits.prefix(9)][rng.below(4)]
            return placeValue(value, in: b)
        case .longString:
            let n = rng.size(upTo: 64 << 10)
            let value: String
            switch rng.below(4) {
            case 0: value = "a" + String(repeating: "xy z", count: n / 4 + 1)
            case 1: value = "'" + String(repeating: "x'' z", count: n / 5 + 1) + "'"
            case 2: value = "\"" + String(repeating: "x\\u00e9\\\" z", count: n / 12 + 1) + "\""
            default: value = "metric(\"" + String(repeating: "x/y z", count: n / 5 + 1) + "\")"
            }
            return placeValue(value, in: b)
        }
    }

    /// `value` as the value of a random `key: value` line, or as a new top-level key `zz`.
    private mutating func placeValue(_ value: String, in bytes: [UInt8]) -> [UInt8] {
        var lines = Self.lines(bytes)
        let candidates = lines.indices.filter { Self.valueStart(lines[$0]) != nil }
        if candidates.isEmpty || rng.below(4) == 0 {
            lines.insert(Array("zz: \(value)".utf8), at: rng.below(lines.count + 1))
        } else {
            let i = candidates[rng.below(candidates.count)]
            lines[i] = Array(lines[i][..<Self.valueStart(lines[i])!]) + Array(value.utf8)
        }
        return Self.join(lines)
    }

    /// `text` as the objective: the value of the `minimize:` / `maximize:` line, else of any line.
    private mutating func placeObjective(_ text: String, in bytes: [UInt8]) -> [UInt8] {
        var lines = Self.lines(bytes)
        let objective = lines.indices.first { i in
            let line = String(decoding: lines[i], as: UTF8.self)
            return line.contains("minimize:") || line.contains("maximize:")
        }
        guard let i = objective, let start = Self.valueStart(lines[i]) else { return placeValue(text, in: bytes) }
        lines[i] = Array(lines[i][..<start]) + Array(text.utf8)
        return Self.join(lines)
    }

    /// The index just past `: ` in a line that holds a key, when it has one.
    private static func valueStart(_ line: [UInt8]) -> Int? {
        guard let first = line.first, first != UInt8(ascii: "#") else { return nil }
        for i in 0..<Swift.max(0, line.count - 1) where line[i] == UInt8(ascii: ":") && line[i + 1] == UInt8(ascii: " ") {
            return i + 2
        }
        return nil
    }

    private static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    private static func join(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
}

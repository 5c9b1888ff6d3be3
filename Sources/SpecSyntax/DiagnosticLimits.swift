// How many diagnostics of one file are kept and printed. A hostile or broken file can hold
// millions of errors (8 MiB of `{a,a,a,…}` is four million duplicate keys): each stage of the
// front end keeps the first `kept` by position and only counts the rest, and the renderers print
// the first `perFile`, then one line counting the rest (`--json`: `"truncated": N`).

/// The caps on diagnostics, shared by the front end's stages and the renderers.
public enum DiagnosticLimits {
    /// Diagnostics printed per file (text and JSON).
    public static let perFile = 100
    /// Diagnostics each stage (parser, schema check, rules) keeps; past it they are only counted.
    public static let kept = 1_000

    /// The closing line for diagnostics left out: `…and 31900 more errors in spec.yaml`.
    public static func omission(_ rest: DiagnosticTally, file: String?) -> String {
        let parts = [(rest.errors, "error"), (rest.warnings, "warning"), (rest.notes, "note")].filter { $0.0 > 0 }
            .map { "\($0.0) more \($0.1)\($0.0 == 1 ? "" : "s")" }
        return "\u{2026}and " + parts.joined(separator: " and ") + (file.map { " in \($0)" } ?? "")
    }
}

/// Diagnostics counted by severity.
public struct DiagnosticTally: Sendable, Hashable {
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public init() {}

    /// The severities of `diagnostics`.
    public init<S: Sequence>(_ diagnostics: S) where S.Element == Diagnostic {
        for d in diagnostics { add(d.severity) }
    }

    public var total: Int { errors + warnings + notes }

    public mutating func add(_ severity: Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: notes += 1
        }
    }

    public static func + (a: DiagnosticTally, b: DiagnosticTally) -> DiagnosticTally {
        var sum = a
        sum.errors += b.errors; sum.warnings += b.warnings; sum.notes += b.notes
        return sum
    }

    public static func += (a: inout DiagnosticTally, b: DiagnosticTally) { a = a + b }
}

/// Diagnostics as one stage of the front end collects them: the first `capacity` by position
/// (ties: in the order found) are kept, the others only counted. Whatever order a stage finds
/// its problems in, the first `capacity` by position of all stages together are among the kept
/// ones, so the printed diagnostics are the same as if every one had been kept.
public struct DiagnosticBuffer: Sendable {
    /// Most diagnostics kept.
    public let capacity: Int
    private var items: [(sequence: Int, diagnostic: Diagnostic)] = []
    /// Index in `items` of the last kept diagnostic by (position, sequence).
    private var last = 0
    private var sequence = 0
    private var reordered = false
    /// Diagnostics found but not kept; each sorts after every kept one.
    public private(set) var omitted = DiagnosticTally()
    /// Errors found, kept or not.
    private var errors = 0

    public init(capacity: Int = DiagnosticLimits.kept) { self.capacity = Swift.max(1, capacity) }

    /// The kept diagnostics, in the order found.
    public var kept: [Diagnostic] {
        reordered ? items.sorted { $0.sequence < $1.sequence }.map(\.diagnostic) : items.map(\.diagnostic)
    }

    /// Diagnostics found, kept or not.
    public var count: Int { items.count + omitted.total }

    /// True when an error was found (kept or not).
    public var containsErrors: Bool { errors > 0 }

    private static func position(_ d: Diagnostic) -> SourceLocation {
        d.range?.start ?? SourceLocation(line: 0, column: 0)
    }

    public mutating func append(_ d: Diagnostic) {
        if d.severity == .error { errors += 1 }
        sequence += 1
        if items.count < capacity {
            items.append((sequence, d))
            if items.count == 1 || !(Self.position(d) < Self.position(items[last].diagnostic)) { last = items.count - 1 }
            return
        }
        // Found later than every kept one, so on equal positions it sorts after the last.
        guard Self.position(d) < Self.position(items[last].diagnostic) else { omitted.add(d.severity); return }
        omitted.add(items[last].diagnostic.severity)
        items[last] = (sequence, d)
        reordered = true
        last = items.indices.max { a, b in
            let pa = Self.position(items[a].diagnostic), pb = Self.position(items[b].diagnostic)
            return pa != pb ? pa < pb : items[a].sequence < items[b].sequence
        } ?? 0
    }

    /// Appends each of `diagnostics`, and counts `omitted` more (those another stage left out).
    public mutating func append(contentsOf diagnostics: [Diagnostic], omitted more: DiagnosticTally = DiagnosticTally()) {
        for d in diagnostics { append(d) }
        omitted += more
        errors += more.errors
    }
}

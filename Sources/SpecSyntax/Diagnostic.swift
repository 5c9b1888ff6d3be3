// Findings are plain values, separate from how they are printed (swift-format's `Finding`,
// swift-syntax's `Diagnostic`): the validator produces them, renderers print them.

/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Comparable {
    case error, warning, note
    public static func < (a: Severity, b: Severity) -> Bool {
        a.rank < b.rank
    }

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .note: return 2
        }
    }
}

/// A secondary message attached to a diagnostic, optionally pointing somewhere else.
public struct DiagnosticNote: Sendable, Hashable {
    public var message: String
    public var range: SourceRange?
    public init(_ message: String, range: SourceRange? = nil) { self.message = message; self.range = range }
}

/// A suggested edit: replace the text of `range` with `replacement`.
public struct FixIt: Sendable, Hashable {
    /// What the edit does, in words ("replace 'modle' with 'model'").
    public var message: String
    public var range: SourceRange?
    public var replacement: String?
    public init(_ message: String, range: SourceRange? = nil, replacement: String? = nil) {
        self.message = message; self.range = range; self.replacement = replacement
    }
}

/// One finding about a spec file.
public struct Diagnostic: Sendable, Hashable {
    public var severity: Severity
    public var message: String
    /// The offending node; nil only for problems that concern no position (e.g. an unreadable file).
    public var range: SourceRange?
    public var notes: [DiagnosticNote]
    public var fixIt: FixIt?

    public init(_ severity: Severity, _ message: String, at range: SourceRange?,
                notes: [DiagnosticNote] = [], fixIt: FixIt? = nil) {
        self.severity = severity; self.message = message; self.range = range
        self.notes = notes; self.fixIt = fixIt
    }

    /// An error at `range`.
    public static func error(_ message: String, at range: SourceRange?, notes: [DiagnosticNote] = [],
                             fixIt: FixIt? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: range, notes: notes, fixIt: fixIt)
    }

    /// A warning at `range`.
    public static func warning(_ message: String, at range: SourceRange?, notes: [DiagnosticNote] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: range, notes: notes)
    }
}

extension Array where Element == Diagnostic {
    /// True when any element is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by position (then message) so output is stable whatever order checks ran in.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let la = a.element.range?.start ?? SourceLocation(line: 0, column: 0)
            let lb = b.element.range?.start ?? SourceLocation(line: 0, column: 0)
            if la != lb { return la < lb }
            return a.offset < b.offset
        }.map(\.element)
    }
}

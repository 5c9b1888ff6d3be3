// Text rendering in the style of swift-syntax / clang:
//
//   spec.yaml:12:3: error: unknown key 'modle' in 'regression'
//   12 |   modle: gbdt
//      |   ^~~~~
//      = fix-it: replace 'modle' with 'model'
//   spec.yaml:10:1: note: 'regression' starts here
//   10 | regression:
//      | ^

/// Renders diagnostics as text, optionally with ANSI colour.
///
/// Cost stays linear in the input however the diagnostics fall: each source line is made
/// printable at most once per `render` call, a snippet of a long line shows a window of at most
/// `snippetWidth` columns around its range, and at most `limit` diagnostics are printed, then one
/// line counting the rest.
public struct DiagnosticRenderer: Sendable {
    /// Emit ANSI colour escapes.
    public var colored: Bool

    /// Further files diagnostics may point into (bases merged by `extends`); snippets are taken
    /// from the file a range names.
    public var otherSources: [SourceFile] = []

    /// Diagnostics printed per `render` call; the rest are counted in one closing line (nil: all).
    public var limit: Int? = DiagnosticLimits.perFile

    /// Widest source text a snippet shows; a longer line shows a window around the range, cut with `…`.
    public static let snippetWidth = 200

    /// Longest message, note or fix-it text printed (a message may quote a value of any length);
    /// a longer one keeps its start and its end around `…`.
    public static let messageWidth = 500

    public init(colored: Bool = false, otherSources: [SourceFile] = []) {
        self.colored = colored; self.otherSources = otherSources
    }

    /// Renders the diagnostics of one file; `source` supplies the snippets (nil prints none). Past
    /// `limit` diagnostics, one line says how many more there are, counting `omitted` (those the
    /// front end found but did not keep, see `DiagnosticBuffer`).
    public func render(_ diagnostics: [Diagnostic], source: SourceFile?, omitted: DiagnosticTally = DiagnosticTally()) -> String {
        var out = ""
        var lines = PrintableLines()
        let shown = diagnostics.prefix(limit ?? diagnostics.count)
        for d in shown { render(d, source: source, lines: &lines, into: &out) }
        let rest = DiagnosticTally(diagnostics[shown.count...]) + omitted
        if rest.total > 0 { out += DiagnosticLimits.omission(rest, file: source?.path) + "\n" }
        return out
    }

    /// Renders one diagnostic with its notes and fix-it.
    public func render(_ d: Diagnostic, source: SourceFile?, into out: inout String) {
        var lines = PrintableLines()
        render(d, source: source, lines: &lines, into: &out)
    }

    private func render(_ d: Diagnostic, source: SourceFile?, lines: inout PrintableLines, into out: inout String) {
        header(d.severity, d.message, d.range, fallbackFile: source?.path, into: &out)
        let gutter = gutterWidth(d.range)
        snippet(d.range, source, gutter: gutter, lines: &lines, into: &out)
        for note in d.notes where note.range == nil {
            out += String(repeating: " ", count: gutter) + " = " + paint("note:", .note) + " " + Self.printable(note.message) + "\n"
        }
        if let fix = d.fixIt {
            out += String(repeating: " ", count: gutter) + " = " + paint("fix-it:", .fixIt) + " " + Self.printable(fix.message) + "\n"
        }
        for note in d.notes where note.range != nil {
            header(.note, note.message, note.range, fallbackFile: source?.path, into: &out)
            snippet(note.range, source, gutter: gutterWidth(note.range), lines: &lines, into: &out)
        }
    }

    private enum Paint { case error, warning, note, fixIt, bold, caret }

    private func paint(_ text: String, _ kind: Paint) -> String {
        guard colored else { return text }
        let code: String
        switch kind {
        case .error: code = "1;31"
        case .warning: code = "1;35"
        case .note: code = "1;36"
        case .fixIt: code = "1;32"
        case .bold: code = "1"
        case .caret: code = "1;32"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func header(_ severity: Severity, _ message: String, _ range: SourceRange?, fallbackFile: String?,
                        into out: inout String) {
        var location = range.map { "\($0.file):\($0.start.line):\($0.start.column):" } ?? (fallbackFile.map { "\($0):" } ?? "mixspec:")
        location = paint(location, .bold)
        let label: String
        switch severity {
        case .error: label = paint("error:", .error)
        case .warning: label = paint("warning:", .warning)
        case .note: label = paint("note:", .note)
        }
        out += "\(location) \(label) \(paint(Self.printable(message), .bold))\n"
    }

    /// Control characters (which could drive a terminal) become U+FFFD, tabs a space: one
    /// character each, so carets stay aligned. Text past `messageWidth` is cut in the middle.
    static func printable(_ s: String) -> String {
        let scalars = s.unicodeScalars
        var out = String.UnicodeScalarView()
        if scalars.count > messageWidth {
            let tail = messageWidth * 3 / 10
            out.append(contentsOf: scalars.prefix(messageWidth - tail - 1).map(printable))
            out.append("\u{2026}")
            out.append(contentsOf: scalars.suffix(tail).map(printable))
        } else {
            out.append(contentsOf: scalars.map(printable))
        }
        return String(out)
    }

    static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\t" { return " " }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return "\u{FFFD}" }
        return scalar
    }

    private func gutterWidth(_ range: SourceRange?) -> Int {
        String(range?.start.line ?? 1).count + 1
    }

    /// The text of the file `range` names: `main` or one of `otherSources` (`main` when there are no others).
    private func file(of range: SourceRange, default main: SourceFile?) -> SourceFile? {
        if otherSources.isEmpty || main?.path == range.file { return main }
        return otherSources.first { $0.path == range.file }
    }

    private func snippet(_ range: SourceRange?, _ source: SourceFile?, gutter: Int, lines: inout PrintableLines,
                         into out: inout String) {
        guard let range, let source = file(of: range, default: source), let text = lines.line(range.start.line, of: source)
        else { return }
        let width = text.count
        let startColumn = Swift.max(1, range.start.column)
        // The underline stays on the first line: to the range's end there, else to the line's end.
        let endColumn = range.end.line == range.start.line ? range.end.column : width + 1
        var length = Swift.max(1, Swift.min(endColumn, width + 1) - startColumn)
        // A long line shows `snippetWidth` columns around the range's start, cut with `…`.
        var lower = 0, upper = width, caret = startColumn - 1
        if width > Self.snippetWidth {
            lower = Swift.max(0, Swift.min(caret - Self.snippetWidth / 4, width + 1 - Self.snippetWidth))
            upper = Swift.min(width, lower + Self.snippetWidth)
            length = Swift.max(1, Swift.min(length, upper - caret))
            caret -= lower
        }
        var shown = String.UnicodeScalarView()
        if lower > 0 { shown.append("\u{2026}"); caret += 1 }
        shown.append(contentsOf: text[lower..<upper])
        if upper < width { shown.append("\u{2026}") }
        let number = String(range.start.line)
        out += number + String(repeating: " ", count: gutter - number.count) + "| " + String(shown) + "\n"
        let marker = "^" + String(repeating: "~", count: length - 1)
        out += String(repeating: " ", count: gutter) + "| " + String(repeating: " ", count: caret) + paint(marker, .caret) + "\n"
    }
}

/// Printable source lines (control characters replaced), each made once per render and kept
/// as scalars so a window of a long line is cut without walking it again.
struct PrintableLines {
    private var cache: [String: [Int: [Unicode.Scalar]]] = [:]

    mutating func line(_ n: Int, of source: SourceFile) -> [Unicode.Scalar]? {
        if let hit = cache[source.path]?[n] { return hit }
        guard let line = source.line(n) else { return nil }
        let scalars = line.unicodeScalars.map(DiagnosticRenderer.printable)
        cache[source.path, default: [:]][n] = scalars
        return scalars
    }
}

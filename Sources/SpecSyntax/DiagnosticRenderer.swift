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
public struct DiagnosticRenderer: Sendable {
    /// Emit ANSI colour escapes.
    public var colored: Bool

    /// Further files diagnostics may point into (bases merged by `extends`); snippets are taken
    /// from the file a range names.
    public var otherSources: [SourceFile] = []

    public init(colored: Bool = false, otherSources: [SourceFile] = []) {
        self.colored = colored; self.otherSources = otherSources
    }

    /// Renders all diagnostics of one file; `source` supplies the snippets (nil prints none).
    public func render(_ diagnostics: [Diagnostic], source: SourceFile?) -> String {
        var out = ""
        for d in diagnostics { render(d, source: source, into: &out) }
        return out
    }

    /// Renders one diagnostic with its notes and fix-it.
    public func render(_ d: Diagnostic, source: SourceFile?, into out: inout String) {
        header(d.severity, d.message, d.range, fallbackFile: source?.path, into: &out)
        let gutter = gutterWidth(d, source)
        snippet(d.range, source, gutter: gutter, into: &out)
        for note in d.notes where note.range == nil {
            out += String(repeating: " ", count: gutter) + " = " + paint("note:", .note) + " " + Self.printable(note.message) + "\n"
        }
        if let fix = d.fixIt {
            out += String(repeating: " ", count: gutter) + " = " + paint("fix-it:", .fixIt) + " " + Self.printable(fix.message) + "\n"
        }
        for note in d.notes where note.range != nil {
            header(.note, note.message, note.range, fallbackFile: source?.path, into: &out)
            snippet(note.range, source, gutter: gutterWidth(note.range), into: &out)
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
    /// character each, so carets stay aligned.
    static func printable(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar == "\t" { out.append(" ") }
            else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { out.append("\u{FFFD}") }
            else { out.append(scalar) }
        }
        return String(out)
    }

    private func gutterWidth(_ d: Diagnostic, _ source: SourceFile?) -> Int {
        gutterWidth(d.range)
    }

    private func gutterWidth(_ range: SourceRange?) -> Int {
        String(range?.start.line ?? 1).count + 1
    }

    /// The text of the file `range` names: `main` or one of `otherSources` (`main` when there are no others).
    private func file(of range: SourceRange, default main: SourceFile?) -> SourceFile? {
        if otherSources.isEmpty || main?.path == range.file { return main }
        return otherSources.first { $0.path == range.file }
    }

    private func snippet(_ range: SourceRange?, _ source: SourceFile?, gutter: Int, into out: inout String) {
        guard let range, let source = file(of: range, default: source), let line = source.line(range.start.line) else { return }
        let number = String(range.start.line)
        let text = Self.printable(String(line))
        out += number + String(repeating: " ", count: gutter - number.count) + "| " + text + "\n"
        let width = line.unicodeScalars.count
        let startColumn = Swift.max(1, range.start.column)
        // The underline stays on the first line: to the range's end there, else to the line's end.
        let endColumn = range.end.line == range.start.line ? range.end.column : width + 1
        let length = Swift.max(1, Swift.min(endColumn, width + 1) - startColumn)
        let marker = "^" + String(repeating: "~", count: length - 1)
        out += String(repeating: " ", count: gutter) + "| " + String(repeating: " ", count: startColumn - 1)
            + paint(marker, .caret) + "\n"
    }
}

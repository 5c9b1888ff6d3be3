// Machine-readable diagnostics for editors and CI (`--json`). Field names are stable.

extension Diagnostic {
    /// This diagnostic as a JSON object (compact, keys in a fixed order).
    public var jsonText: String {
        var fields: [(String, String)] = [
            ("severity", Self.quote(severity.rawValue)),
            ("message", Self.quote(message)),
        ]
        fields += Self.rangeFields(range)
        if !notes.isEmpty {
            let items = notes.map { note -> String in
                Self.object([("message", Self.quote(note.message))] + Self.rangeFields(note.range))
            }
            fields.append(("notes", "[" + items.joined(separator: ",") + "]"))
        }
        if let fixIt {
            var fix: [(String, String)] = [("message", Self.quote(fixIt.message))]
            if let replacement = fixIt.replacement { fix.append(("replacement", Self.quote(replacement))) }
            fix += Self.rangeFields(fixIt.range)
            fields.append(("fixIt", Self.object(fix)))
        }
        return Self.object(fields)
    }

    static func rangeFields(_ range: SourceRange?) -> [(String, String)] {
        guard let range else { return [] }
        return [("file", quote(range.file)), ("line", String(range.start.line)), ("column", String(range.start.column)),
                ("endLine", String(range.end.line)), ("endColumn", String(range.end.column))]
    }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Diagnostics of several files as one JSON document: `{"files":[{"path":…,"valid":…,"diagnostics":[…]}]}`.
/// A file with more than `limit` diagnostics lists the first `limit` and adds `"truncated": N`,
/// the number left out.
public enum DiagnosticJSON {
    /// One entry per checked file; `limit` caps the diagnostics listed per file (nil: all).
    public static func render(_ files: [(path: String, diagnostics: [Diagnostic])],
                              limit: Int? = DiagnosticLimits.perFile) -> String {
        render(files.map { ($0.path, $0.diagnostics, DiagnosticTally()) }, limit: limit)
    }

    /// One entry per checked file, with the diagnostics the front end found but did not keep
    /// (`omitted`, counted in `"truncated"`).
    public static func render(_ files: [(path: String, diagnostics: [Diagnostic], omitted: DiagnosticTally)],
                              limit: Int? = DiagnosticLimits.perFile) -> String {
        let entries = files.map { file -> String in
            let valid = !file.diagnostics.containsErrors && file.omitted.errors == 0
            let shown = file.diagnostics.prefix(limit ?? file.diagnostics.count)
            let truncated = file.diagnostics.count - shown.count + file.omitted.total
            return "{\"path\":\(Diagnostic.quote(file.path)),\"valid\":\(valid),\"diagnostics\":["
                + shown.map(\.jsonText).joined(separator: ",") + "]"
                + (truncated > 0 ? ",\"truncated\":\(truncated)" : "") + "}"
        }
        return "{\"files\":[" + entries.joined(separator: ",") + "]}"
    }
}

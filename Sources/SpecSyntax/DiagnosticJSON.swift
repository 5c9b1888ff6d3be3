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
public enum DiagnosticJSON {
    /// One entry per checked file.
    public static func render(_ files: [(path: String, diagnostics: [Diagnostic])]) -> String {
        let entries = files.map { file -> String in
            let valid = !file.diagnostics.containsErrors
            return "{\"path\":\(Diagnostic.quote(file.path)),\"valid\":\(valid),\"diagnostics\":["
                + file.diagnostics.map(\.jsonText).joined(separator: ",") + "]}"
        }
        return "{\"files\":[" + entries.joined(separator: ",") + "]}"
    }
}

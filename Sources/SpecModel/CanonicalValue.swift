// A JSON-like value with one canonical byte encoding: object keys sorted by their UTF-8 bytes,
// no insignificant whitespace, integers as integers, other doubles in shortest round-trip form.
// Task keys (DESIGN.md §5) and `show --json` are built from this, so equal values hash equally
// however the YAML was written.

import SpecSyntax

/// A canonical JSON value.
public indirect enum CanonicalValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([CanonicalValue])
    case object([String: CanonicalValue])

    /// The canonical compact encoding (UTF-8 JSON).
    public var canonicalJSON: String {
        var out = ""
        write(into: &out, indent: nil, level: 0)
        return out
    }

    /// Pretty JSON with two-space indentation and sorted keys (for humans; same content).
    public var prettyJSON: String {
        var out = ""
        write(into: &out, indent: "  ", level: 0)
        return out
    }

    /// A number: integral values within ±2^53 are encoded as integers so `1M` and `1000000.0` agree.
    public static func number(_ v: Double) -> CanonicalValue {
        if v.isFinite, v == v.rounded(), abs(v) <= 9_007_199_254_740_992 { return .int(Int64(v)) }
        return .double(v)
    }

    private func write(into out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isFinite { out += "\(d)" } else { out += "null" }  // JSON has no NaN/inf
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            // Byte order of the keys, compared in place (no per-comparison copies: task keys of a
            // 10k-task plan encode this in a hot loop).
            for (n, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if n > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                Self.writeString(member.key, into: &out)
                out += indent == nil ? ":" : ": "
                member.value.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    /// JSON string escaping (RFC 8259): quotes, backslash and control characters.
    public static func writeString(_ s: String, into out: inout String) {
        // Most strings need no escaping: append them whole (task keys encode many strings).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += Diagnostic.quote(s)  // one JSON string escaper for the whole project
    }
}

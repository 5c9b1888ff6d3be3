// Escaping for HTML/SVG text and attribute values. Only the five XML entities are produced, so the
// report stays well-formed XML as well as valid HTML.

/// Escapes text for HTML and XML (element content and quoted attribute values).
public enum HTMLEscaping {
    /// `&`, `<`, `>`, `"` and `'` replaced by entities; control characters other than tab and newline dropped
    /// (they are not allowed in XML 1.0).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

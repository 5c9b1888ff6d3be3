// Block-style YAML for `mixspec show`: two-space indent, scalar lists in flow style, strings
// plain only when YAML would read them back as the same string.

/// Prints an `OrderedValue` as YAML.
public enum YAMLPrinter {
    /// The YAML text (ends with a newline).
    public static func print(_ value: OrderedValue) -> String {
        var out = ""
        switch value {
        case .map(let members), .orderedMap(let members):
            writeMembers(members, indent: 0, into: &out)
        default:
            out = scalar(value) + "\n"
        }
        return out
    }

    private static func writeMembers(_ members: [OrderedMember], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for member in members {
            let key = string(member.key)
            switch member.value {
            case .map(let m), .orderedMap(let m):
                if m.isEmpty { out += "\(pad)\(key): {}\n" } else {
                    out += "\(pad)\(key):\n"
                    writeMembers(m, indent: indent + 2, into: &out)
                }
            case .list(let items):
                if items.isEmpty { out += "\(pad)\(key): []\n" }
                else if items.allSatisfy(isScalar) {
                    out += "\(pad)\(key): [" + items.map(scalar).joined(separator: ", ") + "]\n"
                } else {
                    out += "\(pad)\(key):\n"
                    writeItems(items, indent: indent + 2, into: &out)
                }
            case .string(let s):
                out += "\(pad)\(key): \(blockString(s))\n"
            default:
                out += "\(pad)\(key): \(scalar(member.value))\n"
            }
        }
    }

    private static func writeItems(_ items: [OrderedValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .map(let m), .orderedMap(let m):
                if m.isEmpty { out += "\(pad)- {}\n"; continue }
                var inner = ""
                writeMembers(m, indent: indent + 2, into: &inner)
                // The first member goes on the dash line.
                out += pad + "- " + inner.dropFirst(indent + 2)
            case .list(let l):
                out += "\(pad)- [" + l.map(scalar).joined(separator: ", ") + "]\n"
            default:
                out += "\(pad)- \(scalar(item))\n"
            }
        }
    }

    private static func isScalar(_ v: OrderedValue) -> Bool {
        switch v {
        case .int, .double, .string, .bool: return true
        default: return false
        }
    }

    private static func scalar(_ v: OrderedValue) -> String {
        switch v {
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? "\(d)" : ".nan"
        case .string(let s): return string(s)
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return "[" + l.map(scalar).joined(separator: ", ") + "]"
        case .map, .orderedMap: return "{}"
        }
    }

    /// A string as YAML: plain when safe, else double-quoted with JSON escapes (valid YAML).
    static func string(_ s: String) -> String {
        if isPlainSafe(s) { return s }
        var out = ""
        CanonicalValue.writeString(s, into: &out)
        return out
    }

    /// A string as the value of a block mapping: plain also with spaces, commas and brackets
    /// inside, as long as YAML reads it back unchanged.
    static func blockString(_ s: String) -> String {
        if isPlainSafe(s) { return s }
        let scalars = Array(s.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, !reserved.contains(s),
              Double(s) == nil, (try? Quantity.parse(s).get()) == nil else { return string(s) }
        let indicators: Set<Unicode.Scalar> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", " "]
        if indicators.contains(first) || last == " " || last == ":" { return string(s) }
        for (i, c) in scalars.enumerated() {
            if c.value < 0x20 || c.value == 0x7F || c.value > 0x7E { return string(s) }
            if c == ":" && i + 1 < scalars.count && scalars[i + 1] == " " { return string(s) }
            if c == "#" && i > 0 && scalars[i - 1] == " " { return string(s) }
        }
        return s
    }

    private static let reserved: Set<String> = ["true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "Yes", "No",
                                                "on", "off", "On", "Off", "null", "Null", "NULL", "~", ""]

    private static func isPlainSafe(_ s: String) -> Bool {
        if reserved.contains(s) { return false }
        if case .success = Quantity.parse(s) { return false }
        if Double(s) != nil { return false }
        guard let first = s.unicodeScalars.first, first != "-", first != "." else { return false }
        return s.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-" || c == "." || c == "/"
        }
    }
}

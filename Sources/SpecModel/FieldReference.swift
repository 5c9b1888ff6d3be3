// The README's field reference, generated from FieldTable like the JSON Schema, so the
// documentation lists exactly the keys, types and defaults the validator enforces.

extension FieldTable {
    /// A Markdown table of every key: dotted path, type, default, description.
    public static var markdownReference: String {
        var rows = ["| key | type | default | description |", "|---|---|---|---|"]
        func walk(_ fields: [Field], prefix: String) {
            for field in fields {
                let path = prefix + field.name
                let presence: String
                switch field.presence {
                case .required: presence = "required"
                case .optional: presence = "optional"
                case .defaulted: presence = field.defaultValue.map { "`" + Self.inline($0) + "`" } ?? "(defaults below)"
                }
                rows.append("| `\(path)` | \(typeName(field.type)) | \(presence) | \(field.doc.replacingPipes) |")
                switch field.type {
                case .object(let inner): walk(inner, prefix: path + ".")
                case .map(_, .object(let inner), _): walk(inner, prefix: path + ".<domain>.")
                case .list(.object(let inner), _, _): walk(inner, prefix: path + "[].")
                case .oneOf(let alternatives, _):
                    for case .object(let inner) in alternatives { walk(inner, prefix: path + ".") }
                    for case .list(.oneOf(let nested, _), _, _) in alternatives {
                        for case .object(let inner) in nested { walk(inner, prefix: path + "[].") }
                    }
                case .list(.oneOf(let nested, _), _, _):
                    for case .object(let inner) in nested { walk(inner, prefix: path + "[].") }
                default: break
                }
            }
        }
        walk(root, prefix: "")
        return rows.joined(separator: "\n") + "\n"
    }

    static func typeName(_ type: SchemaType) -> String {
        switch type {
        case .integer(let lo, let hi): return "integer" + bounds(lo.map { Double($0) }, hi.map { Double($0) }, false, false)
        case .number(let lo, let hi, let xlo, let xhi): return "number" + bounds(lo, hi, xlo, xhi)
        case .string(let format): return format.map { "name `\($0.pattern)`" } ?? "string"
        case .enumeration(let words): return words.map { "`\($0)`" }.joined(separator: " \\| ")
        case .expression: return "objective expression"
        case .boolean: return "boolean"
        case .list(let item, let lo, let hi):
            if lo == 2, hi == 2 { return "[low, high] of " + typeName(item) }
            return "list of " + typeName(item)
        case .object: return "mapping"
        case .map(let key, let value, _): return "mapping `\(key.pattern)` → " + typeName(value)
        case .oneOf(let alternatives, _): return alternatives.map(typeName).joined(separator: " or ")
        }
    }

    static func bounds(_ lo: Double?, _ hi: Double?, _ xlo: Bool, _ xhi: Bool) -> String {
        // Large round limits read as a spec would write them: 1M, 1000T.
        func f(_ v: Double) -> String {
            if v >= 1e6, v <= 1e18, v == v.rounded(), let short = Quantity.suffixed(Int64(v)) { return short }
            return SchemaValidator.format(v)
        }
        switch (lo, hi) {
        case let (l?, h?): return " \(xlo ? ">" : "≥") \(f(l)), \(xhi ? "<" : "≤") \(f(h))"
        case let (l?, nil): return " \(xlo ? ">" : "≥") \(f(l))"
        case let (nil, h?): return " \(xhi ? "<" : "≤") \(f(h))"
        default: return ""
        }
    }

    static func inline(_ v: CanonicalValue) -> String {
        switch v {
        case .array(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .object(let o) where o.isEmpty: return "{}"
        case .string(let s): return s
        default: return v.canonicalJSON
        }
    }
}

extension String {
    var replacingPipes: String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
}

/// How a scalar was written; quoting matters for type resolution and for mapping offsets.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A node of the YAML tree with its source range. Aliases are expanded: an alias node is a
/// copy of its anchor's node (ranges point at the anchored text).
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }
    public var kind: Kind
    /// The resolved tag when one was written explicitly (e.g. `tag:yaml.org,2002:str`).
    public var tag: String?
    public var range: SourceRange
    /// Flow (`[a, b]`, `{a: 1}`) rather than block style, for collections.
    public var isFlow: Bool

    public init(kind: Kind, tag: String? = nil, range: SourceRange, isFlow: Bool = false) {
        self.kind = kind; self.tag = tag; self.range = range; self.isFlow = isFlow
    }

    /// Tag of placeholder nodes standing for something the parser already reported (an undefined alias).
    public static let invalidTag = "mixspec:invalid"

    /// The scalar text, if this is a scalar.
    public var scalar: String? { if case .scalar(let s, _) = kind { return s }; return nil }
    /// The scalar style, if this is a scalar.
    public var scalarStyle: ScalarStyle? { if case .scalar(_, let st) = kind { return st }; return nil }
    /// The pairs, if this is a mapping.
    public var pairs: [YAMLPair]? { if case .mapping(let p) = kind { return p }; return nil }
    /// The items, if this is a sequence.
    public var items: [YAMLNode]? { if case .sequence(let i) = kind { return i }; return nil }

    /// True for a YAML null: an empty plain scalar, `~`, or `null` in any common case.
    public var isNull: Bool {
        guard case .scalar(let s, .plain) = kind, tag == nil || tag == "tag:yaml.org,2002:null" else { return false }
        return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
    }

    /// A short word for the node's type in messages ("a mapping", "a list", "a string", "null").
    public var typeDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s, let style):
            if isNull { return "null" }
            if style == .plain {
                if ["true", "false", "True", "False", "TRUE", "FALSE"].contains(s) { return "a boolean" }
                if Double(s) != nil { return "a number" }
            }
            return "a string"
        }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.scalar == key }?.value
    }
}

/// A key-value pair of a mapping; keys are scalars (checked by the parser).
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
    public init(key: YAMLNode, value: YAMLNode) { self.key = key; self.value = value }
    /// The key text.
    public var name: String { key.scalar ?? "" }
}

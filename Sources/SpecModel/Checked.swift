import SpecSyntax

/// A YAML value checked against its `SchemaType`: numbers parsed, defaults filled, located.
/// Values that failed their check are absent, so later rules never report the same problem twice.
struct Checked: Sendable {
    enum Value: Sendable {
        case int(Int64)
        case number(Double)
        case string(String)
        case list([Checked])
        case object([Member])
        case null
    }
    struct Member: Sendable {
        var name: String
        var keyRange: SourceRange
        var value: Checked
    }

    var value: Value
    var range: SourceRange
    /// The YAML node it came from; nil for defaults.
    var node: YAMLNode?

    var isDefault: Bool { node == nil }
    var int: Int64? { if case .int(let i) = value { return i }; return nil }
    var number: Double? {
        switch value {
        case .number(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }
    var string: String? { if case .string(let s) = value { return s }; return nil }
    var list: [Checked]? { if case .list(let l) = value { return l }; return nil }
    var members: [Member]? { if case .object(let m) = value { return m }; return nil }
    subscript(key: String) -> Checked? { members?.first { $0.name == key }?.value }
    func member(_ key: String) -> Member? { members?.first { $0.name == key } }
}

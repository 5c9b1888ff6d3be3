// The resolved spec as an ordered tree: keys in the canonical order of DESIGN.md §3 (the order
// of FieldTable), domains in spec order. `show` prints it as YAML; `canonicalValue` derives the
// hashed JSON form from it.

/// A value tree whose mappings keep their key order.
public indirect enum OrderedValue: Sendable, Equatable {
    case int(Int64)
    case double(Double)
    case string(String)
    case bool(Bool)
    case list([OrderedValue])
    case map([OrderedMember])
    /// A mapping whose order is meaningful (domains): canonical JSON turns it into a list of
    /// objects with a `name` member so the order survives key sorting.
    case orderedMap([OrderedMember])

    /// A number: integral values become `.int` so `1M` and `1000000` print alike.
    public static func number(_ v: Double) -> OrderedValue {
        if v.isFinite, v == v.rounded(), abs(v) <= 9_007_199_254_740_992 { return .int(Int64(v)) }
        return .double(v)
    }

    /// The canonical JSON value (keys sorted on encoding; ordered maps as lists of named objects).
    public var canonicalValue: CanonicalValue {
        switch self {
        case .int(let i): return .int(i)
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items): return .array(items.map(\.canonicalValue))
        case .map(let members):
            return .object(Dictionary(members.map { ($0.key, $0.value.canonicalValue) }, uniquingKeysWith: { a, _ in a }))
        case .orderedMap(let members):
            return .array(members.map { member in
                var object: [String: CanonicalValue] = ["name": .string(member.key)]
                if case .map(let fields) = member.value {
                    for f in fields { object[f.key] = f.value.canonicalValue }
                }
                return .object(object)
            })
        }
    }
}

/// A key and its value.
public struct OrderedMember: Sendable, Equatable {
    public var key: String
    public var value: OrderedValue
    public init(_ key: String, _ value: OrderedValue) { self.key = key; self.value = value }
}

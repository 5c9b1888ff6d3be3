// One declarative description of every key of the spec. The validator (SchemaValidator), the
// JSON Schema generator (`mixspec schema`) and the README reference all read these values, so
// the three cannot disagree.

/// Named string formats with a hand-written matcher and the equivalent JSON Schema regex.
public enum NameFormat: String, Sendable, CaseIterable {
    /// `[a-z0-9][a-z0-9_-]*`: spec names.
    case specName
    /// `[a-z][a-z0-9_]*`: domain names (they appear in metric names such as `loss.pile_cc`).
    case domainName
    /// `[A-Za-z0-9][A-Za-z0-9_.-]*`: model and baseline names.
    case label

    /// The JSON Schema / ECMA regex.
    public var pattern: String {
        switch self {
        case .specName: return "^[a-z0-9][a-z0-9_-]*$"
        case .domainName: return "^[a-z][a-z0-9_]*$"
        case .label: return "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
        }
    }

    /// Words for messages.
    public var explanation: String {
        switch self {
        case .specName: return "lowercase letters, digits, '_' and '-', starting with a letter or digit"
        case .domainName: return "lowercase letters, digits and '_', starting with a letter"
        case .label: return "letters, digits, '_', '.' and '-', starting with a letter or digit"
        }
    }

    /// True when `s` matches the format.
    public func matches(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let first = u.first else { return false }
        func lower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
        func upper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        switch self {
        case .specName:
            return (lower(first) || digit(first)) && u.allSatisfy { lower($0) || digit($0) || $0 == 95 || $0 == 45 }
        case .domainName:
            return lower(first) && u.allSatisfy { lower($0) || digit($0) || $0 == 95 }
        case .label:
            return (lower(first) || upper(first) || digit(first))
                && u.allSatisfy { lower($0) || upper($0) || digit($0) || $0 == 95 || $0 == 46 || $0 == 45 }
        }
    }
}

/// The type of a spec value.
public indirect enum SchemaType: Sendable {
    /// A whole number; unit suffixes and scientific notation allowed.
    case integer(minimum: Int64?, maximum: Int64?)
    /// A real number; unit suffixes and scientific notation allowed.
    case number(minimum: Double?, maximum: Double?, exclusiveMinimum: Bool, exclusiveMaximum: Bool)
    /// Text, optionally restricted to a format.
    case string(format: NameFormat?)
    /// `true` or `false`.
    case boolean
    /// One of fixed words.
    case enumeration([String])
    /// An objective expression (grammars/objective.ebnf).
    case expression
    /// A list.
    case list(SchemaType, minItems: Int, maxItems: Int?)
    /// A mapping with fixed keys.
    case object([Field])
    /// A mapping from user-chosen keys (domain names) to values; `nullValues` allows `key:` alone.
    case map(key: NameFormat, value: SchemaType, nullValues: Bool)
    /// Alternatives told apart by YAML node kind (scalar, list, mapping); `summary` names them in errors.
    case oneOf([SchemaType], summary: String)

    /// Short words for the type, used in "expected …" messages.
    public var summary: String {
        switch self {
        case .integer: return "a whole number"
        case .number: return "a number"
        case .string: return "a string"
        case .boolean: return "true or false"
        case .enumeration(let words): return "one of " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .expression: return "an objective expression"
        case .list(let item, let lo, let hi):
            if lo == 2, hi == 2 { return "a pair [low, high] of \(item.pluralSummary)" }
            return "a list of \(item.pluralSummary)"
        case .object: return "a mapping"
        case .map: return "a mapping"
        case .oneOf(_, let summary): return summary
        }
    }

    var pluralSummary: String {
        switch self {
        case .integer: return "whole numbers"
        case .number: return "numbers"
        case .string: return "strings"
        case .enumeration(let words): return words.map { "'\($0)'" }.joined(separator: " / ")
        default: return "items"
        }
    }

    /// Convenience: numbers ≥ 0.
    public static let nonNegative = SchemaType.number(minimum: 0, maximum: nil, exclusiveMinimum: false, exclusiveMaximum: false)
    /// Convenience: numbers > 0.
    public static let positive = SchemaType.number(minimum: 0, maximum: nil, exclusiveMinimum: true, exclusiveMaximum: false)
    /// Convenience: whole numbers ≥ 1.
    public static let count = SchemaType.integer(minimum: 1, maximum: nil)
    /// Convenience: seeds, whole numbers ≥ 0.
    public static let seed = SchemaType.integer(minimum: 0, maximum: nil)
}

/// Whether a key must be written, gets a default, or may be absent.
public enum Presence: Sendable, Equatable {
    case required
    /// Filled with `default` (scalars) or with its own defaults (mappings) when absent.
    case defaulted
    case optional
}

/// One key of a mapping.
public struct Field: Sendable {
    public var name: String
    public var type: SchemaType
    public var presence: Presence
    /// The default value, for scalars and lists with `presence == .defaulted`.
    public var defaultValue: CanonicalValue?
    /// One sentence for the reference and the JSON Schema `description`.
    public var doc: String

    public init(_ name: String, _ type: SchemaType, _ presence: Presence, default defaultValue: CanonicalValue? = nil,
                doc: String) {
        self.name = name; self.type = type; self.presence = presence
        self.defaultValue = defaultValue; self.doc = doc
    }
}

// `mixspec schema`: JSON Schema (draft-07, the dialect yaml-language-server supports best)
// generated from FieldTable, the same declarations the validator enforces. Cross-field rules
// (exactly one objective direction, feasibility, swarm size) are beyond JSON Schema and are
// enforced by `mixspec check` only.

/// Generates the editor schema for spec files.
public enum JSONSchemaGenerator {
    /// Regex of numbers with unit suffixes as YAML strings (`40M`, `1.5k`, `2e-4`).
    public static let quantityPattern = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,4})?[kKMBT]?$"

    /// The schema document as canonical value (keys sorted when encoded).
    public static var schema: CanonicalValue {
        var root = objectSchema(FieldTable.root)
        if case .object(var o) = root {
            o["$schema"] = .string("http://json-schema.org/draft-07/schema#")
            o["$id"] = .string("https://github.com/mixspec/mixspec/grammars/mixspec.schema.json")
            o["title"] = .string("mixspec spec, format version 1")
            o["description"] = .string("A declarative data-mixture search experiment (see README: spec reference).")
            if case .object(var props)? = o["properties"], case .object(var version)? = props["mixspec"] {
                version["const"] = .int(1)
                props["mixspec"] = .object(version)
                props["extends"] = ExtendsSchema.property
                o["properties"] = .object(props)
            }
            // A spec that extends bases may leave the required top-level keys to them.
            if let required = o.removeValue(forKey: "required") {
                o["if"] = .object(["required": .array([.string("extends")])])
                o["else"] = .object(["required": required])
            }
            root = .object(o)
        }
        return root
    }

    /// The schema as pretty JSON text with a trailing newline (the committed file's exact content).
    public static var text: String { schema.prettyJSON + "\n" }

    static func objectSchema(_ fields: [Field]) -> CanonicalValue {
        var properties: [String: CanonicalValue] = [:]
        for field in fields {
            var s = typeSchema(field.type)
            // `key:` with no value is accepted where the validator reads it as an empty mapping:
            // maps (`bounds:`) and mappings that are not required (`sampler:` = all defaults).
            let nullable: Bool
            switch field.type {
            case .map: nullable = true
            case .object: nullable = field.presence != .required
            default: nullable = false
            }
            if nullable { s = .object(["anyOf": .array([s, .object(["type": .string("null")])])]) }
            if case .object(var o) = s {
                o["description"] = .string(field.doc)
                if let d = field.defaultValue { o["default"] = d }
                s = .object(o)
            }
            properties[field.name] = s
        }
        let required = fields.filter { $0.presence == .required }.map { CanonicalValue.string($0.name) }
        var o: [String: CanonicalValue] = [
            "type": .string("object"),
            "properties": .object(properties),
            "additionalProperties": .bool(false),
        ]
        if !required.isEmpty { o["required"] = .array(required) }
        return .object(o)
    }

    static func typeSchema(_ type: SchemaType) -> CanonicalValue {
        switch type {
        case .integer(let minimum, let maximum):
            var n: [String: CanonicalValue] = ["type": .string("integer")]
            if let minimum { n["minimum"] = .int(minimum) }
            if let maximum { n["maximum"] = .int(maximum) }
            return .object(["anyOf": .array([.object(n), quantityString])])
        case .number(let minimum, let maximum, let exclusiveMinimum, let exclusiveMaximum):
            var n: [String: CanonicalValue] = ["type": .string("number")]
            if let minimum { n[exclusiveMinimum ? "exclusiveMinimum" : "minimum"] = .number(minimum) }
            if let maximum { n[exclusiveMaximum ? "exclusiveMaximum" : "maximum"] = .number(maximum) }
            return .object(["anyOf": .array([.object(n), quantityString])])
        case .string(let format):
            var s: [String: CanonicalValue] = ["type": .string("string")]
            if let format { s["pattern"] = .string(format.pattern) }
            return .object(s)
        case .enumeration(let words):
            return .object(["type": .string("string"), "enum": .array(words.map { .string($0) })])
        case .boolean:
            return .object(["type": .string("boolean")])
        case .expression:
            return .object(["type": .string("string"), "minLength": .int(1)])
        case .list(let item, let minItems, let maxItems):
            var l: [String: CanonicalValue] = ["type": .string("array"), "items": typeSchema(item)]
            if minItems > 0 { l["minItems"] = .int(Int64(minItems)) }
            if let maxItems { l["maxItems"] = .int(Int64(maxItems)) }
            return .object(l)
        case .object(let fields):
            return objectSchema(fields)
        case .map(let key, let value, let nullValues):
            let v = nullValues ? CanonicalValue.object(["anyOf": .array([typeSchema(value), .object(["type": .string("null")])])])
                : typeSchema(value)
            return .object(["type": .string("object"), "propertyNames": .object(["pattern": .string(key.pattern)]),
                            "additionalProperties": v])
        case .oneOf(let alternatives, _):
            return .object(["anyOf": .array(alternatives.map(typeSchema))])
        }
    }

    static let quantityString = CanonicalValue.object(["type": .string("string"), "pattern": .string(quantityPattern)])
}

import SpecSyntax

/// Checks YAML nodes against `SchemaType`s: unknown keys (with suggestions), types, ranges,
/// required keys; fills defaults. Collects every problem rather than stopping at the first.
struct SchemaValidator {
    var diagnostics = DiagnosticBuffer()
    /// Paths of keys whose check failed (or whose mapping had unknown keys): cross-field rules
    /// that would read defaults in their place stay quiet instead of piling up follow-on errors.
    var errorPaths: Set<String> = []
    /// "Did you mean" searches left: a file with a million unknown keys prints a hundred errors,
    /// so only as many hints are looked for.
    var suggestionsLeft = DiagnosticLimits.perFile

    /// The known word closest to `word`, while searches are left.
    private mutating func closest(to word: String, in known: [String]) -> String? {
        guard suggestionsLeft > 0 else { return nil }
        suggestionsLeft -= 1
        return Suggestions.closest(to: word, in: known)
    }

    /// Checks a mapping node against `fields`; `path` names it in messages ("" for the root).
    mutating func checkObject(_ node: YAMLNode, fields: [Field], path: String) -> Checked? {
        guard let pairs = node.pairs else {
            if node.isNull { return fill(fields, at: node.range, path: path) }
            if let text = node.scalar, let key = Self.shorthandKey(fields) {
                // `objective: loss.web` or `web: data/*.txt`: show the mapping that was meant.
                let replacement = "{\(key): \(Self.flowItem(text))}"
                diagnostics.append(.error("expected a mapping for '\(path)', found \(node.typeDescription)", at: node.range,
                                          fixIt: FixIt("write it as \(replacement)", range: node.range, replacement: replacement)))
                return nil
            }
            typeError(node, expected: "a mapping", path: path)
            return nil
        }
        if let split = Self.splitFlowExpression(node, fields: fields) {
            // `{minimize: mean(loss.a, loss.c)}`: YAML ended the entry at the comma. One clear error, not two odd ones.
            let text = split.pieces.joined(separator: ", ")
            diagnostics.append(.error("the expression of '\(path).\(split.key)' was cut at a comma: in a flow mapping `{…}` YAML reads "
                                      + "',' as the end of an entry; quote the expression", at: split.range,
                                      fixIt: FixIt("write \(split.key): \"\(text)\"", range: split.range, replacement: "\"\(text)\"")))
            return nil
        }
        var members: [Checked.Member] = []
        let known = fields.map(\.name)
        var knownKeys: String?  // the note listing them, made once
        for pair in pairs where !known.contains(pair.name) {
            let guess = closest(to: pair.name, in: known)
            if knownKeys == nil { knownKeys = "known keys: " + known.joined(separator: ", ") }
            unknownKey(pair, guess: guess, knownKeys: knownKeys ?? "", path: path)
            errorPaths.insert(path.isEmpty ? pair.name : path)
            // A misspelt key most likely meant the suggested one: treat that as broken too.
            if let guess { errorPaths.insert(path.isEmpty ? guess : path + "." + guess) }
        }
        for field in fields {
            let fieldPath = path.isEmpty ? field.name : path + "." + field.name
            let before = diagnostics.count
            defer { if diagnostics.count > before { errorPaths.insert(fieldPath) } }
            if let pair = pairs.first(where: { $0.name == field.name }) {
                if pair.value.isNull, case .object = field.type, field.presence != .required {
                    // `sampler:` with nothing is an empty mapping: all defaults.
                    if let v = check(pair.value, field.type, path: fieldPath) {
                        members.append(.init(name: field.name, keyRange: pair.key.range, value: v))
                    }
                    continue
                }
                if pair.value.isNull, case .map(_, _, _) = field.type {
                    members.append(.init(name: field.name, keyRange: pair.key.range,
                                         value: Checked(value: .object([]), range: pair.value.range, node: pair.value)))
                    continue
                }
                if let v = check(pair.value, field.type, path: fieldPath) {
                    members.append(.init(name: field.name, keyRange: pair.key.range, value: v))
                }
            } else {
                switch field.presence {
                case .required:
                    diagnostics.append(.error("missing required key '\(field.name)'\(path.isEmpty ? "" : " in '\(path)'")",
                                              at: keyAnchor(node), notes: [DiagnosticNote(field.doc)]))
                case .optional:
                    break
                case .defaulted:
                    if let v = defaultValue(field, at: node.range, path: fieldPath) {
                        members.append(.init(name: field.name, keyRange: node.range, value: v))
                    }
                }
            }
        }
        return Checked(value: .object(members), range: node.range, node: node)
    }

    /// The key a lone scalar most likely belongs to, for mappings that have an obvious one.
    static func shorthandKey(_ fields: [Field]) -> String? {
        let names = fields.map(\.name)
        if names.contains("minimize") { return "minimize" }
        if names.contains("path") && names.contains("synthetic") { return "path" }
        return nil
    }

    /// A point at the start of a mapping (for "missing key" errors), not the whole block.
    private func keyAnchor(_ node: YAMLNode) -> SourceRange {
        if let first = node.pairs?.first { return first.key.range }
        return node.range
    }

    private mutating func unknownKey(_ pair: YAMLPair, guess: String?, knownKeys: String, path: String) {
        let where_ = path.isEmpty ? "at the top level" : "in '\(path)'"
        if let guess {
            diagnostics.append(.error("unknown key '\(pair.name)' \(where_); did you mean '\(guess)'?", at: pair.key.range,
                                      fixIt: FixIt("replace '\(pair.name)' with '\(guess)'", range: pair.key.range,
                                                   replacement: guess)))
        } else {
            diagnostics.append(.error("unknown key '\(pair.name)' \(where_)", at: pair.key.range,
                                      notes: [DiagnosticNote(knownKeys)]))
        }
    }

    /// The value of an absent defaulted field.
    private mutating func defaultValue(_ field: Field, at range: SourceRange, path: String) -> Checked? {
        if case .object(let fields) = field.type { return fill(fields, at: range, path: path) }
        guard let value = field.defaultValue else { return nil }
        return Self.checked(value, at: range)
    }

    /// A mapping made only of defaults.
    private mutating func fill(_ fields: [Field], at range: SourceRange, path: String) -> Checked? {
        var members: [Checked.Member] = []
        for field in fields {
            let fieldPath = path.isEmpty ? field.name : path + "." + field.name
            switch field.presence {
            case .required:
                diagnostics.append(.error("missing required key '\(field.name)' in '\(path)'", at: range,
                                          notes: [DiagnosticNote(field.doc)]))
            case .optional: break
            case .defaulted:
                if let v = defaultValue(field, at: range, path: fieldPath) {
                    members.append(.init(name: field.name, keyRange: range, value: v))
                }
            }
        }
        return Checked(value: .object(members), range: range, node: nil)
    }

    static func checked(_ value: CanonicalValue, at range: SourceRange) -> Checked {
        switch value {
        case .int(let i): return Checked(value: .int(i), range: range, node: nil)
        case .double(let d): return Checked(value: .number(d), range: range, node: nil)
        case .string(let s): return Checked(value: .string(s), range: range, node: nil)
        case .array(let a): return Checked(value: .list(a.map { checked($0, at: range) }), range: range, node: nil)
        case .object(let o):
            return Checked(value: .object(o.keys.sorted().map { .init(name: $0, keyRange: range, value: checked(o[$0]!, at: range)) }),
                           range: range, node: nil)
        case .bool, .null: return Checked(value: .null, range: range, node: nil)
        }
    }

    /// Checks any node against a type.
    mutating func check(_ node: YAMLNode, _ type: SchemaType, path: String, within summary: String? = nil) -> Checked? {
        if node.tag == YAMLNode.invalidTag { return nil }  // already reported by the parser
        switch type {
        case .integer(let minimum, let maximum):
            guard let text = scalarText(node, type, path: path) else { return nil }
            switch Quantity.parseInteger(text) {
            case .failure(.tooLarge) where text.hasPrefix("-") ? minimum != nil : maximum != nil:
                rangeError(node, text.hasPrefix("-") ? "'\(path)' must be at least \(minimum!), found \(text)"
                                                     : "'\(path)' must be at most \(Self.limit(maximum!)), found \(text)")
                return nil
            case .failure(let failure):
                numberError(node, text: text, failure: failure, expected: type.summary, path: path, whole: true); return nil
            case .success(let v):
                if let minimum, v < minimum {
                    rangeError(node, "'\(path)' must be at least \(minimum), found \(text)"); return nil
                }
                if let maximum, v > maximum {
                    rangeError(node, "'\(path)' must be at most \(Self.limit(maximum)), found \(text)"); return nil
                }
                return Checked(value: .int(v), range: node.range, node: node)
            }
        case .number(let minimum, let maximum, let exclusiveMinimum, let exclusiveMaximum):
            guard let text = scalarText(node, type, path: path) else { return nil }
            switch Quantity.parse(text) {
            case .failure(.tooLarge) where text.hasPrefix("-") ? minimum != nil : maximum != nil:
                rangeError(node, text.hasPrefix("-")
                           ? "'\(path)' must be \(exclusiveMinimum ? "greater than" : "at least") \(Self.format(minimum!)), found \(text)"
                           : "'\(path)' must be \(exclusiveMaximum ? "less than" : "at most") \(Self.format(maximum!)), found \(text)")
                return nil
            case .failure(let failure):
                numberError(node, text: text, failure: failure, expected: type.summary, path: path, whole: false); return nil
            case .success(let v):
                if let minimum, exclusiveMinimum ? v <= minimum : v < minimum {
                    rangeError(node, "'\(path)' must be \(exclusiveMinimum ? "greater than" : "at least") \(Self.format(minimum)), found \(text)")
                    return nil
                }
                if let maximum, exclusiveMaximum ? v >= maximum : v > maximum {
                    rangeError(node, "'\(path)' must be \(exclusiveMaximum ? "less than" : "at most") \(Self.format(maximum)), found \(text)")
                    return nil
                }
                return Checked(value: .number(v), range: node.range, node: node)
            }
        case .string(let format):
            guard let text = scalarText(node, type, path: path, allowAnyScalar: true) else { return nil }
            if let format, !format.matches(text) {
                diagnostics.append(.error("'\(text)' is not a valid name for '\(path)': use \(format.explanation)",
                                          at: node.range))
                return nil
            }
            return Checked(value: .string(text), range: node.range, node: node)
        case .boolean:
            // YAML 1.2's core schema: only `true` and `false` (not 1.1's yes/no/on/off).
            // A quoted 'true' is a string to YAML (and to editors reading the JSON Schema).
            guard let text = scalarText(node, type, path: path), case .scalar(_, .plain) = node.kind,
                  let value = ["true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false][text] else {
                if node.scalar != nil, !node.isNull { typeError(node, expected: type.summary, path: path) }
                return nil
            }
            return Checked(value: .string(value ? "true" : "false"), range: node.range, node: node)
        case .expression:
            guard let text = scalarText(node, type, path: path, allowAnyScalar: true) else { return nil }
            return Checked(value: .string(text), range: node.range, node: node)
        case .enumeration(let words):
            guard let text = scalarText(node, type, path: path, allowAnyScalar: true) else { return nil }
            guard words.contains(text) else {
                let listed = words.map { "'\($0)'" }.joined(separator: ", ")
                let expected = words.count == 1 ? (summary ?? listed) : listed
                if let guess = closest(to: text, in: words) {
                    diagnostics.append(.error("unknown value '\(text)' for '\(path)'; did you mean '\(guess)'?", at: node.range,
                                              notes: [DiagnosticNote("expected \(expected)")],
                                              fixIt: FixIt("replace '\(text)' with '\(guess)'", range: node.range, replacement: guess)))
                } else {
                    diagnostics.append(.error("unknown value '\(text)' for '\(path)'; expected \(expected)", at: node.range))
                }
                return nil
            }
            return Checked(value: .string(text), range: node.range, node: node)
        case .list(let item, let minItems, let maxItems):
            guard let items = node.items else {
                listTypeError(node, type, path: path); return nil
            }
            if items.count < minItems || (maxItems.map { items.count > $0 } ?? false) {
                let want = minItems == maxItems ? "exactly \(minItems)" : items.count < minItems ? "at least \(minItems)" : "at most \(maxItems!)"
                diagnostics.append(.error("'\(path)' needs \(want) item\(want.hasSuffix(" 1") ? "" : "s"), found \(items.count)",
                                          at: node.range))
                return nil
            }
            var out: [Checked] = []
            var ok = true
            for (i, element) in items.enumerated() {
                if let v = check(element, item, path: "\(path)[\(i)]") { out.append(v) } else { ok = false }
            }
            return ok ? Checked(value: .list(out), range: node.range, node: node) : nil
        case .object(let fields):
            return checkObject(node, fields: fields, path: path)
        case .map(let keyFormat, let valueType, let nullValues):
            guard let pairs = node.pairs else { typeError(node, expected: "a mapping", path: path); return nil }
            var members: [Checked.Member] = []
            for pair in pairs {
                let name = pair.name
                if !keyFormat.matches(name) {
                    diagnostics.append(.error("'\(name)' is not a valid key in '\(path)': use \(keyFormat.explanation)",
                                              at: pair.key.range))
                    continue
                }
                let entryPath = path + "." + name
                if pair.value.isNull, nullValues {
                    if case .object(let fields) = valueType, let v = fill(fields, at: pair.value.range, path: entryPath) {
                        members.append(.init(name: name, keyRange: pair.key.range, value: v))
                    }
                    continue
                }
                if let v = check(pair.value, valueType, path: entryPath) {
                    members.append(.init(name: name, keyRange: pair.key.range, value: v))
                }
            }
            return Checked(value: .object(members), range: node.range, node: node)
        case .oneOf(let alternatives, let summary):
            for alternative in alternatives where Self.kindMatches(node, alternative) {
                return check(node, alternative, path: path, within: summary)
            }
            typeError(node, expected: summary, path: path)
            return nil
        }
    }

    static func kindMatches(_ node: YAMLNode, _ type: SchemaType) -> Bool {
        switch (node.kind, type) {
        case (.sequence, .list): return true
        case (.mapping, .object), (.mapping, .map): return true
        case (.scalar, .integer), (.scalar, .number), (.scalar, .string), (.scalar, .enumeration), (.scalar, .expression):
            return !node.isNull
        default: return false
        }
    }

    /// The text of a scalar node, or a type error. Numbers come from plain or quoted scalars alike.
    private mutating func scalarText(_ node: YAMLNode, _ type: SchemaType, path: String, allowAnyScalar: Bool = false) -> String? {
        guard case .scalar(let text, _) = node.kind, !node.isNull else {
            typeError(node, expected: type.summary, path: path); return nil
        }
        return text
    }

    private mutating func typeError(_ node: YAMLNode, expected: String, path: String) {
        if node.isNull {
            diagnostics.append(.error("'\(path)' is empty; expected \(expected)", at: node.range))
        } else {
            diagnostics.append(.error("expected \(expected) for '\(path)', found \(node.typeDescription)", at: node.range))
        }
    }

    /// A scalar where a list was expected; for lists of strings suggest the flow list.
    private mutating func listTypeError(_ node: YAMLNode, _ type: SchemaType, path: String) {
        if case .list(.string, _, _) = type, let text = node.scalar, !node.isNull {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { Self.flowItem(String($0)) }
            let replacement = "[" + words.joined(separator: ", ") + "]"
            diagnostics.append(.error("expected \(type.summary) for '\(path)', found a string", at: node.range,
                                      fixIt: FixIt("write it as a list: \(replacement)", range: node.range, replacement: replacement)))
            return
        }
        typeError(node, expected: type.summary, path: path)
    }

    /// A word as a YAML flow item: quoted when it holds characters that flow syntax would take.
    static func flowItem(_ word: String) -> String {
        let special: Set<Character> = ["{", "}", "[", "]", ",", ":", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]
        if word.contains(where: { special.contains($0) }) { return "'" + word.replacingQuotes(with: "''") + "'" }
        return word
    }

    private mutating func numberError(_ node: YAMLNode, text: String, failure: Quantity.Failure, expected: String, path: String,
                                      whole: Bool) {
        switch failure {
        case .notANumber:
            diagnostics.append(.error("expected \(expected) for '\(path)', found '\(text)'", at: node.range,
                                      notes: [DiagnosticNote("numbers may use scientific notation (2e-4) and the suffixes k, M, B, T")]))
        case .lowercaseSuffix(let c):
            let upper = String(c).uppercased()
            let fixed = String(text.dropLast()) + upper
            diagnostics.append(.error("unknown unit suffix '\(c)' in '\(text)'; suffixes are k, M, B, T (powers of 1000)",
                                      at: node.range, fixIt: FixIt("replace '\(text)' with '\(fixed)'", range: node.range, replacement: fixed)))
        case .notWhole:
            diagnostics.append(.error("'\(path)' must be a whole number, found \(text)", at: node.range))
        case .tooLarge:
            let largest = whole ? "whole number is \(Int64.max)" : "number is about 1.8e308"
            diagnostics.append(.error("'\(path)' is too large: \(text); the largest \(largest)", at: node.range))
        }
    }

    private mutating func rangeError(_ node: YAMLNode, _ message: String) {
        diagnostics.append(.error(message, at: node.range))
    }

    /// Numbers in messages: integers without ".0".
    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) <= 1e15 ? String(Int64(v)) : "\(v)"
    }

    /// A limit in messages: digits, and the unit form for large round ones (`1000000 (1M)`).
    static func limit(_ v: Int64) -> String {
        guard v >= 10_000, let short = Quantity.suffixed(v) else { return String(v) }
        return "\(v) (\(short))"
    }
}

extension String {
    func replacingQuotes(with replacement: String) -> String {
        split(separator: "'", omittingEmptySubsequences: false).joined(separator: replacement)
    }

}

extension SchemaValidator {
    /// An expression field of a flow mapping whose plain value has unclosed parentheses, followed by
    /// null-valued unknown keys that close them: the pieces YAML split at commas, and their range.
    static func splitFlowExpression(_ node: YAMLNode, fields: [Field]) -> (key: String, pieces: [String], range: SourceRange)? {
        guard node.isFlow, let pairs = node.pairs else { return nil }
        let expressionKeys = Set(fields.filter { if case .expression = $0.type { return true } else { return false } }.map(\.name))
        for (index, pair) in pairs.enumerated() where expressionKeys.contains(pair.name) {
            guard let text = pair.value.scalar, pair.value.scalarStyle == .plain else { continue }
            var depth = text.reduce(0) { $0 + ($1 == "(" ? 1 : $1 == ")" ? -1 : 0) }
            guard depth > 0 else { continue }
            var pieces = [text]
            var end = pair.value.range
            for next in pairs[(index + 1)...] {
                guard next.value.isNull, !expressionKeys.contains(next.name) else { break }
                pieces.append(next.name)
                end = next.key.range
                depth += next.name.reduce(0) { $0 + ($1 == "(" ? 1 : $1 == ")" ? -1 : 0) }
                if depth <= 0 { break }
            }
            guard pieces.count > 1, depth <= 0 else { continue }
            return (pair.name, pieces, SourceRange(file: pair.value.range.file, start: pair.value.range.start, end: end.end))
        }
        return nil
    }
}

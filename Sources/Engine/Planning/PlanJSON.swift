// Machine-readable forms of plans and run reports (DESIGN.md §7 `plan --json`, `run --json`).
import Compiler
import SpecModel

extension PlanEntry {
    /// `{"id", "kind", "state", "reason", "key"?}`.
    public var canonical: CanonicalValue {
        var object: [String: CanonicalValue] = [
            "id": .string(id.rawValue), "kind": .string(kind.rawValue),
            "state": .string(state.rawValue), "reason": .string(reason),
        ]
        if let key { object["key"] = .string(key) }
        return .object(object)
    }
}

extension Plan {
    /// `{"tasks": [...], "counts": {"cached", "stale", "new"}}`.
    public var canonical: CanonicalValue {
        .object([
            "tasks": .array(entries.map(\.canonical)),
            "counts": .object(["cached": .int(Int64(count(.cached))), "stale": .int(Int64(count(.stale))),
                               "new": .int(Int64(count(.new)))]),
        ])
    }
}

extension Plan {
    /// `canonical.prettyJSON`, written straight into one buffer: a 100,000-task plan would
    /// otherwise build, sort and walk a value tree of every entry first.
    public var prettyJSON: String {
        var out = PrettyJSONWriter(capacity: 64 + entries.count * 240)
        out.text("{\n  \"counts\": {\n    \"cached\": ")
        out.text(String(count(.cached)))
        out.text(",\n    \"new\": ")
        out.text(String(count(.new)))
        out.text(",\n    \"stale\": ")
        out.text(String(count(.stale)))
        out.text("\n  },\n  \"tasks\": ")
        // Members in key order, as the canonical encoding sorts them.
        out.array(entries) { out, entry in
            out.member("id", entry.id.rawValue, first: true)
            if let key = entry.key { out.member("key", key) }
            out.member("kind", entry.kind.rawValue)
            out.member("reason", entry.reason)
            out.member("state", entry.state.rawValue)
        }
        out.text("\n}")
        return out.string
    }
}

extension RunReport {
    /// The pretty JSON of `canonical` with the members of `extra` added (`run --json`), its task
    /// list written straight into the text (100,000 tasks would otherwise go through a value tree).
    public func prettyJSON(adding extra: [String: CanonicalValue]) -> String {
        guard case .object(var fields) = canonical(withTasks: false) else { return "" }
        fields.merge(extra) { _, new in new }
        // Members in key order: those before "tasks" (always some: the counts), the task list, then
        // those after it (e.g. "warnings"), each part rendered as the canonical pretty form would.
        let before = fields.filter { $0.key.utf8.lexicographicallyPrecedes("tasks".utf8) }
        let after = fields.filter { "tasks".utf8.lexicographicallyPrecedes($0.key.utf8) }
        guard extra["tasks"] == nil, !before.isEmpty else {
            if case .object(let all) = canonical { fields["tasks"] = all["tasks"] }
            return CanonicalValue.object(fields).prettyJSON
        }
        var out = PrettyJSONWriter(capacity: 256 + results.count * 200)
        out.text(String(CanonicalValue.object(before).prettyJSON.dropLast(2)))
        out.text(",\n  \"tasks\": ")
        out.array(results) { out, result in
            out.member("id", result.id.rawValue, first: true)
            out.member("kind", result.kind.rawValue)
            if let message = result.message { out.member("message", message) }
            out.member("outcome", result.outcome.rawValue)
            if let digest = result.outputDigest { out.member("output", digest) }
        }
        if !after.isEmpty {
            // "{\n  members…\n}": the members at the document's first level, without the braces.
            out.text(",\n" + CanonicalValue.object(after).prettyJSON.dropFirst(2).dropLast(2))
        }
        out.text("\n}")
        return out.string
    }
}

/// Pretty JSON (two-space indentation, as `CanonicalValue.prettyJSON`) for long arrays of flat
/// string objects at the second level of a document, written into one byte buffer.
private struct PrettyJSONWriter {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// `[…]` of one object per element (or `[]`), the objects' members written by `members`.
    mutating func array<T>(_ elements: [T], _ members: (inout PrettyJSONWriter, T) -> Void) {
        guard !elements.isEmpty else { text("[]"); return }
        text("[")
        for (n, element) in elements.enumerated() {
            text(n == 0 ? "\n    {" : ",\n    {")
            members(&self, element)
            text("\n    }")
        }
        text("\n  ]")
    }

    /// `"name": "value"` on its own line inside an object of the array.
    mutating func member(_ name: StaticString, _ value: String, first: Bool = false) {
        text(first ? "\n      \"" : ",\n      \"")
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        text("\": ")
        let plain = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if plain == true { return }
        var escaped = ""
        CanonicalValue.writeString(value, into: &escaped)
        text(escaped)
    }
}

extension RunReport {
    /// `{"executed", "cached", "failed", "skipped", "cancelled": Bool, "tasks": [{"id", "kind", "outcome", "output"?, "message"?}]}`.
    public var canonical: CanonicalValue { canonical(withTasks: true) }

    private func canonical(withTasks: Bool) -> CanonicalValue {
        var fields: [String: CanonicalValue] = [
            "executed": .int(Int64(executed)), "cached": .int(Int64(cached)), "failed": .int(Int64(failed)),
            "skipped": .int(Int64(skipped)), "cancelled": .bool(wasCancelled),
        ]
        // Only runs that handed tasks to a cluster and did not wait (`run --detach`) say so.
        if submitted > 0 { fields["submitted"] = .int(Int64(submitted)) }
        guard withTasks else { return .object(fields) }
        fields["tasks"] = .array(results.map { result in
            var object: [String: CanonicalValue] = [
                "id": .string(result.id.rawValue), "kind": .string(result.kind.rawValue),
                "outcome": .string(result.outcome.rawValue),
            ]
            if let digest = result.outputDigest { object["output"] = .string(digest) }
            if let message = result.message { object["message"] = .string(message) }
            return .object(object)
        })
        return .object(fields)
    }
}

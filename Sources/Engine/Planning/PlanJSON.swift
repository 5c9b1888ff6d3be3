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
        var out: [UInt8] = []
        out.reserveCapacity(64 + entries.count * 240)
        func text(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func string(_ s: String) {
            let plain = s.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
                guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: utf8)
                out.append(UInt8(ascii: "\""))
                return true
            }
            if plain == true { return }
            var escaped = ""
            CanonicalValue.writeString(s, into: &escaped)
            out.append(contentsOf: escaped.utf8)
        }
        text("{\n  \"counts\": {\n    \"cached\": ")
        out.append(contentsOf: String(count(.cached)).utf8)
        text(",\n    \"new\": ")
        out.append(contentsOf: String(count(.new)).utf8)
        text(",\n    \"stale\": ")
        out.append(contentsOf: String(count(.stale)).utf8)
        text("\n  },\n  \"tasks\": ")
        if entries.isEmpty {
            text("[]\n}")
        } else {
            text("[")
            // Members in key order, as the canonical encoding sorts them.
            for (n, entry) in entries.enumerated() {
                if n > 0 { text(",") }
                text("\n    {\n      \"id\": ")
                string(entry.id.rawValue)
                if let key = entry.key {
                    text(",\n      \"key\": ")
                    string(key)
                }
                text(",\n      \"kind\": ")
                string(entry.kind.rawValue)
                text(",\n      \"reason\": ")
                string(entry.reason)
                text(",\n      \"state\": ")
                string(entry.state.rawValue)
                text("\n    }")
            }
            text("\n  ]\n}")
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension RunReport {
    /// `{"executed", "cached", "failed", "skipped", "cancelled": Bool, "tasks": [{"id", "kind", "outcome", "output"?, "message"?}]}`.
    public var canonical: CanonicalValue {
        .object([
            "executed": .int(Int64(executed)), "cached": .int(Int64(cached)), "failed": .int(Int64(failed)),
            "skipped": .int(Int64(skipped)), "cancelled": .bool(wasCancelled),
            "tasks": .array(results.map { result in
                var object: [String: CanonicalValue] = [
                    "id": .string(result.id.rawValue), "kind": .string(result.kind.rawValue),
                    "outcome": .string(result.outcome.rawValue),
                ]
                if let digest = result.outputDigest { object["output"] = .string(digest) }
                if let message = result.message { object["message"] = .string(message) }
                return .object(object)
            }),
        ])
    }
}

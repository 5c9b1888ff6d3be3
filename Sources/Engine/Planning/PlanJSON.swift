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

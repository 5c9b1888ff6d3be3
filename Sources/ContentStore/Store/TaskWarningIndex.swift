// Warnings of stored results, by task key, in `warnings.json`: a run that reuses a result shows its
// warnings again (marked cached) without reading every action record — most results have none,
// so the file stays small and is read once per run.
import Foundation
import SpecModel

/// The store's index of the warnings each recorded result raised.
public enum TaskWarningIndex {
    private static let lock = NSLock()

    static func path(_ store: Store) -> String { store.root + "/warnings.json" }

    /// Every key's warnings (empty when none were recorded or the file is unreadable).
    public static func load(_ store: Store) -> [String: [String]] {
        guard let data = try? AtomicFile.read(path(store), limit: ReadLimits.storeIndex),
              case .object(let keys)? = try? JSONParser.parse(data) else { return [:] }
        var out: [String: [String]] = [:]
        for (key, value) in keys {
            guard case .array(let items) = value else { continue }
            out[key] = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        return out
    }

    /// Records `warnings` for `key` (the caller holds the store's write lock; tasks of one run
    /// record concurrently, so the read-modify-write is serialised here).
    public static func record(_ warnings: [String], for key: String, in store: Store) throws {
        guard !warnings.isEmpty else { return }
        try lock.withLock {
            var all = load(store)
            all[key] = warnings
            let value = CanonicalValue.object(all.mapValues { .array($0.map(CanonicalValue.string)) })
            try AtomicFile.write(Data(value.canonicalJSON.utf8), to: path(store), durable: store.durable, inside: store.root)
        }
    }
}

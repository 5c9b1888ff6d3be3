// The planner: walks the graph in topological order, derives each key from the cached outputs of
// its upstreams, and classifies the task. Read-only on the store (no lock needed).
import Compiler
import ContentStore
import Foundation
import Parallel
import SpecModel

/// Computes plans and explanations for task graphs against a store.
public struct Planner: Sendable {
    public let store: Store
    public let files: FileDigestCache
    public let declarations: UnchangedDeclarations

    /// A planner over `store`; `files` memoises input-file digests (defaults to the store's memo).
    public init(store: Store, files: FileDigestCache? = nil) {
        self.store = store
        self.files = files ?? FileDigestCache(store: store)
        self.declarations = UnchangedDeclarations(store: store)
    }

    /// The state of every task of `graph`.
    public func plan(_ graph: TaskGraph) -> Plan {
        let nodes = graph.nodes
        // Tasks of one depth level depend only on shallower ones: classify each level on all cores.
        var depth: [TaskID: Int] = [:]
        depth.reserveCapacity(nodes.count)
        var levels: [[Int]] = []
        for (i, node) in nodes.enumerated() {
            let level = node.inputs.reduce(0) { max($0, (depth[$1] ?? 0) + 1) }
            depth[node.id] = level
            while levels.count <= level { levels.append([]) }
            levels[level].append(i)
        }
        var outputDigests: [TaskID: String] = [:]
        outputDigests.reserveCapacity(nodes.count)
        var entries = [PlanEntry?](repeating: nil, count: nodes.count)
        for level in levels {
            let snapshot = outputDigests
            let classified = level.parallelMap { classify(nodes[$0], outputDigests: snapshot) }
            for (i, entry) in zip(level, classified) {
                if let digest = entry.outputDigest { outputDigests[nodes[i].id] = digest }
                entries[i] = entry
            }
        }
        try? files.save()
        return Plan(entries: entries.map { $0! })
    }

    /// The plan entry of one task, with every change since its last record (for `explain`).
    public func explain(_ id: TaskID, in graph: TaskGraph) -> Explanation? {
        guard graph[id] != nil else { return nil }
        var outputDigests: [TaskID: String] = [:]
        for node in graph.nodes {
            let entry = classify(node, outputDigests: outputDigests)
            if node.id == id {
                try? files.save()
                return Explanation(entry: entry, lastRecord: store.lastRecord(for: id))
            }
            if let digest = entry.outputDigest { outputDigests[node.id] = digest }
        }
        return nil
    }

    func classify(_ node: TaskNode, outputDigests: [TaskID: String]) -> PlanEntry {
        var entry = PlanEntry(id: node.id, kind: node.kind, state: .new, reason: "", key: nil,
                              outputDigest: nil, changes: [])
        switch KeyResolver.resolve(node, outputDigests: outputDigests, files: files, declarations: declarations) {
        case .success(let resolved):
            entry.key = resolved.key
            entry.declarations = resolved.declarations
            var missDetail: String?
            switch CacheLookup.lookup(resolved.key, in: store) {
            case .hit(let record):
                entry.state = .cached
                entry.reason = "up to date"
                entry.outputDigest = record.outputDigest
                return entry
            case .miss(let detail):
                missDetail = detail
            }
            guard let last = store.lastRecord(for: node.id) else {
                entry.reason = missDetail.map { "never completed; \($0)" } ?? "never run"
                return entry
            }
            entry.state = .stale
            if last.key == resolved.key {
                entry.reason = missDetail ?? "its cached result is missing or corrupt"
                return entry
            }
            entry.changes = MaterialDiff.changes(old: last.material, new: resolved.material.canonical,
                                                 dataManifest: store.dataManifest)
            entry.reason = Self.summarise(entry.changes)
        case .failure(let blocker):
            let last = store.lastRecord(for: node.id)
            entry.state = last == nil ? .new : .stale
            switch blocker {
            case .upstream(let upstream):
                let pending = node.inputs.filter { outputDigests[$0] == nil }
                if let last {
                    entry.changes = MaterialDiff.changes(old: last.material, new: partialMaterial(node, outputDigests),
                                                         pendingInputs: pending, dataManifest: store.dataManifest)
                        .filter { if case .file = $0 { return false } else { return true } }
                }
                entry.reason = last == nil ? "never run" : "input \(upstream) will rerun"
                if last != nil, let first = entry.changes.first(where: { if case .input = $0 { false } else { true } }) {
                    entry.reason = first.description + "; input \(upstream) will rerun"
                }
            case .file(let path, _):
                entry.reason = "input file \(displayPath(path)) cannot be read"
            }
        }
        return entry
    }

    /// Key material without the unknown upstreams or files, to diff parameters against the last record.
    private func partialMaterial(_ node: TaskNode, _ outputDigests: [TaskID: String]) -> CanonicalValue {
        var inputs: [TaskID: String] = [:]
        for input in node.inputs { if let d = outputDigests[input] { inputs[input] = d } }
        return TaskKeyMaterial(kind: node.kind, version: node.version, parameters: node.parameters,
                               inputDigests: inputs, fileDigests: [:]).canonical
    }

    static func summarise(_ changes: [MaterialChange]) -> String {
        guard let first = changes.first else { return "its key changed" }
        return changes.count == 1 ? first.description : "\(first.description) (and \(changes.count - 1) more)"
    }
}

/// Why a task is in its state: its plan entry and the last record written for its id.
public struct Explanation: Sendable {
    public var entry: PlanEntry
    public var lastRecord: ActionRecord?

    /// Human-readable lines: state, key, and every change old → new.
    public var lines: [String] {
        var out = ["\(entry.id) (\(entry.kind.rawValue)): \(entry.state.rawValue): \(entry.reason)"]
        if let key = entry.key { out.append("  key: \(key)") } else { out.append("  key: not known until its inputs run") }
        if let lastRecord {
            out.append("  last run: key \(lastRecord.key), \(lastRecord.created), \(String(format: "%.2f", lastRecord.duration)) s")
        } else {
            out.append("  last run: none")
        }
        for change in entry.changes { out.append("  - \(change)") }
        for declaration in entry.declarations { out.append("  - \(declaration.description)") }
        return out
    }
}

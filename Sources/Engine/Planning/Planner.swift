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
    /// The last-run index compared against (a spec's name).
    public let index: String
    public let files: FileDigestCache
    public let declarations: UnchangedDeclarations
    /// Re-hash every record's blob instead of trusting the verification memo.
    public let verify: Bool

    /// A planner over `store` comparing against the last-run index `index` (the spec's name);
    /// `files` memoises input-file digests (defaults to the store's memo). With `verify`, every
    /// cached output is re-hashed even when its file is unchanged since it last verified.
    public init(store: Store, index: String = TaskIndex.defaultName, files: FileDigestCache? = nil, verify: Bool = false) {
        self.store = store
        self.index = index
        self.files = files ?? FileDigestCache(store: store)
        self.declarations = UnchangedDeclarations(store: store)
        self.verify = verify
    }

    /// What one plan reads once: the spec's last-run pointers (only when a task is not cached),
    /// the verification memo, and the encodings of parameter values its keys share (one cache per
    /// thread: shared values are encoded once per chunk of tasks, without contention).
    struct Context: Sendable {
        private let lazyIndex: LazyIndex
        var verified: VerificationMemo
        var keys = KeyEncodingCache()

        func withOwnKeyCache() -> Context {
            var copy = self
            copy.keys = KeyEncodingCache()
            return copy
        }

        init(store: Store, index: String, verify: Bool) {
            lazyIndex = LazyIndex(store: store, name: index)
            verified = VerificationMemo(store: store, rehashAll: verify)
        }

        var index: TaskIndex { lazyIndex.value }
    }

    private final class LazyIndex: @unchecked Sendable {
        private let lock = NSLock()
        private let store: Store
        private let name: String
        private var loaded: TaskIndex?

        init(store: Store, name: String) { self.store = store; self.name = name }

        var value: TaskIndex {
            lock.withLock {
                if let loaded { return loaded }
                let index = TaskIndex(store: store, name: name)
                loaded = index
                return index
            }
        }
    }

    private func context() -> Context { Context(store: store, index: index, verify: verify) }

    private func save(_ context: Context) {
        try? files.save()
        try? context.verified.save()
    }

    /// The state of every task of `graph`.
    public func plan(_ graph: TaskGraph) -> Plan {
        let nodes = graph.nodes
        // The verification memo loads on another core while the levels are found.
        nonisolated(unsafe) var loaded: Context?
        let loading = DispatchGroup()
        DispatchQueue.global().async(group: loading) { loaded = self.context() }
        // Tasks of one depth level depend only on shallower ones: classify each level on all cores.
        var depth = [Int](repeating: 0, count: nodes.count)
        var levels: [[Int]] = []
        for i in nodes.indices {
            let level = nodes[i].inputs.reduce(0) { max($0, graph.index(of: $1).map { depth[$0] + 1 } ?? 1) }
            depth[i] = level
            while levels.count <= level { levels.append([]) }
            levels[level].append(i)
        }
        var outputDigests: [TaskID: String] = [:]
        outputDigests.reserveCapacity(nodes.count)
        loading.wait()
        let context = loaded!  // set by the group's task

        // Each entry is built once, in place (no copies of 100,000 entries).
        let entries = [PlanEntry](unsafeUninitializedCapacity: nodes.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let slots = DisjointWrites(base: base)
            for level in levels {
                let snapshot = outputDigests
                parallelRanges(count: level.count, minimumPerTask: 64) { range in
                    let context = context.withOwnKeyCache()
                    for i in level[range] { slots.initialize(i, to: classify(nodes[i], outputDigests: snapshot, context)) }
                }
                for i in level { if let digest = base[i].outputDigest { outputDigests[nodes[i].id] = digest } }
            }
            initialized = nodes.count
        }
        save(context)
        return Plan(entries: entries)
    }

    /// The plan entry of one task, with every change since its last record (for `explain`).
    public func explain(_ id: TaskID, in graph: TaskGraph) -> Explanation? {
        guard graph[id] != nil else { return nil }
        var outputDigests: [TaskID: String] = [:]
        let context = context()
        for node in graph.nodes {
            let entry = classify(node, outputDigests: outputDigests, context)
            if node.id == id {
                save(context)
                return Explanation(entry: entry, lastRecord: context.index.lastRecord(for: id))
            }
            if let digest = entry.outputDigest { outputDigests[node.id] = digest }
        }
        return nil
    }

    func classify(_ node: TaskNode, outputDigests: [TaskID: String], _ context: Context) -> PlanEntry {
        var entry = PlanEntry(id: node.id, kind: node.kind, state: .new, reason: "", key: nil,
                              outputDigest: nil, changes: [])
        switch KeyResolver.resolve(node, outputDigests: outputDigests, files: files, declarations: declarations, cache: context.keys) {
        case .success(let resolved):
            entry.key = resolved.key
            entry.declarations = resolved.declarations
            var missDetail: String?
            switch CacheLookup.lookup(resolved.key, in: context.verified) {
            case .hit(let digest):
                entry.state = .cached
                entry.reason = "up to date"
                entry.outputDigest = digest
                return entry
            case .miss(let detail):
                missDetail = detail
            }
            guard let lastKey = context.index.key(for: node.id) else {
                entry.reason = missDetail.map { "never completed; \($0)" } ?? "never run"
                return entry
            }
            entry.state = .stale
            if lastKey == resolved.key {
                entry.reason = missDetail ?? "its cached result is missing or corrupt"
                return entry
            }
            // The last record may be gone (gc); then all that is known is that the key changed.
            if let last = store.actionRecord(forKey: lastKey) {
                entry.changes = MaterialDiff.changes(old: last.material, new: resolved.material.canonical,
                                                     dataManifest: store.dataManifest)
            }
            entry.reason = Self.summarise(entry.changes)
        case .failure(let blocker):
            let ranBefore = context.index.key(for: node.id) != nil
            let last = context.index.lastRecord(for: node.id)
            entry.state = ranBefore ? .stale : .new
            switch blocker {
            case .upstream(let upstream):
                let pending = node.inputs.filter { outputDigests[$0] == nil }
                if let last {
                    entry.changes = MaterialDiff.changes(old: last.material, new: partialMaterial(node, outputDigests),
                                                         pendingInputs: pending, dataManifest: store.dataManifest)
                        .filter { if case .file = $0 { return false } else { return true } }
                }
                entry.reason = ranBefore ? "input \(upstream) will rerun" : "never run"
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

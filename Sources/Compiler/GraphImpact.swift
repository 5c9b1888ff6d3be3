// What an edit does to the task graph: tasks added, removed and invalidated, by kind, and the
// training compute a rerun needs. Structural (old graph vs new graph); when a store is present
// the engine narrows "invalidated" to tasks whose results are not already stored.
import SpecModel

/// The impact of going from one compiled spec to another.
public struct GraphImpact: Sendable, Equatable {
    public var added: [TaskID]
    public var removed: [TaskID]
    /// Tasks present in both whose parameters, files or upstream tasks changed.
    public var invalidated: [TaskID]
    /// Tasks that will run: added + invalidated (after narrowing by the store, if any).
    public var toRun: [TaskID]
    /// Training FLOPs (≈ 6·N·D) of the tasks that will run, and of the whole new graph.
    public var rerunFLOPs: Double
    public var totalFLOPs: Double

    /// Counts per task kind for the three lists.
    public func counts(in graph: TaskGraph) -> [(kind: TaskKind, added: Int, removed: Int, invalidated: Int)] {
        func kinds(_ ids: [TaskID], _ g: TaskGraph?) -> [TaskKind: Int] {
            var out: [TaskKind: Int] = [:]
            for id in ids { if let k = g?[id]?.kind ?? Self.kind(of: id) { out[k, default: 0] += 1 } }
            return out
        }
        let a = kinds(added, graph), r = kinds(removed, nil), i = kinds(invalidated, graph)
        return TaskKind.allCases.compactMap { k in
            let row = (kind: k, added: a[k] ?? 0, removed: r[k] ?? 0, invalidated: i[k] ?? 0)
            return row.added + row.removed + row.invalidated == 0 ? nil : row
        }
    }

    /// The kind named by an id's first segment (for removed tasks, which the new graph lacks).
    static func kind(of id: TaskID) -> TaskKind? {
        TaskKind(rawValue: String(id.rawValue.split(separator: "/").first ?? ""))
    }

    /// Compares two graphs. `changedFiles` names input files whose content differs between the two
    /// sides (the tasks reading them are invalidated). `isStored` (optional) tells whether a task of
    /// the new graph already has its result in the store; such tasks cost nothing to "rerun".
    public static func between(_ old: TaskGraph, _ new: TaskGraph, changedFiles: Set<String> = [],
                               isStored: ((TaskID) -> Bool)? = nil) -> GraphImpact {
        var dirty = Set<TaskID>()
        var added: [TaskID] = [], invalidated: [TaskID] = []
        for node in new.nodes {
            guard let before = old[node.id] else {
                added.append(node.id); dirty.insert(node.id); continue
            }
            if before.kind != node.kind || before.version != node.version || before.parameters != node.parameters
                || before.inputs != node.inputs || before.fileInputs.map(\.name) != node.fileInputs.map(\.name)
                || node.fileInputs.contains(where: { changedFiles.contains($0.name) })
                || node.inputs.contains(where: dirty.contains) {
                invalidated.append(node.id); dirty.insert(node.id)
            }
        }
        let newIDs = Set(new.nodes.map(\.id))
        let removed = old.nodes.map(\.id).filter { !newIDs.contains($0) }
        var toRun = added + invalidated
        if let isStored { toRun = toRun.filter { !isStored($0) } }
        let order = Dictionary(uniqueKeysWithValues: new.nodes.enumerated().map { ($1.id, $0) })
        toRun.sort { order[$0]! < order[$1]! }
        let rerun = toRun.reduce(0.0) { $0 + (new[$1]?.trainingFLOPs ?? 0) }
        let total = new.nodes.reduce(0.0) { $0 + $1.trainingFLOPs }
        return GraphImpact(added: added, removed: removed, invalidated: invalidated, toRun: toRun,
                           rerunFLOPs: rerun, totalFLOPs: total)
    }
}

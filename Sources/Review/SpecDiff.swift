// What an edit to a spec means and what it costs: the changed fields of the resolved specs (so
// formatting, key order and unit spelling never show), and the impact on the task graph, narrowed
// by the store when one exists (a task whose result is already stored costs nothing to rerun).
import Compiler
import Engine
import Foundation
import Pipeline
import SpecModel

/// The document `mixspec diff` renders.
public struct SpecDiff: Sendable, Equatable {
    /// Task counts of one kind.
    public struct KindRow: Sendable, Equatable {
        public var kind: TaskKind
        public var added: Int
        public var removed: Int
        public var invalidated: Int
        /// Added or invalidated tasks of this kind whose results are not in the store.
        public var toRun: Int

        public init(kind: TaskKind, added: Int, removed: Int, invalidated: Int, toRun: Int) {
            self.kind = kind; self.added = added; self.removed = removed; self.invalidated = invalidated; self.toRun = toRun
        }
    }

    /// How the two sides are named (paths, or `REV:path`).
    public var oldLabel: String
    public var newLabel: String
    /// Field changes of the resolved specs, by path.
    public var changes: [ValueChange]
    /// Input files (trainer code, imported CSVs; named relative to the spec's folder) whose content
    /// differs between the two sides, sorted.
    public var changedFiles: [String] = []
    /// Per task kind, in pipeline order; kinds with nothing to report are left out.
    public var rows: [KindRow]
    public var added: [TaskID]
    public var removed: [TaskID]
    public var invalidated: [TaskID]
    /// Added and invalidated tasks that must run (not already stored), in graph order.
    public var toRun: [TaskID]
    /// Tasks in the new graph.
    public var taskCount: Int
    /// Whether a store was found for the new spec (otherwise nothing counts as stored).
    public var storeFound: Bool
    /// Estimated training FLOPs (≈ 6 · parameters · tokens per train and verify task) of `toRun`,
    /// and of the whole new spec.
    public var rerunFLOPs: Double
    public var totalFLOPs: Double

    /// True when the resolved specs, and the input files both sides read, are identical.
    public var isSemanticallyIdentical: Bool { changes.isEmpty && changedFiles.isEmpty }
    /// Added and invalidated tasks whose results the store already holds.
    public var alreadyStored: Int { added.count + invalidated.count - toRun.count }
    /// rerunFLOPs / totalFLOPs, nil when the spec trains nothing.
    public var rerunShare: Double? { totalFLOPs > 0 ? rerunFLOPs / totalFLOPs : nil }

    /// Compares two opened specs. `isStored` tells whether a task of the new graph already has its
    /// result in the store (the engine passes "the planner says cached").
    public static func between(old: Spec, oldGraph: TaskGraph, new: Spec, newGraph: TaskGraph,
                               oldLabel: String, newLabel: String, storeFound: Bool, changedFiles: [String] = [],
                               isStored: @escaping (TaskID) -> Bool) -> SpecDiff {
        let impact = GraphImpact.between(oldGraph, newGraph, changedFiles: Set(changedFiles), isStored: isStored)
        var rows: [TaskKind: KindRow] = [:]
        func bump(_ ids: [TaskID], in graph: TaskGraph, _ field: WritableKeyPath<KindRow, Int>) {
            for id in ids {
                guard let kind = graph[id]?.kind else { continue }
                rows[kind, default: KindRow(kind: kind, added: 0, removed: 0, invalidated: 0, toRun: 0)][keyPath: field] += 1
            }
        }
        bump(impact.added, in: newGraph, \.added)
        bump(impact.removed, in: oldGraph, \.removed)
        bump(impact.invalidated, in: newGraph, \.invalidated)
        bump(impact.toRun, in: newGraph, \.toRun)
        return SpecDiff(oldLabel: oldLabel, newLabel: newLabel,
                        changes: old.canonicalValue.changes(to: new.canonicalValue), changedFiles: changedFiles.sorted(),
                        rows: TaskKind.allCases.compactMap { rows[$0] },
                        added: impact.added, removed: impact.removed, invalidated: impact.invalidated,
                        toRun: impact.toRun, taskCount: newGraph.nodes.count, storeFound: storeFound,
                        rerunFLOPs: impact.rerunFLOPs, totalFLOPs: impact.totalFLOPs)
    }
}

extension SpecDiff {
    /// Compares two sessions; the new session's store decides what is already stored. Input files
    /// both graphs read are compared by content, each side read from its own source (the working
    /// tree or a git revision).
    /// `oldLabel` / `newLabel` replace the sources' own labels (tests give stable names).
    public static func between(old: SpecSession, new: SpecSession, oldSource: SpecSource, newSource: SpecSource,
                               oldLabel: String? = nil, newLabel: String? = nil) -> SpecDiff {
        let plan = new.plan()
        let cached = Set(plan.entries.filter { $0.state == .cached }.map(\.id))
        return between(old: old.spec, oldGraph: old.compiled.graph, new: new.spec, newGraph: new.compiled.graph,
                       oldLabel: oldLabel ?? oldSource.label, newLabel: newLabel ?? newSource.label,
                       storeFound: FileManager.default.fileExists(atPath: new.store.root + "/actions"),
                       changedFiles: changedInputFiles(old.compiled.graph, oldSource, new.compiled.graph, newSource),
                       isStored: { cached.contains($0) })
    }

    /// Names of input files read on both sides whose bytes differ (a file missing on one side counts).
    static func changedInputFiles(_ oldGraph: TaskGraph, _ oldSource: SpecSource,
                                  _ newGraph: TaskGraph, _ newSource: SpecSource) -> [String] {
        func files(_ graph: TaskGraph) -> [String: String] {
            var byName: [String: String] = [:]
            for node in graph.nodes { for file in node.fileInputs { byName[file.name] = file.path } }
            return byName
        }
        let oldFiles = files(oldGraph), newFiles = files(newGraph)
        return newFiles.keys.filter { oldFiles[$0] != nil }.sorted().filter { name in
            guard let oldPath = oldFiles[name], let newPath = newFiles[name] else { return false }
            guard let a = try? oldSource.contentDigest(absolutePath: oldPath),
                  let b = try? newSource.contentDigest(absolutePath: newPath) else { return true }
            return a != b
        }
    }
}

// The plan: for every task, whether it is cached, stale or new, and why (DESIGN.md §7 `plan`).
import Compiler
import ContentStore
import Foundation

/// A task's state before a run.
public enum TaskState: String, Sendable, Equatable {
    /// A record exists for its current key and its output blob verifies.
    case cached
    /// It ran before under another key, or an upstream will rerun so its key is not known yet.
    case stale
    /// No record was ever written for this task id.
    case new
}

/// One task of a plan.
public struct PlanEntry: Sendable, Equatable {
    public var id: TaskID
    public var kind: TaskKind
    public var state: TaskState
    /// A human reason: "up to date", "parameter top_k changed 128 → 64", "input train/small/0003/s0 will rerun"…
    public var reason: String
    /// The current key when it can be computed (all upstream outputs known).
    public var key: String?
    /// The cached output's digest (cached tasks only).
    public var outputDigest: String?
    /// All differences from the last record of this task id (empty for cached and new tasks).
    public var changes: [MaterialChange]
    /// Declared-unchanged edits of input files that its key relies on (`mixspec declare-unchanged`).
    public var declarations: [UnchangedDeclaration] = []
}

/// The state of every task of a graph, in graph order.
public struct Plan: Sendable, Equatable {
    public var entries: [PlanEntry]

    /// Number of entries in `state`.
    public func count(_ state: TaskState) -> Int { entries.reduce(0) { $0 + ($1.state == state ? 1 : 0) } }

    /// Keys of every task whose key is known (for gc reachability).
    public var knownKeys: Set<String> { Set(entries.compactMap(\.key)) }
    /// Output digests of every cached task (for gc reachability).
    public var cachedOutputDigests: Set<String> { Set(entries.compactMap(\.outputDigest)) }
}

// The compiled task graph (DESIGN.md §2, §5): a pure value. Keys are not stored here because a
// task's key depends on the content digests of its upstream outputs (early cutoff); the engine
// derives keys with `TaskKeyMaterial` as those digests become known.
import SpecModel

/// A stable, readable task id such as `train/small/0007/s0`.
public struct TaskID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: TaskID, b: TaskID) -> Bool { a.rawValue < b.rawValue }
}

/// The kinds of task; each has an implementation version bumped when its semantics change.
public enum TaskKind: String, Sendable, CaseIterable, Comparable {
    case sample, train, importResults = "import"
    case stepLaw = "step-law", sizeLaw = "size-law"
    case collect, fit
    case crossValidate = "cross-validate"
    case search, verify
    case scalingSummary = "scaling-summary"
    case report

    public static func < (a: TaskKind, b: TaskKind) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// A file a task reads: its content digest enters the key under `name`, so moving the project
/// folder keeps every key while editing the file changes them.
public struct InputFile: Sendable, Hashable, Comparable {
    /// The name in the key: the path relative to the spec's folder when inside it, else absolute.
    public var name: String
    /// Where to read it (absolute).
    public var path: String
    public init(name: String, path: String) { self.name = name; self.path = path }
    public static func < (a: InputFile, b: InputFile) -> Bool { a.name < b.name }
}

/// One node of the graph.
public struct TaskNode: Sendable, Equatable {
    public var id: TaskID
    public var kind: TaskKind
    /// Implementation version of the kind (part of the key).
    public var version: Int
    /// Exactly the parameters this task uses, canonically encoded into the key.
    public var parameters: CanonicalValue
    /// Upstream tasks, in a fixed order; their output digests feed the key.
    public var inputs: [TaskID]
    /// Files whose content digests feed the key, sorted by name.
    public var fileInputs: [InputFile]
    /// Estimated training compute in FLOPs (≈ 6 · parameters · tokens) for train and verify
    /// tasks, 0 for the rest. Not part of the key.
    public var trainingFLOPs: Double

    public init(id: TaskID, kind: TaskKind, version: Int, parameters: CanonicalValue,
                inputs: [TaskID], fileInputs: [InputFile] = [], trainingFLOPs: Double = 0) {
        self.id = id; self.kind = kind; self.version = version; self.parameters = parameters
        self.inputs = inputs; self.fileInputs = fileInputs; self.trainingFLOPs = trainingFLOPs
    }
}

/// A directed acyclic graph of tasks in a topological order (inputs always come first).
public struct TaskGraph: Sendable, Equatable {
    /// Nodes in topological order; ties broken by id so the order is deterministic.
    public private(set) var nodes: [TaskNode]
    private var indexByID: [TaskID: Int]

    /// Builds a graph; `nodes` must already be topologically ordered with unique ids (checked).
    public init(nodes: [TaskNode]) throws {
        self.nodes = nodes
        var index: [TaskID: Int] = [:]
        index.reserveCapacity(nodes.count)
        for i in nodes.indices {  // by index: copying 100,000 nodes would cost more than the checks
            let id = nodes[i].id
            guard index[id] == nil else { throw GraphError(message: "duplicate task id \(id)") }
            for input in nodes[i].inputs {
                guard index[input] != nil else {
                    throw GraphError(message: "task \(id) depends on \(input), which is not before it")
                }
            }
            index[id] = i
        }
        self.indexByID = index
    }

    public subscript(id: TaskID) -> TaskNode? { indexByID[id].map { nodes[$0] } }

    /// The position of task `id` in `nodes`.
    public func index(of id: TaskID) -> Int? { indexByID[id] }

    /// Tasks that read `id`'s output directly (a scan of the graph: no table of them is kept,
    /// every plan would pay for it).
    public func dependents(of id: TaskID) -> [TaskID] { nodes.filter { $0.inputs.contains(id) }.map(\.id) }

    /// `ids` and every task they transitively read from, as a graph of its own (graph order kept).
    public func upstreamClosure(of ids: Set<TaskID>) -> TaskGraph {
        var needed = ids
        for node in nodes.reversed() where needed.contains(node.id) { needed.formUnion(node.inputs) }
        var closure = self
        closure.nodes = nodes.filter { needed.contains($0.id) }
        closure.indexByID = Dictionary(uniqueKeysWithValues: closure.nodes.enumerated().map { ($1.id, $0) })
        return closure
    }

    /// `ids` and every task that transitively reads their outputs, in graph order.
    public func downstreamClosure(of ids: Set<TaskID>) -> [TaskID] {
        var reached = ids
        for node in nodes where !reached.contains(node.id) && node.inputs.contains(where: reached.contains) {
            reached.insert(node.id)
        }
        return nodes.map(\.id).filter(reached.contains)
    }
}

/// A graph that cannot be built (a compiler bug or a hand-built graph; never a user's spec).
public struct GraphError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// What a task's key is computed from (DESIGN.md §5). The engine hashes `canonicalJSON`.
public struct TaskKeyMaterial: Sendable, Equatable {
    public var kind: TaskKind
    public var version: Int
    public var parameters: CanonicalValue
    /// Content digests of upstream outputs, keyed by upstream task id.
    public var inputDigests: [TaskID: String]
    /// Content digests of input files, keyed by their name (`InputFile.name`).
    public var fileDigests: [String: String]

    public init(kind: TaskKind, version: Int, parameters: CanonicalValue,
                inputDigests: [TaskID: String], fileDigests: [String: String]) {
        self.kind = kind; self.version = version; self.parameters = parameters
        self.inputDigests = inputDigests; self.fileDigests = fileDigests
    }

    /// The canonical value hashed into the key. Upstream digests are keyed by upstream task id.
    public var canonical: CanonicalValue {
        .object([
            "kind": .string(kind.rawValue),
            "version": .int(Int64(version)),
            "parameters": parameters,
            "inputs": .object(Dictionary(uniqueKeysWithValues: inputDigests.map { ($0.key.rawValue, .string($0.value)) })),
            "files": .object(fileDigests.mapValues { .string($0) }),
        ])
    }
}

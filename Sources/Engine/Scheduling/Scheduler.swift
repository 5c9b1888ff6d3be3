// The scheduler: runs a task graph against the store. Ready tasks whose key is already recorded
// are resolved as cached without running; the rest run in parallel up to `jobs`. Keys are derived
// from the content digests of actual upstream outputs, so a rerun that reproduces identical bytes
// leaves its downstream cached (early cutoff).
//
// Failure policy: a failed task records nothing and its dependents are skipped. Without
// keep-going, the first failure stops new tasks from starting; tasks already running finish and
// are recorded (their work is valid). Cancellation (signal or the caller's Task) cancels running
// executors, writes no record for them, and starts nothing new; the next run resumes.
import Compiler
import ContentStore
import Foundation
import Parallel
import SafeFiles

/// Options of one run.
public struct RunOptions: Sendable {
    /// Maximum tasks executing at once on this machine (tasks that run elsewhere, as cluster jobs, do not count).
    public var jobs: Int
    /// Keep running independent tasks after a failure.
    public var keepGoing: Bool
    /// Receives progress events.
    public var observer: any RunObserver
    /// Tasks to execute even when their result is cached (`run --rerun`); their new records replace
    /// the old ones, and what reads them reruns only if their output changes (early cutoff).
    public var rerun: Set<TaskID>
    /// Re-hash every cached output instead of trusting the store's verification memo.
    public var verify: Bool

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, keepGoing: Bool = false,
                observer: any RunObserver = SilentObserver(), rerun: Set<TaskID> = [], verify: Bool = false) {
        self.jobs = max(1, jobs); self.keepGoing = keepGoing; self.observer = observer; self.rerun = rerun; self.verify = verify
    }
}

/// Runs task graphs against a store whose write lock the caller holds.
public struct Scheduler: Sendable {
    public let store: Store
    /// The last-run index pointed at each task's record, executed or found cached (a spec's name).
    public let index: String
    public let files: FileDigestCache
    private let declarations: UnchangedDeclarations
    private let lock: StoreLock

    /// A scheduler writing to `store` and to its last-run index `index` (the spec's name); `lock`
    /// proves the caller holds the store's write lock.
    public init(store: Store, lock: StoreLock, index: String = TaskIndex.defaultName, files: FileDigestCache? = nil) {
        self.store = store
        self.lock = lock
        self.index = index
        self.files = files ?? FileDigestCache(store: store)
        self.declarations = UnchangedDeclarations(store: store)
    }

    private struct Completion: Sendable {
        var index: Int
        var result: TaskResult
        var elsewhere: Bool
    }

    /// What the parallel lookup of one ready task found.
    private enum BatchLookup: Sendable {
        case cached(key: String, outputDigest: String)
        case toRun(ResolvedKey)
        case blocked(KeyBlocker)
    }

    /// Runs `graph` with `executor`. Never throws: failures and cancellation are in the report.
    public func run(_ graph: TaskGraph, executor: any TaskExecutor, options: RunOptions = RunOptions()) async -> RunReport {
        let start = Date()
        let nodes = graph.nodes
        var indexByID: [TaskID: Int] = [:]
        indexByID.reserveCapacity(nodes.count)
        // By index: copying 100,000 nodes costs more than these tables.
        for i in nodes.indices { indexByID[nodes[i].id] = i }
        var dependents = [[Int]](repeating: [], count: nodes.count)
        var remaining = [Int](repeating: 0, count: nodes.count)
        for i in nodes.indices where !nodes[i].inputs.isEmpty {
            let distinct = Set(nodes[i].inputs)
            remaining[i] = distinct.count
            for input in distinct { if let j = indexByID[input] { dependents[j].append(i) } }
        }
        var results = [TaskResult?](repeating: nil, count: nodes.count)
        var outputDigests: [TaskID: String] = [:]
        outputDigests.reserveCapacity(nodes.count)
        // Ready tasks start in graph order (deterministic logs, and the order a user expects).
        var ready = IndexHeap((0..<nodes.count).filter { remaining[$0] == 0 })
        var stopReason: String?
        let observer = options.observer
        observer.runStarted(total: nodes.count, jobs: options.jobs)
        // The spec's last-run pointers: each executed or cached task's entry is pointed at its
        // record, written only where it changes (a no-op run writes nothing).
        var index = TaskIndex(store: store, name: self.index)
        let lastRuns = index
        var pointers: [(TaskID, String)] = []
        let verified = VerificationMemo(store: store, rehashAll: options.verify)
        let storedWarnings = TaskWarningIndex.load(store)
        func updateIndex() {
            guard !pointers.isEmpty else { return }
            do { try index.update(pointers) } catch { store.warn("cannot update the last-run index: \(error)") }
            pointers.removeAll()
        }

        func finish(_ i: Int, _ result: TaskResult) {
            results[i] = result
            observer.taskFinished(result)
            switch result.outcome {
            case .executed, .cached:
                if let key = result.key, !lastRuns.points(result.id, to: key) { pointers.append((result.id, key)) }
                if let digest = result.outputDigest { outputDigests[nodes[i].id] = digest }
                for d in dependents[i] {
                    remaining[d] -= 1
                    if remaining[d] == 0 { ready.insert(d) }
                }
            case .submitted:
                skipDependents(of: i, because: "input \(nodes[i].id) is still running (submitted)")
            case .failed, .skipped, .cancelled:
                skipDependents(of: i, because: result.outcome == .cancelled ? nil : "input \(nodes[i].id) did not complete")
            }
        }

        func skipDependents(of i: Int, because reason: String?) {
            var stack = dependents[i]
            while let d = stack.popLast() {
                guard results[d] == nil else { continue }
                let result = TaskResult(id: nodes[d].id, kind: nodes[d].kind, outcome: reason == nil ? .cancelled : .skipped,
                                        key: nil, outputDigest: nil, duration: 0, message: reason, logPath: nil, logTail: [])
                results[d] = result
                observer.taskFinished(result)
                stack.append(contentsOf: dependents[d])
            }
        }

        // Tasks that run here wait for a free job slot; tasks that run elsewhere (cluster jobs)
        // start at once, so that a launcher can submit a whole swarm together.
        var pending: [(index: Int, key: ResolvedKey)] = []
        var pendingHead = 0
        var pendingElsewhere: [(index: Int, key: ResolvedKey)] = []

        func notRun(_ i: Int, cancelled: Bool) -> TaskResult {
            TaskResult(id: nodes[i].id, kind: nodes[i].kind, outcome: cancelled ? .cancelled : .skipped,
                       key: nil, outputDigest: nil, duration: 0,
                       message: cancelled ? "run cancelled" : stopReason, logPath: nil, logTail: [])
        }

        await withTaskGroup(of: Completion.self) { group in
            var running = 0
            var runningElsewhere = 0
            while true {
                let cancelled = Task.isCancelled
                // Resolve every ready task: skip it, fail it, find it cached, or queue it to execute.
                // Lookups of a batch (e.g. a whole swarm) run on all cores; results apply in order.
                while !ready.isEmpty {
                    var batch: [Int] = []
                    while let i = ready.popMin() { batch.append(i) }
                    if cancelled || stopReason != nil {
                        for i in batch { finish(i, notRun(i, cancelled: cancelled)) }
                        continue
                    }
                    let snapshot = outputDigests, files = self.files, rerun = options.rerun
                    let lookups = batch.parallelMap(perChunk: { KeyEncodingCache() }) { keys, i -> BatchLookup in
                        switch KeyResolver.resolve(nodes[i], outputDigests: snapshot, files: files,
                                                   declarations: declarations, cache: keys) {
                        case .failure(let blocker): return .blocked(blocker)
                        case .success(let resolved):
                            guard !rerun.contains(nodes[i].id), case .hit(let digest) = CacheLookup.lookup(resolved.key, in: verified) else {
                                return .toRun(resolved)
                            }
                            return .cached(key: resolved.key, outputDigest: digest)
                        }
                    }
                    for (k, i) in batch.enumerated() {
                        if stopReason != nil {
                            finish(i, notRun(i, cancelled: false))
                            continue
                        }
                        switch lookups[k] {
                        case .blocked(let blocker):
                            let message: String
                            switch blocker {
                            case .upstream(let id): message = "output of input \(id) is unknown"
                            case .file(_, let text): message = text
                            }
                            finish(i, TaskResult(id: nodes[i].id, kind: nodes[i].kind, outcome: .failed, key: nil, outputDigest: nil,
                                                 duration: 0, message: message, logPath: nil, logTail: []))
                            if !options.keepGoing, stopReason == nil { stopReason = "stopped after \(nodes[i].id) failed" }
                        case .cached(let key, let digest):
                            var cached = TaskResult(id: nodes[i].id, kind: nodes[i].kind, outcome: .cached, key: key,
                                                    outputDigest: digest, duration: 0, message: nil, logPath: nil, logTail: [])
                            cached.warnings = storedWarnings[key] ?? []
                            finish(i, cached)
                        case .toRun(let resolved):
                            if executor.runsElsewhere(nodes[i]) { pendingElsewhere.append((i, resolved)) } else { pending.append((i, resolved)) }
                        }
                    }
                }
                updateIndex()
                if cancelled || stopReason != nil {
                    while pendingHead < pending.count {
                        finish(pending[pendingHead].index, notRun(pending[pendingHead].index, cancelled: cancelled))
                        pendingHead += 1
                    }
                    for (i, _) in pendingElsewhere { finish(i, notRun(i, cancelled: cancelled)) }
                    pendingElsewhere.removeAll()
                }
                // Every task that runs elsewhere starts now, then local ones while slots are free.
                var starting = pendingElsewhere
                pendingElsewhere.removeAll()
                var runningHere = running - runningElsewhere
                while runningHere < options.jobs, pendingHead < pending.count {
                    starting.append(pending[pendingHead])
                    pendingHead += 1
                    runningHere += 1
                }
                for (i, resolved) in starting {
                    let node = nodes[i]
                    var inputDigests: [TaskID: String] = [:]
                    for input in node.inputs { inputDigests[input] = outputDigests[input] }
                    let store = self.store
                    observer.taskStarted(node.id)
                    running += 1
                    let isElsewhere = executor.runsElsewhere(node)
                    if isElsewhere { runningElsewhere += 1 }
                    group.addTask {
                        let result = await Self.execute(node, resolved: resolved, inputDigests: inputDigests,
                                                        executor: executor, store: store)
                        return Completion(index: i, result: result, elsewhere: isElsewhere)
                    }
                }
                if running == 0 {
                    if ready.isEmpty, pendingHead == pending.count, pendingElsewhere.isEmpty { break }
                    continue
                }
                guard let completion = await group.next() else { break }
                running -= 1
                if completion.elsewhere { runningElsewhere -= 1 }
                finish(completion.index, completion.result)
                if completion.result.outcome == .failed, !options.keepGoing, stopReason == nil {
                    stopReason = "stopped after \(completion.result.id) failed"
                }
            }
        }
        updateIndex()
        try? index.compactIfWasteful()
        try? files.save()
        try? verified.save()
        let wasCancelled = Task.isCancelled
        let final = nodes.indices.map { i in
            results[i] ?? TaskResult(id: nodes[i].id, kind: nodes[i].kind, outcome: wasCancelled ? .cancelled : .skipped,
                                     key: nil, outputDigest: nil, duration: 0,
                                     message: wasCancelled ? "run cancelled" : stopReason, logPath: nil, logTail: [])
        }
        let report = RunReport(results: final, wasCancelled: wasCancelled, elapsed: Date().timeIntervalSince(start))
        observer.runFinished(report)
        return report
    }

    /// An error's message: our own descriptions, Foundation's localized text, or the value.
    static func describe(_ error: any Error) -> String {
        if let engineError = error as? EngineError { return engineError.description }
        if error is CancellationError { return "cancelled" }
        if let localized = error as? LocalizedError, let text = localized.errorDescription { return text }
        return String(describing: error)
    }

    /// Executes one task and records its output; never throws.
    private static func execute(_ node: TaskNode, resolved: ResolvedKey, inputDigests: [TaskID: String],
                                executor: any TaskExecutor, store: Store) async -> TaskResult {
        var result = TaskResult(id: node.id, kind: node.kind, outcome: .failed, key: resolved.key, outputDigest: nil,
                                duration: 0, message: nil, logPath: store.logPath(node.id, key: resolved.key), logTail: [])
        let log: TaskLog
        do {
            log = try TaskLog(path: store.logPath(node.id, key: resolved.key))
        } catch {
            result.message = "\(error)"
            result.logPath = nil
            return result
        }
        var scratch: String?
        defer { if let scratch { TreeRemoval.remove(scratch) } }  // never follows a link a trainer planted
        let started = Date()
        do {
            var inputs: [TaskID: Data] = [:]
            for input in node.inputs {
                guard let digest = inputDigests[input], let data = store.readBlob(digest) else {
                    throw EngineError.io("the stored output of input \(input) is missing or corrupt; rerun to recompute it")
                }
                inputs[input] = data
            }
            scratch = try store.makeScratchDirectory(for: node.id)
            let context = TaskContext(taskID: node.id, key: resolved.key, log: log, scratchDirectory: scratch!, store: store)
            let output = try await executor.execute(node, inputs: inputs, context: context)
            result.duration = Date().timeIntervalSince(started)
            let digest = try store.writeBlob(output)
            let record = ActionRecord(key: resolved.key, taskID: node.id, kind: node.kind.rawValue,
                                      outputDigest: digest, outputSize: output.count,
                                      material: resolved.material.canonical, created: ActionRecord.timestamp(),
                                      duration: result.duration, executor: executor.describe(node),
                                      warnings: context.warnings.all)
            try store.writeActionRecord(record)
            result.outcome = .executed
            result.warnings = context.warnings.all
            try? TaskWarningIndex.record(result.warnings, for: resolved.key, in: store)
            result.outputDigest = digest
            return result
        } catch let submitted as TaskSubmitted {
            result.duration = Date().timeIntervalSince(started)
            log.write("mixspec: submitted: \(submitted.description)")
            result.outcome = .submitted
            result.message = submitted.description
            return result
        } catch {
            result.duration = Date().timeIntervalSince(started)
            if Task.isCancelled {
                log.write("mixspec: cancelled")
                result.outcome = .cancelled
                result.message = "cancelled"
                return result
            }
            let message = Self.describe(error)
            log.write("mixspec: task failed: \(message)")
            result.message = message
            result.logTail = TaskLog.tail(of: log.path)
            return result
        }
    }
}

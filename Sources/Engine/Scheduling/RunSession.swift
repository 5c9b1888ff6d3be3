// What `mixspec run` does around the scheduler: take the store's write lock (waiting with a
// message, or failing with `noWait`), make SIGINT / SIGTERM cancel the run, run, release.
import Compiler
import ContentStore
import Foundation

/// One locked, signal-cancellable run of a graph against a store.
public enum RunSession {
    /// Runs `graph` on `store` with the write lock held, recording each task's result in the
    /// last-run index `index` (the spec's name). Throws only when the lock cannot be
    /// taken (`EngineError.storeLocked` with `noWait`, or `.cancelled` if a signal arrives while
    /// waiting); task failures and cancellation during the run are in the report. `onWait` gets
    /// the message naming the lock's holder, `onFirstSignal` the signal that cancels the run.
    public static func run(_ graph: TaskGraph, store: Store, index: String = TaskIndex.defaultName, executor: any TaskExecutor,
                           options: RunOptions = RunOptions(), noWait: Bool = false,
                           handleSignals: Bool = true,
                           onWait: @escaping @Sendable (String) -> Void = { _ in },
                           onFirstSignal: @escaping @Sendable (Int32) -> Void = { _ in }
    ) async throws -> RunReport {
        let body: @Sendable () async -> Result<RunReport, any Error> = {
            do {
                let lock = try await StoreLock.acquire(store, wait: !noWait, onWait: onWait)
                defer { lock.release() }
                return .success(await Scheduler(store: store, lock: lock, index: index).run(graph, executor: executor, options: options))
            } catch {
                return .failure(error)
            }
        }
        let result = handleSignals ? await SignalCancellation.run(onFirstSignal: onFirstSignal, body) : await body()
        return try result.get()
    }
}

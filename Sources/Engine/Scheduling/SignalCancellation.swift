// Ctrl-C / SIGTERM handling: the first signal cancels the run (running children get SIGTERM, then
// SIGKILL after a grace period; no partial record is written); a second one kills the children
// and exits at once with status 130.
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an operation that SIGINT / SIGTERM cancel.
public enum SignalCancellation {
    /// Runs `operation` in a child task; the first SIGINT or SIGTERM cancels it (and calls
    /// `onFirstSignal`, e.g. for the command line to print "cancelling…"), a second one exits the
    /// process immediately.
    public static func run<T: Sendable>(onFirstSignal: @escaping @Sendable (Int32) -> Void = { _ in },
                                        _ operation: @escaping @Sendable () async -> T) async -> T {
        // Handlers are installed before the operation starts, so a signal that arrives while it
        // is starting (its children may already run) is never lost; the task is cancelled as
        // soon as it exists.
        let state = SignalState()
        let queue = DispatchQueue(label: "mixspec.signals")
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if state.firstSignal() {
                    onFirstSignal(number)
                    state.cancel()
                } else {
                    ChildProcesses.signalAll(SIGKILL)
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
        let task = Task { await operation() }
        state.attach(task)
        let value = await task.value
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        return value
    }

    private final class SignalState: @unchecked Sendable {
        private let lock = NSLock()
        private var seen = false
        private var cancelled = false
        private var cancelTask: (@Sendable () -> Void)?

        /// Remembers the running operation; cancels it at once if a signal already came.
        func attach<T>(_ task: Task<T, Never>) {
            lock.lock(); defer { lock.unlock() }
            cancelTask = { task.cancel() }
            if cancelled { task.cancel() }
        }

        /// Cancels the operation now, or as soon as it is attached.
        func cancel() {
            lock.lock(); defer { lock.unlock() }
            cancelled = true
            cancelTask?()
        }

        /// True the first time it is called.
        func firstSignal() -> Bool {
            lock.lock(); defer { lock.unlock() }
            if seen { return false }
            seen = true
            return true
        }
    }
}

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
    /// `onFirstSignal`, e.g. to print "cancelling…"), a second one exits the process immediately.
    public static func run<T: Sendable>(onFirstSignal: @escaping @Sendable (Int32) -> Void = { _ in
                                            FileHandle.standardError.write(Data("\ncancelling… (press Ctrl-C again to exit now)\n".utf8))
                                        },
                                        _ operation: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await operation() }
        let state = SignalState()
        let queue = DispatchQueue(label: "mixspec.signals")
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if state.firstSignal() {
                    onFirstSignal(number)
                    task.cancel()
                } else {
                    ChildProcesses.signalAll(SIGKILL)
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
        let value = await task.value
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        return value
    }

    private final class SignalState: @unchecked Sendable {
        private let lock = NSLock()
        private var seen = false
        /// True the first time it is called.
        func firstSignal() -> Bool {
            lock.lock(); defer { lock.unlock() }
            if seen { return false }
            seen = true
            return true
        }
    }
}

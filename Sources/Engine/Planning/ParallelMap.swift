// A parallel map over an index range for pure, thread-safe work (the planner's per-task key and
// cache checks). Small inputs stay on the calling thread.
import Foundation

enum ParallelMap {
    /// `transform(0..<count)` in order, computed on up to the number of active cores.
    static func map<T: Sendable>(_ count: Int, minimumPerThread: Int = 64, _ transform: @Sendable (Int) -> T) -> [T] {
        let threads = min(ProcessInfo.processInfo.activeProcessorCount, count / max(1, minimumPerThread))
        guard threads > 1 else { return (0..<count).map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let chunk = (count + threads - 1) / threads
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            // Each thread writes a disjoint slice.
            for i in (t * chunk)..<min(count, (t + 1) * chunk) { shared[i] = transform(i) }
        }
        return results.map { $0! }
    }
}

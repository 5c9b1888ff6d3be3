import Dispatch
import Foundation

/// Runs `body` over consecutive sub-ranges of 0..<count on all cores (serially for small counts).
public func parallelRanges(count: Int, minimumPerTask: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let tasks = min(cores * 4, max(1, count / max(1, minimumPerTask)))
    if tasks <= 1 { body(0..<count); return }
    DispatchQueue.concurrentPerform(iterations: tasks) { t in
        body((count * t / tasks)..<(count * (t + 1) / tasks))
    }
}

/// A mutable buffer written by parallel tasks at disjoint indices.
public struct DisjointWrites<Element>: @unchecked Sendable {
    /// The buffer's first element; it must stay valid while the tasks run.
    public let base: UnsafeMutablePointer<Element>

    /// Wraps the buffer starting at `base`.
    public init(base: UnsafeMutablePointer<Element>) { self.base = base }

    /// The element at `i` (each index written by one task only).
    public subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

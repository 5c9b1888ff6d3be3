// Data parallelism for the whole package: work over consecutive index ranges on all cores
// (`DispatchQueue.concurrentPerform`), each range writing its own disjoint indices of one buffer.
import Dispatch
import Foundation

/// The cores this process may use, read once (Foundation reads the cgroup files on every call).
public let availableCores = max(1, ProcessInfo.processInfo.activeProcessorCount)

/// Runs `body` over consecutive sub-ranges of 0..<count on all cores (serially for small counts).
public func parallelRanges(count: Int, minimumPerTask: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let cores = availableCores
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

    /// Initializes the uninitialized element at `i` (each index by one task only).
    public func initialize(_ i: Int, to value: Element) { (base + i).initialize(to: value) }
}

extension Array where Element: Sendable {
    /// `map` over all cores in consecutive ranges of at least `minimumPerChunk` elements
    /// (serially below twice that); the results keep the input order.
    public func parallelMap<Result: Sendable>(minimumPerChunk: Int = 64, _ transform: @Sendable (Element) -> Result) -> [Result] {
        parallelMap(minimumPerChunk: minimumPerChunk, perChunk: {}) { _, element in transform(element) }
    }

    /// `parallelMap` whose transform also gets a value made once per chunk by `makeState`: a cache
    /// private to the thread running the chunk, shared by no other.
    public func parallelMap<State, Result: Sendable>(minimumPerChunk: Int = 64, perChunk makeState: @Sendable () -> State,
                                                     _ transform: @Sendable (State, Element) -> Result) -> [Result] {
        guard count >= 2 * minimumPerChunk else {
            let state = makeState()
            return map { transform(state, $0) }
        }
        // Each result is initialized once, in place (no optional copies to unwrap afterwards).
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = DisjointWrites(base: buffer.baseAddress!)
            parallelRanges(count: count, minimumPerTask: minimumPerChunk) { range in
                let state = makeState()
                for i in range { slots.initialize(i, to: transform(state, self[i])) }
            }
            initialized = count
        }
    }
}

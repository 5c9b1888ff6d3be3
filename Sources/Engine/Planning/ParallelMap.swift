// Cache lookups of independent tasks (a whole swarm of train tasks) are file reads and hashing:
// spread them over the cores. Results keep the input order.
import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over all cores in contiguous chunks; sequential for small inputs.
    func parallelMap<Result: Sendable>(minimumPerChunk: Int = 64, _ transform: @Sendable (Element) -> Result) -> [Result] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard count >= 2 * minimumPerChunk, cores > 1 else { return map(transform) }
        let chunks = Swift.min(cores * 4, (count + minimumPerChunk - 1) / minimumPerChunk)
        let chunkSize = (count + chunks - 1) / chunks
        let results = ResultSlots<Result>(count: count)
        self.withUnsafeBufferPointer { items in
            nonisolated(unsafe) let items = items
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * chunkSize, end = Swift.min(start + chunkSize, items.count)
                guard start < end else { return }
                for i in start..<end { results.set(i, transform(items[i])) }
            }
        }
        return results.values
    }
}

/// Write-once slots filled from several threads at distinct indices.
private final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    var values: [Value] { slots.map { $0! } }
}

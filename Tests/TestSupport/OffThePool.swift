import Foundation

/// Runs blocking `body` (a process to wait for, a long computation) on a thread of its own, so it
/// never holds one of the cooperative pool's threads (one per core: two on CI) that the in-process
/// engine tests need to react to signals and cancellation in time.
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

// One writer per store (DESIGN.md §5): an exclusive `flock` on `<store>/lock`, released by the
// kernel when the process dies, so a crash never leaves a stale lock behind.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store's exclusive write lock; held until `release()` or process exit.
public final class StoreLock: @unchecked Sendable {
    private var fd: Int32
    /// Path of the lock file.
    public let path: String

    private init(fd: Int32, path: String) { self.fd = fd; self.path = path }

    deinit { release() }

    /// Acquires the write lock of `store`. When another process holds it: with `wait`, calls
    /// `onWait` once with a message naming the holder's pid (the command line prints it) and polls
    /// until it is free (the wait ends early if the calling task is cancelled); without `wait`,
    /// throws `EngineError.storeLocked`.
    public static func acquire(_ store: Store, wait: Bool = true,
                               onWait: @Sendable (String) -> Void = { _ in }) async throws -> StoreLock {
        try AtomicFile.makeDirectory(store.root)
        try store.checkFolders()
        let path = store.root + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw EngineError.io("cannot open lock file \(path): \(EngineError.errnoText())") }
        var announced = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw EngineError.io("cannot lock \(path): \(EngineError.errnoText(code))")
            }
            if code == EINTR { continue }
            let holder = Self.holderDescription(path)
            guard wait else {
                close(fd)
                throw EngineError.storeLocked("store \(store.root) is locked by \(holder); another `mixspec run` is writing to it (retry later, or drop --no-wait to wait)")
            }
            if !announced {
                onWait("waiting for lock on \(store.root) held by \(holder)…")
                announced = true
            }
            do {
                try await Task.sleep(nanoseconds: 50_000_000)
            } catch {
                close(fd)
                throw EngineError.cancelled
            }
        }
        // Record our pid for the next waiter's message.
        _ = ftruncate(fd, 0)
        let text = "\(getpid())\n"
        _ = text.withCString { systemWrite(fd, $0, strlen($0)) }
        _ = lseek(fd, 0, SEEK_SET)
        return StoreLock(fd: fd, path: path)
    }

    /// Releases the lock (idempotent).
    public func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    private static func holderDescription(_ path: String) -> String {
        guard let data = try? AtomicFile.read(path, limit: ReadLimits.smallFile),
              let pid = Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return "another process"
        }
        return "pid \(pid)"
    }
}

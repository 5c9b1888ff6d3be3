// Crash-safe file replacement: write a temp file in the destination folder, fsync it, rename it
// over the destination, fsync the folder. A crash leaves the old file or the new one, never half.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic, durable file writes and small POSIX helpers used by the store.
public enum AtomicFile {
    /// Replaces `path` with `data`. With `durable`, the file and its folder are fsynced.
    public static func write(_ data: Data, to path: String, durable: Bool) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try makeDirectory(directory)
        let tempPath = directory + "/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw EngineError.io("cannot create \(tempPath): \(EngineError.errnoText())") }
        var ok = false
        defer {
            if !ok { unlink(tempPath) }
        }
        do {
            try writeAll(fd: fd, data: data, path: tempPath)
            if durable, fsync(fd) != 0 {
                throw EngineError.io("cannot fsync \(tempPath): \(EngineError.errnoText())")
            }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        guard rename(tempPath, path) == 0 else {
            throw EngineError.io("cannot rename \(tempPath) to \(path): \(EngineError.errnoText())")
        }
        ok = true
        if durable { syncDirectory(directory) }
    }

    /// Writes every byte of `data` to `fd`, retrying short writes and EINTR.
    public static func writeAll(fd: Int32, data: Data, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var base = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let n = systemWrite(fd, base, remaining)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw EngineError.io("cannot write \(path): \(EngineError.errnoText())")
                }
                remaining -= n
                base += n
            }
        }
    }

    /// Reads a whole file, or nil when it does not exist.
    public static func read(_ path: String) throws -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw EngineError.io("cannot open \(path): \(EngineError.errnoText())")
        }
        defer { close(fd) }
        var info = stat()
        var capacity = 4096
        if fstat(fd, &info) == 0, info.st_size > 0 { capacity = Int(info.st_size) + 1 }
        var data = Data(count: capacity)
        var count = 0
        while true {
            if count == data.count { data.count *= 2 }
            let n = data.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw EngineError.io("cannot read \(path): \(EngineError.errnoText())")
            }
            if n == 0 { break }
            count += n
        }
        data.count = count
        return data
    }

    /// `mkdir -p`.
    public static func makeDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw EngineError.io("cannot create folder \(path): \(error.localizedDescription)")
        }
    }

    /// fsync a folder so a rename inside it survives a power cut (best effort).
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

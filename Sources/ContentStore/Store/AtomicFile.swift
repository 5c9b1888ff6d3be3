// Crash-safe file replacement: write a temp file in the destination folder, fsync it, rename it
// over the destination, fsync the folder. A crash leaves the old file or the new one, never half.
import Foundation
import SafeFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic, durable file writes and small POSIX helpers used by the store.
public enum AtomicFile {
    /// Replaces `path` with `data`. With `durable`, the file and its folder are fsynced. With
    /// `inside`, every folder from `inside` down to the file's must be a real folder (created when
    /// missing; a symbolic link is an error), so nothing is written through a link out of it. A
    /// symbolic link at `path` itself is replaced, never followed (rename replaces the link).
    public static func write(_ data: Data, to path: String, durable: Bool, inside base: String? = nil) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if let base { try makeRealDirectory(directory, inside: base) } else { try makeDirectory(directory) }
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

    /// Reads a whole file, or nil when it does not exist, through `BoundedFile`: a regular file
    /// only (a FIFO, device or folder is an error, and opening never blocks), a final symbolic link
    /// is not followed, and more than `limit` bytes is an error (see `ReadLimits`).
    public static func read(_ path: String, limit: Int) throws -> Data? {
        do {
            return try BoundedFile.read(path, limit: limit)
        } catch {
            throw EngineError.io(error.description)
        }
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

    /// `mkdir -p` of `path` below `base` (which must exist, or is created as `makeDirectory` would):
    /// every folder between them is created with mkdir, which never follows a link, and an existing
    /// one must be a real folder, not a symbolic link or a file. Throws naming the offending path.
    public static func makeRealDirectory(_ path: String, inside base: String) throws {
        let base = base.hasSuffix("/") && base.count > 1 ? String(base.dropLast()) : base
        guard path == base || path.hasPrefix(base + "/") else {
            throw EngineError.io("\(path) is not inside \(base)")
        }
        try makeDirectory(base)
        var current = base
        for component in path.dropFirst(base.count).split(separator: "/") {
            current += "/" + component
            if component == ".." { throw EngineError.io("\(path) leaves \(base)") }
            if mkdir(current, 0o755) == 0 { continue }
            let code = errno
            guard code == EEXIST else {
                throw EngineError.io("cannot create folder \(current): \(EngineError.errnoText(code))")
            }
            guard BoundedFile.isRealDirectory(current) else {
                let kind = BoundedFile.kind(at: current) ?? "not a folder"
                throw EngineError.io("\(current) is \(kind), not a folder; mixspec writes only through real folders inside \(base)")
            }
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

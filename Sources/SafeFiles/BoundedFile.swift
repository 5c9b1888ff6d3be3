// The one way mixspec reads a file it did not just write itself (a trainer's `{out}/metrics.json`,
// store blobs and records, spec bases): opened non-blocking (a FIFO cannot hang the open), without
// following a final symbolic link unless asked, checked to be a regular file, and read up to a
// byte limit that is checked against both the reported size and the bytes actually read (files
// such as /proc/self/environ report size 0).
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bounded, link-aware reading of regular files.
public enum BoundedFile {
    /// Why a file could not be read; `description` names the path and never quotes its content.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public enum Reason: Equatable, Sendable {
            /// The last path component is a symbolic link and links were not to be followed.
            case symbolicLink
            /// Not a regular file: a FIFO, a device, a socket or a folder (the kind, in words).
            case notRegular(String)
            /// Larger than `limit` bytes.
            case tooLarge(limit: Int)
            /// A system call failed (its `strerror` text).
            case system(String)
        }

        public var path: String
        public var reason: Reason

        public init(path: String, reason: Reason) { self.path = path; self.reason = reason }

        /// The reason in words, without the path ("it is a FIFO (named pipe), not a regular file").
        public var reasonText: String {
            switch reason {
            case .symbolicLink: "it is a symbolic link, which mixspec does not follow there"
            case .notRegular(let kind): "it is \(kind), not a regular file"
            case .tooLarge(let limit): "it is larger than the limit of \(BoundedFile.byteCount(limit))"
            case .system(let text): text
            }
        }

        public var description: String { "cannot read \(path): \(reasonText)" }
    }

    /// The whole content of the regular file at `path`, or nil when nothing is there (ENOENT,
    /// ENOTDIR). Throws when it is a link (unless `followLinks`), not a regular file, longer than
    /// `limit` bytes, or unreadable. Never blocks on a FIFO or a device.
    public static func read(_ path: String, limit: Int, followLinks: Bool = false) throws(Failure) -> Data? {
        guard let fd = try openRegular(path, followLinks: followLinks) else { return nil }
        defer { close(fd) }
        var info = stat()
        let reported = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        if reported > limit { throw Failure(path: path, reason: .tooLarge(limit: limit)) }
        // One byte more than allowed tells a file that grew, or lied about its size, from one at the limit.
        let cap = limit == Int.max ? limit : limit + 1
        var data = Data(count: min(cap, max(reported + 1, 4096)))
        var count = 0
        while true {
            if count == data.count {
                if count >= cap { break }
                data.count = min(cap, data.count * 2)
            }
            let n = data.withUnsafeMutableBytes { boundedSystemRead(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: .system(errnoText()))
            }
            if n == 0 { break }
            count += n
        }
        if count > limit { throw Failure(path: path, reason: .tooLarge(limit: limit)) }
        data.count = count
        return data
    }

    /// The last `maxBytes` bytes of the regular file at `path` (all of it when shorter); nil when
    /// it is absent, a link, not a regular file, or unreadable. For log tails.
    public static func tail(_ path: String, maxBytes: Int) -> Data? {
        guard let fd = try? openRegular(path, followLinks: false) else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        let start = size > maxBytes ? size - maxBytes : 0
        guard lseek(fd, off_t(start), SEEK_SET) >= 0 else { return nil }
        var data = Data(count: min(size - start, maxBytes))
        var count = 0
        while count < data.count {
            let n = data.withUnsafeMutableBytes { boundedSystemRead(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            count += n
        }
        data.count = count
        return data
    }

    /// Opens `path` for reading: non-blocking while opening (so a FIFO with no writer cannot hang
    /// it), with O_NOFOLLOW unless `followLinks`, then checked with fstat to be a regular file and
    /// switched back to blocking reads. Nil when nothing is there; the caller closes the descriptor.
    public static func openRegular(_ path: String, followLinks: Bool = false) throws(Failure) -> Int32? {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followLinks ? 0 : O_NOFOLLOW)
        var fd: Int32
        repeat { fd = open(path, flags) } while fd < 0 && errno == EINTR
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            if code == ELOOP && !followLinks && isSymbolicLink(path) { throw Failure(path: path, reason: .symbolicLink) }
            throw Failure(path: path, reason: .system(errnoText(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let text = errnoText()
            close(fd)
            throw Failure(path: path, reason: .system(text))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw Failure(path: path, reason: .notRegular(kind(of: info.st_mode)))
        }
        let current = fcntl(fd, F_GETFL)
        if current >= 0 { _ = fcntl(fd, F_SETFL, current & ~O_NONBLOCK) }
        return fd
    }

    /// What is at `path`, in words for messages ("a FIFO (named pipe)", "a symbolic link", …), as
    /// `lstat` sees it, or `stat` with `followLinks`; nil when nothing is there.
    public static func kind(at path: String, followLinks: Bool = false) -> String? {
        var info = stat()
        guard (followLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return kind(of: info.st_mode)
    }

    /// True when `path` itself (not what it points to) is a symbolic link.
    public static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// True when `path` itself is a real folder (a symbolic link to one is not).
    public static func isRealDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when `path` itself is a regular file (a symbolic link to one is not).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// A file type in words.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    /// `bytes` as "64 MiB", "8 KiB" or "100 bytes".
    public static func byteCount(_ bytes: Int) -> String {
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return "\(bytes) bytes"
    }

    static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}

#if canImport(Glibc)
private func boundedSystemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
#elseif canImport(Darwin)
private func boundedSystemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
#endif

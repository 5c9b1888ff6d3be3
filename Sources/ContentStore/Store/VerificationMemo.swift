// Which task outputs were verified, remembered as Bazel's action cache remembers file metadata:
// for each key, the output digest its record names and the identity (inode, size, mtime, ctime)
// its blob had when its bytes last hashed to that digest. A cache hit then costs one `lstat` of
// the blob, as `ninja -n` stats each output, instead of reading the record and re-hashing the
// blob. Any change to the blob's metadata (a rewrite, a truncation, a copy, `touch`) re-reads the
// record and re-hashes the blob; ctime cannot be set back by users, so corruption that keeps size
// and mtime is caught too. Corruption beneath the file system (bit rot), which changes no metadata,
// is caught by a full verification (`rehashAll`: `plan --verify`, `run --verify`). Records are
// read when first verified, by a full verification, and by `explain` and `gc`. Blobs changed
// within the last two seconds are not memoised (racy timestamps, as in git).
//
// Stored at `<store>/verified.bin`, loaded in one read and rewritten atomically when it changes
// (merged with what other processes saved meanwhile): a header line, then fixed 96-byte entries:
// key (32 bytes), output digest (32 bytes), the blob's identity (4 × Int64, little-endian).
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the store holds for a task key.
public enum StoredOutput: Sendable, Equatable {
    /// A record whose output blob verifies (by hash, or by unchanged identity since it did).
    case valid(outputDigest: String)
    /// No readable record for the key.
    case absent
    /// A record whose output blob is missing or corrupt.
    case unusable(String)
}

/// Memoised verification of task outputs. Lookups are safe from several threads.
public final class VerificationMemo: @unchecked Sendable {
    private struct Entry: Equatable {
        var output: Digest256
        var blob: FileIdentity
    }

    private static let header = Array("mixspec-verified 1\n".utf8)
    private static let entrySize = 96
    /// A blob whose ctime is this recent is not memoised (its next change may keep its timestamps).
    private static let racyNanoseconds: Int64 = 2_000_000_000

    private let store: Store
    private let path: String
    private let rehashAll: Bool
    /// `cas/`, open, so each lookup resolves two path components instead of the whole path (-1
    /// when absent: then nothing is stored yet).
    private let blobs: Int32
    /// The memo as loaded: never changed afterwards, so lookups read it without a lock.
    private let loaded: [Digest256: Entry]
    /// Entries verified (or found wrong: nil) by this instance, merged into the file by `save()`.
    private let lock = NSLock()
    private var changes: [Digest256: Entry?] = [:]
    /// Blobs changed after this instant minus `racyNanoseconds` are not memoised.
    private let started: Int64

    /// The memo of `store` (loaded now; written by `save()`). With `rehashAll`, every lookup
    /// reads and re-hashes (a full verification) and refreshes the memo.
    public convenience init(store: Store, rehashAll: Bool = false) {
        self.init(store: store, rehashAll: rehashAll, now: Date())
    }

    /// A memo whose clock reads `now` (tests move it on to memoise files they just wrote).
    init(store: Store, rehashAll: Bool, now: Date) {
        self.store = store
        self.path = store.root + "/verified.bin"
        self.rehashAll = rehashAll
        self.started = Int64(now.timeIntervalSince1970 * 1e9)
        self.blobs = open(store.root + "/cas", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        self.loaded = rehashAll ? [:] : Self.read(path, store: store)
    }

    deinit {
        if blobs >= 0 { close(blobs) }
    }

    /// `lstat` of the blob `digest`, relative to the open `cas/`.
    private func probeBlob(_ digest: Digest256) -> FileIdentity.Probe {
        blobs >= 0 ? digest.withShardedName { FileIdentity.probe(blobs, $0) } : FileIdentity.probe(store.blobPath(digest.hex))
    }

    /// The usable output recorded for `key`: a record whose blob verifies.
    public func output(forKey key: String) -> StoredOutput {
        guard let name = Digest256(hex: key) else { return .absent }
        if let known = loaded[name], probeBlob(known.output) == .regular(known.blob) {
            return .valid(outputDigest: known.output.hex)
        }
        guard let record = store.actionRecordSummary(forKey: key), let output = Digest256(hex: record.outputDigest) else {
            return forget(name, .absent)
        }
        // The identity is taken before reading, so a blob changed in between is re-read next time.
        let blobIdentity = probeBlob(output)
        guard store.readBlob(record.outputDigest) != nil else {
            return forget(name, .unusable("its cached output is missing or corrupt"))
        }
        if case .regular(let blob) = blobIdentity, started - blob.ctime > Self.racyNanoseconds {
            remember(name, Entry(output: output, blob: blob))
        }
        return .valid(outputDigest: record.outputDigest)
    }

    private func remember(_ name: Digest256, _ entry: Entry) {
        lock.withLock {
            if loaded[name] != entry || changes[name] != nil { changes[name] = entry }
        }
    }

    /// Records blob `output` of `key` as verified as it is now, without reading it: what a
    /// corruption beneath the file system, which changes no metadata, looks like (tests).
    func assumeVerified(key: String, output: String) {
        guard let name = Digest256(hex: key), let digest = Digest256(hex: output),
              case .regular(let blob) = probeBlob(digest) else { return }
        remember(name, Entry(output: digest, blob: blob))
    }

    private func forget(_ name: Digest256, _ result: StoredOutput) -> StoredOutput {
        lock.withLock { changes[name] = .some(nil) }
        return result
    }

    /// Writes what this instance verified or found wrong into the memo file, over what is there
    /// now (atomic; never creates the store). Concurrent writers at worst lose entries, which are
    /// then verified again.
    public func save() throws {
        try lock.withLock {
            guard !changes.isEmpty, FileManager.default.fileExists(atPath: store.root) else { return }
            var entries = Self.read(path, store: store)
            var changed = false
            for (name, entry) in changes where entries[name] != entry {
                entries[name] = entry
                changed = true
            }
            if changed { try Self.write(entries, to: path) }
            changes = [:]
        }
    }

    /// Forgets every entry whose key does not satisfy `keep` (gc).
    static func retain(in store: Store, where keep: (String) -> Bool) throws {
        let path = store.root + "/verified.bin"
        let entries = read(path, store: store)
        let kept = entries.filter { keep($0.key.hex) }
        if kept.count != entries.count { try write(kept, to: path) }
    }

    private static func write(_ entries: [Digest256: Entry], to path: String) throws {
        var bytes = header
        bytes.reserveCapacity(header.count + entries.count * entrySize)
        for (name, entry) in entries {
            name.append(to: &bytes)
            entry.output.append(to: &bytes)
            entry.blob.append(to: &bytes)
        }
        try AtomicFile.write(Data(bytes), to: path, durable: false, inside: (path as NSString).deletingLastPathComponent)
    }

    private static func read(_ path: String, store: Store) -> [Digest256: Entry] {
        guard let data = try? AtomicFile.read(path, limit: ReadLimits.storeIndex) else { return [:] }
        guard data.count >= header.count, data.prefix(header.count).elementsEqual(header),
              (data.count - header.count) % entrySize == 0 else {
            store.warn("ignoring corrupt verification memo \(path)")
            return [:]
        }
        var entries: [Digest256: Entry] = [:]
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = header.count
            entries.reserveCapacity((buffer.count - offset) / entrySize)
            while offset < buffer.count {
                entries[Digest256(buffer, at: offset)] = Entry(output: Digest256(buffer, at: offset + 32),
                                                               blob: FileIdentity(buffer, at: offset + 64))
                offset += entrySize
            }
        }
        return entries
    }
}

/// What identifies one version of a file: any write, truncation, replacement or `touch` changes it.
public struct FileIdentity: Equatable, Sendable, Codable {
    public var inode: UInt64
    public var size: Int64
    /// Modification and status-change times, nanoseconds since the epoch.
    public var mtime: Int64
    public var ctime: Int64

    /// The identity of the regular file at `path` (nil when there is none).
    public static func of(_ path: String) -> FileIdentity? {
        if case .regular(let identity) = probe(path) { return identity }
        return nil
    }

    /// What `lstat` finds at a path.
    enum Probe: Equatable {
        case regular(FileIdentity)
        case missing
        /// Something else (a symbolic link, a folder, an unreadable path): never memoised.
        case other
    }

    /// The identity of the regular file at `path`, not following a symbolic link.
    static func probe(_ path: String) -> Probe {
        var info = stat()
        return identify(lstat(path, &info), info)
    }

    /// The identity of the regular file at `relative` (a NUL-terminated path) inside the open
    /// folder `folder`, not following a symbolic link.
    static func probe(_ folder: Int32, _ relative: UnsafePointer<CChar>) -> Probe {
        var info = stat()
        return identify(fstatat(folder, relative, &info, AT_SYMLINK_NOFOLLOW), info)
    }

    private static func identify(_ status: Int32, _ info: stat) -> Probe {
        guard status == 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .other }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .other }
        return .regular(FileIdentity(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                                     mtime: modificationNanoseconds(info), ctime: changeNanoseconds(info)))
    }

    init(inode: UInt64, size: Int64, mtime: Int64, ctime: Int64) {
        self.inode = inode; self.size = size; self.mtime = mtime; self.ctime = ctime
    }

    init(_ buffer: UnsafeRawBufferPointer, at offset: Int) {
        inode = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        size = Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self))
        mtime = Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 16, as: Int64.self))
        ctime = Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 24, as: Int64.self))
    }

    func append(to bytes: inout [UInt8]) {
        for value in [inode, UInt64(bitPattern: size), UInt64(bitPattern: mtime), UInt64(bitPattern: ctime)] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }
}

/// A SHA-256 digest as 32 bytes (a compact, allocation-free dictionary key).
struct Digest256: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The digest written as 64 lower-case hex digits; nil for anything else.
    init?(hex: String) {
        var hex = hex
        guard let parsed = hex.withUTF8({ Digest256(hexDigits: $0[...]) }) else { return nil }
        self = parsed
    }

    /// The digest whose 64 lower-case hex digits are `utf8`; nil for anything else.
    init?(hexDigits utf8: Slice<UnsafeBufferPointer<UInt8>>) {
        guard utf8.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var invalid: UInt8 = 0
        let start = utf8.startIndex
        for w in 0..<4 {
            var value: UInt64 = 0
            for i in start + w * 16..<start + w * 16 + 16 {
                let digit = Self.hexValues[Int(utf8[i])]
                invalid |= digit
                value = value << 4 | UInt64(digit & 0x0f)
            }
            switch w {
            case 0: words.0 = value
            case 1: words.1 = value
            case 2: words.2 = value
            default: words.3 = value
            }
        }
        guard invalid & 0xf0 == 0 else { return nil }
        self.words = words
    }

    /// Each byte's value as a lower-case hex digit, 0xff for other bytes.
    private static let hexValues: [UInt8] = (0...255).map { byte in
        switch byte {
        case 48...57: UInt8(byte - 48)
        case 97...102: UInt8(byte - 87)
        default: 0xff
        }
    }

    /// Calls `body` with `<first two digits>/<64 digits>`, NUL-terminated, built on the stack.
    func withShardedName<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 68) { path in
            writeHex(into: UnsafeMutableRawPointer(path.baseAddress! + 3).assumingMemoryBound(to: UInt8.self))
            path[0] = path[3]
            path[1] = path[4]
            path[2] = CChar(UInt8(ascii: "/"))
            path[67] = 0
            return body(path.baseAddress!)
        }
    }

    init(_ buffer: UnsafeRawBufferPointer, at offset: Int) {
        words = (UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                 UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)),
                 UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)),
                 UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
    }

    static func == (a: Digest256, b: Digest256) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    func hash(into hasher: inout Hasher) {
        // Already uniformly distributed.
        hasher.combine(words.0)
    }

    /// 64 lower-case hex digits.
    var hex: String {
        String(unsafeUninitializedCapacity: 64) { out in
            writeHex(into: out.baseAddress!)
            return 64
        }
    }

    /// Writes the 64 hex digits at `out`.
    private func writeHex(into out: UnsafeMutablePointer<UInt8>) {
        for w in 0..<4 {
            let word = w == 0 ? words.0 : w == 1 ? words.1 : w == 2 ? words.2 : words.3
            for i in 0..<16 {
                let digit = UInt8((word >> UInt64(60 - 4 * i)) & 0xf)
                out[w * 16 + i] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") - 10 + digit
            }
        }
    }

    func append(to bytes: inout [UInt8]) {
        for word in [words.0, words.1, words.2, words.3] {
            withUnsafeBytes(of: word.bigEndian) { bytes.append(contentsOf: $0) }
        }
    }
}

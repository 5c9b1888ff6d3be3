// Which action records and output blobs were verified, remembered by file identity (inode, size,
// mtime, ctime) as Bazel's action cache remembers file metadata: a cache hit then costs two
// `lstat`s instead of reading the record and re-hashing its blob. Any change to a file's metadata
// (a rewrite, a truncation, a copy, `touch`) re-reads and re-hashes it; ctime cannot be set back
// by users, so corruption that keeps size and mtime is caught too, except bit rot beneath the
// file system, which a full verification (`rehashAll`, `--verify`) catches. Files changed within
// the last two seconds are not memoised (racy timestamps, as in git).
//
// Stored at `<store>/verified.bin`, loaded in one read and rewritten atomically when it changes:
// a header line, then fixed 128-byte entries: key (32 bytes), the record's identity (4 × Int64,
// little-endian), output digest (32 bytes), the blob's identity.
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

/// Memoised verification of action records and their blobs.
public final class VerificationMemo: @unchecked Sendable {
    private struct Entry: Equatable {
        var record: FileIdentity
        var output: Digest256
        var blob: FileIdentity
    }

    private static let header = Array("mixspec-verified 1\n".utf8)
    private static let entrySize = 128
    /// A file whose ctime is this recent is not memoised (its next change may keep its timestamps).
    private static let racyNanoseconds: Int64 = 2_000_000_000

    private let store: Store
    private let path: String?
    private let rehashAll: Bool
    private let lock = NSLock()
    private var entries: [Digest256: Entry] = [:]
    private var dirty = false
    /// Files changed after this instant minus `racyNanoseconds` are not memoised.
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
        if let path, let data = try? AtomicFile.read(path) { load(data, path: path) }
    }

    /// The usable output recorded for `key`: a record whose blob verifies.
    public func output(forKey key: String) -> StoredOutput {
        guard let name = Digest256(hex: key) else { return .absent }
        let recordIdentity: FileIdentity?
        switch FileIdentity.probe(store.actionRecordPath(key)) {
        case .missing: return .absent
        case .regular(let identity): recordIdentity = identity
        case .other: recordIdentity = nil
        }
        if !rehashAll, let recordIdentity, let known = lock.withLock({ entries[name] }), known.record == recordIdentity,
           FileIdentity.probe(store.blobPath(known.output.hex)) == .regular(known.blob) {
            return .valid(outputDigest: known.output.hex)
        }
        // Identities are taken before reading, so a file changed in between is re-read next time.
        guard let record = store.actionRecordSummary(forKey: key) else { return forget(name, .absent) }
        let blobIdentity = FileIdentity.probe(store.blobPath(record.outputDigest))
        guard store.readBlob(record.outputDigest) != nil, let output = Digest256(hex: record.outputDigest) else {
            return forget(name, .unusable("its cached output is missing or corrupt"))
        }
        if let recordIdentity, case .regular(let blobIdentity) = blobIdentity,
           started - max(recordIdentity.ctime, blobIdentity.ctime) > Self.racyNanoseconds {
            remember(name, Entry(record: recordIdentity, output: output, blob: blobIdentity))
        }
        return .valid(outputDigest: record.outputDigest)
    }

    private func remember(_ name: Digest256, _ entry: Entry) {
        lock.withLock {
            if entries[name] != entry { entries[name] = entry; dirty = true }
        }
    }

    /// Records the record of `key` and blob `output` as verified as they are now, without reading
    /// them: what a corruption beneath the file system, which changes no metadata, looks like (tests).
    func assumeVerified(key: String, output: String) {
        guard let name = Digest256(hex: key), let digest = Digest256(hex: output),
              case .regular(let record) = FileIdentity.probe(store.actionRecordPath(key)),
              case .regular(let blob) = FileIdentity.probe(store.blobPath(output)) else { return }
        remember(name, Entry(record: record, output: digest, blob: blob))
    }

    private func forget(_ name: Digest256, _ result: StoredOutput) -> StoredOutput {
        lock.withLock {
            if entries.removeValue(forKey: name) != nil { dirty = true }
        }
        return result
    }

    /// Forgets every entry whose key does not satisfy `keep` and saves (gc).
    func retain(where keep: (String) -> Bool) throws {
        lock.withLock {
            let before = entries.count
            entries = entries.filter { keep($0.key.hex) }
            dirty = dirty || entries.count != before
        }
        try save()
    }

    /// Writes the memo back if it changed (atomic; never creates the store; concurrent writers at
    /// worst lose entries, which are then verified again).
    public func save() throws {
        lock.lock()
        defer { lock.unlock() }
        guard let path, dirty, FileManager.default.fileExists(atPath: store.root) else { return }
        var bytes = Self.header
        bytes.reserveCapacity(Self.header.count + entries.count * Self.entrySize)
        for (name, entry) in entries {
            name.append(to: &bytes)
            entry.record.append(to: &bytes)
            entry.output.append(to: &bytes)
            entry.blob.append(to: &bytes)
        }
        try AtomicFile.write(Data(bytes), to: path, durable: false)
        dirty = false
    }

    private func load(_ data: Data, path: String) {
        let header = Self.header
        guard data.count >= header.count, data.prefix(header.count).elementsEqual(header),
              (data.count - header.count) % Self.entrySize == 0 else {
            store.warn("ignoring corrupt verification memo \(path)")
            return
        }
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = header.count
            entries.reserveCapacity((buffer.count - offset) / Self.entrySize)
            while offset < buffer.count {
                let name = Digest256(buffer, at: offset)
                entries[name] = Entry(record: FileIdentity(buffer, at: offset + 32), output: Digest256(buffer, at: offset + 64),
                                      blob: FileIdentity(buffer, at: offset + 96))
                offset += Self.entrySize
            }
        }
    }
}

/// What identifies one version of a file: any write, truncation, replacement or `touch` changes it.
struct FileIdentity: Equatable {
    var inode: UInt64
    var size: Int64
    var mtime: Int64
    var ctime: Int64

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
        guard lstat(path, &info) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .other }
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
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        for byte in hex.utf8 {
            let value: UInt64
            switch byte {
            case 48...57: value = UInt64(byte - 48)
            case 97...102: value = UInt64(byte - 87)
            default: return nil
            }
            guard count < 64 else { return nil }
            switch count / 16 {
            case 0: words.0 = words.0 << 4 | value
            case 1: words.1 = words.1 << 4 | value
            case 2: words.2 = words.2 << 4 | value
            default: words.3 = words.3 << 4 | value
            }
            count += 1
        }
        guard count == 64 else { return nil }
        self.words = words
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
        let digits = Self.digits
        return String(unsafeUninitializedCapacity: 64) { out in
            var i = 0
            for word in [words.0, words.1, words.2, words.3] {
                for shift in stride(from: 60, through: 0, by: -4) {
                    out[i] = digits[Int((word >> UInt64(shift)) & 0xf)]
                    i += 1
                }
            }
            return 64
        }
    }

    private static let digits = Array("0123456789abcdef".utf8)

    func append(to bytes: inout [UInt8]) {
        for word in [words.0, words.1, words.2, words.3] {
            withUnsafeBytes(of: word.bigEndian) { bytes.append(contentsOf: $0) }
        }
    }
}

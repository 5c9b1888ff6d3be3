// Input-file digests memoised by (path, size, mtime, inode) in `<store>/files.json`, so large data
// files are hashed once, not on every plan. Files modified within the last two seconds are not
// memoised: a write in the same clock tick could otherwise go unnoticed ("racy clean", as in git).
import Foundation
import SpecModel

/// Computes and memoises content digests of input files.
public final class FileDigestCache: @unchecked Sendable {
    private struct Entry: Equatable {
        var size: Int64
        var mtime: Int64
        var inode: UInt64
        var digest: String
    }

    private let lock = NSLock()
    private let path: String?
    private var entries: [String: Entry] = [:]
    /// Digests already established by this instance: one plan or run sees each file once, even
    /// when thousands of tasks name it.
    private var session: [String: String] = [:]
    private var dirty = false
    private let durable: Bool

    /// A cache persisted in `store` (loaded now; written by `save()`).
    public convenience init(store: Store) {
        self.init(path: store.root + "/files.json", durable: store.durable, warn: store.warn)
    }

    /// An in-memory cache (nothing persisted).
    public convenience init() { self.init(path: nil, durable: false, warn: { _ in }) }

    private init(path: String?, durable: Bool, warn: @Sendable (String) -> Void) {
        self.path = path
        self.durable = durable
        guard let path else { return }
        let data: Data
        do {
            guard let read = try AtomicFile.read(path, limit: ReadLimits.storeIndex) else { return }
            data = read
        } catch {
            warn("ignoring file-digest cache: \(error)")
            return
        }
        guard case .object(let files)? = try? JSONParser.parse(data) else {
            warn("ignoring corrupt file-digest cache \(path)")
            return
        }
        for (file, value) in files {
            guard case .object(let fields) = value,
                  case .int(let size)? = fields["size"], case .int(let mtime)? = fields["mtime"],
                  case .int(let inode)? = fields["inode"], case .string(let digest)? = fields["digest"],
                  ContentDigest.isDigest(digest) else { continue }
            entries[file] = Entry(size: size, mtime: mtime, inode: UInt64(bitPattern: inode), digest: digest)
        }
    }

    /// The SHA-256 of the file at `path` (absolute); throws when it cannot be read.
    public func digest(ofFileAt path: String) throws -> String {
        if let known = lock.withLock({ session[path] }) { return known }
        let digest = try computeDigest(path)
        lock.withLock { session[path] = digest }
        return digest
    }

    private func computeDigest(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw EngineError.io("input file \(path) cannot be read: \(EngineError.errnoText())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw EngineError.io("input file \(path) is not a regular file")
        }
        let size = Int64(info.st_size)
        let mtime = modificationNanoseconds(info)
        let inode = UInt64(info.st_ino)
        lock.lock()
        let cached = entries[path]
        lock.unlock()
        if let cached, cached.size == size, cached.mtime == mtime, cached.inode == inode { return cached.digest }
        let digest = try ContentDigest.sha256Hex(fileAt: path)
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        if now - mtime > 2_000_000_000 {
            lock.lock()
            entries[path] = Entry(size: size, mtime: mtime, inode: inode, digest: digest)
            dirty = true
            lock.unlock()
        }
        return digest
    }

    /// Writes the memo back to the store if anything was added (atomic; concurrent writers at worst lose memo entries).
    public func save() throws {
        lock.lock()
        defer { lock.unlock() }
        guard let path, dirty else { return }
        // Never create a store just to memoise digests (plan on a fresh spec stays read-only).
        guard FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent) else { return }
        var files: [String: CanonicalValue] = [:]
        for (file, entry) in entries {
            files[file] = .object([
                "size": .int(entry.size), "mtime": .int(entry.mtime),
                "inode": .int(Int64(bitPattern: entry.inode)), "digest": .string(entry.digest),
            ])
        }
        try AtomicFile.write(Data(CanonicalValue.object(files).canonicalJSON.utf8), to: path, durable: durable)
        dirty = false
    }
}

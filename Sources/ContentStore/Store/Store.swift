// The content-addressed store (DESIGN.md §5):
//   cas/<aa>/<digest>           output blobs, named by the SHA-256 of their bytes
//   actions/<aa>/<key>.json     action records, named by task key
//   tasks/<escaped id>.json     the last record written for each task id (for `explain`)
//   logs/<escaped id>/<key>.log task logs, kept for succeeded and failed tasks
//   files.json                  memoised digests of input files
//   tmp/                        scratch folders of running tasks
//   lock                        the single-writer lock (see StoreLock)
import Compiler
import Foundation

/// A content-addressed store of task outputs and action records rooted at one folder.
public struct Store: Sendable {
    /// Absolute path of the store folder.
    public let root: String
    /// Whether writes are fsynced (turn off only for throwaway stores, e.g. benchmark set-up).
    public var durable: Bool
    /// Receives warnings about corrupt records or blobs (they are then treated as absent); the
    /// caller decides where they go (the command line prints them), by default nowhere.
    public var warn: @Sendable (String) -> Void

    /// Opens (lazily creates) a store at `root`.
    public init(root: String, durable: Bool = true, warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        self.durable = durable
        self.warn = warn
    }

    /// The store for a spec: `override` (from `--store`) if given, else `MIXSPEC_STORE`, else
    /// `.mixspec/` in the spec's folder.
    public static func defaultRoot(forSpecAt specPath: String, override: String? = nil,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override, !override.isEmpty { return override }
        if let fromEnvironment = environment["MIXSPEC_STORE"], !fromEnvironment.isEmpty { return fromEnvironment }
        let folder = URL(fileURLWithPath: specPath).standardizedFileURL.deletingLastPathComponent().path
        return folder + "/.mixspec"
    }

    // MARK: Paths

    /// Path of the blob with content digest `digest`.
    public func blobPath(_ digest: String) -> String { "\(root)/cas/\(digest.prefix(2))/\(digest)" }

    /// Path of the action record for `key`.
    public func actionRecordPath(_ key: String) -> String { "\(root)/actions/\(key.prefix(2))/\(key).json" }

    /// Path of the last-record pointer for a task id.
    public func taskRecordPath(_ id: TaskID) -> String { "\(root)/tasks/\(Self.escape(id)).json" }

    /// Path of the log of task `id` run under `key`.
    public func logPath(_ id: TaskID, key: String) -> String { "\(root)/logs/\(Self.escape(id))/\(key).log" }

    /// A task id as one safe file name: bytes other than `[A-Za-z0-9._-]` become `%XX`.
    public static func escape(_ id: TaskID) -> String {
        var out = ""
        for byte in id.rawValue.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: ".") where !out.isEmpty:
                out.append(".")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    // MARK: Blobs

    /// Stores `data` under its content digest (skipped when a valid copy exists) and returns the digest.
    @discardableResult
    public func writeBlob(_ data: Data) throws -> String {
        let digest = ContentDigest.sha256Hex(data)
        let path = blobPath(digest)
        if let existing = try? AtomicFile.read(path, limit: data.count), existing == data { return digest }
        try AtomicFile.write(data, to: path, durable: durable, inside: root)
        return digest
    }

    /// The verified bytes of a blob; nil (with a warning) when it is missing or its content no
    /// longer matches its digest (see `readBlob(_:size:)`).
    public func readBlob(_ digest: String) -> Data? { readBlob(digest, size: nil) }

    /// The verified bytes of a blob; nil (with a warning) when it is missing, not a regular file,
    /// larger than `size` (its record's `outputSize`, when the caller has it) or `ReadLimits.blob`,
    /// or its content no longer matches its digest.
    public func readBlob(_ digest: String, size: Int?) -> Data? {
        guard ContentDigest.isDigest(digest) else { return nil }
        let path = blobPath(digest)
        let data: Data
        do {
            guard let read = try AtomicFile.read(path, limit: min(size ?? ReadLimits.blob, ReadLimits.blob)) else { return nil }
            data = read
        } catch {
            warn("\(error); it will be recomputed")
            return nil
        }
        let actual = ContentDigest.sha256Hex(data)
        guard actual == digest else {
            warn("blob \(path) is corrupt (its content hashes to \(actual.prefix(12))…); it will be recomputed")
            return nil
        }
        return data
    }

    // MARK: Action records

    /// The record for `key`, or nil when absent; a truncated or corrupt record is reported and treated as absent.
    public func actionRecord(forKey key: String) -> ActionRecord? {
        readRecord(at: actionRecordPath(key), expectedKey: key)
    }

    /// Like `actionRecord(forKey:)` but without decoding the key material (left `.null`): the
    /// cache-hit test on every task of every plan.
    public func actionRecordSummary(forKey key: String) -> ActionRecord? {
        readRecord(at: actionRecordPath(key), expectedKey: key, withMaterial: false)
    }

    /// The last record written for task `id` (any key), for `explain` and the planner's reasons.
    public func lastRecord(for id: TaskID) -> ActionRecord? {
        guard let record = readRecord(at: taskRecordPath(id), expectedKey: nil) else { return nil }
        return record.taskID == id ? record : nil
    }

    /// Writes an action record (its blob must already be stored), then the task-id pointer.
    public func writeActionRecord(_ record: ActionRecord) throws {
        let data = Data(record.json.utf8)
        try AtomicFile.write(data, to: actionRecordPath(record.key), durable: durable, inside: root)
        // The pointer is an index for `explain`; losing it in a crash only loses a reason.
        try AtomicFile.write(data, to: taskRecordPath(record.taskID), durable: false, inside: root)
    }

    private func readRecord(at path: String, expectedKey: String?, withMaterial: Bool = true) -> ActionRecord? {
        let data: Data
        do {
            guard let read = try AtomicFile.read(path, limit: ReadLimits.actionRecord) else { return nil }
            data = read
        } catch {
            warn("ignoring action record: \(error)")
            return nil
        }
        switch ActionRecord.decode(data, withMaterial: withMaterial) {
        case .success(let record):
            if let expectedKey, record.key != expectedKey {
                warn("ignoring action record \(path): it names key \(record.key.prefix(12))…")
                return nil
            }
            return record
        case .failure(let failure):
            warn("ignoring corrupt action record \(path): \(failure)")
            return nil
        }
    }

    // MARK: Logs and scratch space

    /// The most recently modified log of task `id`, if any.
    public func latestLog(for id: TaskID) -> String? {
        let folder = "\(root)/logs/\(Self.escape(id))"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        var best: (path: String, time: Int64)?
        for name in names where name.hasSuffix(".log") {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let time = modificationNanoseconds(info)
            if best == nil || time > best!.time { best = (path, time) }
        }
        return best?.path
    }

    /// A fresh, empty scratch folder for one attempt of task `id`.
    public func makeScratchDirectory(for id: TaskID) throws -> String {
        let path = "\(root)/tmp/\(Self.escape(id))-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try AtomicFile.makeRealDirectory(path, inside: root)
        return path
    }
}

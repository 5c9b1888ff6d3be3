// The content-addressed store (DESIGN.md §5):
//   cas/<aa>/<digest>           output blobs, named by the SHA-256 of their bytes
//   actions/<aa>/<key>.json     action records, named by task key
//   index/<spec name>           each spec's last-run pointers, task id → key (see TaskIndex)
//   logs/<escaped id>/<key>.log task logs, kept for succeeded and failed tasks
//   files.json                  memoised digests of input files
//   verified.bin                records and blobs already verified, by file identity (VerificationMemo)
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

    /// Writes an action record (its blob must already be stored). The spec's `TaskIndex` is
    /// pointed at it separately.
    public func writeActionRecord(_ record: ActionRecord) throws {
        try AtomicFile.write(Data(record.json.utf8), to: actionRecordPath(record.key), durable: durable, inside: root)
    }

    private func readRecord(at path: String, expectedKey: String, withMaterial: Bool = true) -> ActionRecord? {
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
            if record.key != expectedKey {
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
    public func latestLog(for id: TaskID) -> String? { logs(for: id).first?.path }

    /// Every log of task `id`, newest first.
    public func logs(for id: TaskID) -> [StoredLog] {
        let folder = "\(root)/logs/\(Self.escape(id))"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var logs: [(log: StoredLog, time: Int64)] = []
        for name in names where name.hasSuffix(".log") {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let time = modificationNanoseconds(info)
            logs.append((StoredLog(path: path, key: String(name.dropLast(4)), modified: Date(timeIntervalSince1970: Double(time) / 1e9)), time))
        }
        return logs.sorted { $0.time != $1.time ? $0.time > $1.time : $0.log.key < $1.log.key }.map(\.log)
    }

    /// A fresh, empty scratch folder for one attempt of task `id`.
    public func makeScratchDirectory(for id: TaskID) throws -> String {
        let path = "\(root)/tmp/\(Self.escape(id))-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try AtomicFile.makeRealDirectory(path, inside: root)
        return path
    }
}

/// A task log kept in the store: `logs/<escaped id>/<key>.log`.
public struct StoredLog: Sendable, Equatable {
    /// Path of the log file.
    public var path: String
    /// The key the task ran under.
    public var key: String
    /// When the log was last written.
    public var modified: Date
}

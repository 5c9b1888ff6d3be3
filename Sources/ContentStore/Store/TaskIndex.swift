// The last-run index of one spec: for each task id, the key of the record that the spec's latest
// run of it produced or reused (what `plan` and `explain` compare against). Blobs and action
// records are shared by every spec of a store; these pointers are not, so two specs in one folder
// never see each other's runs. Stored at `index/<escaped name>`, one line per update:
//
//     <64 hex digits of the key> <escaped task id>\n
//
// Updates are appended (the last line of an id wins), so recording a finished task costs one small
// write, and the whole index loads in one read. A line without its newline (a crash mid-append) is
// ignored; the file is rewritten atomically without dead lines when they are the majority.
import Compiler
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last-run pointers of one spec (task id → key), loaded from the store in one read.
public struct TaskIndex: Sendable {
    /// The index a library caller gets when it names none.
    public static let defaultName = "default"

    /// The store holding the index and the records it points to.
    public let store: Store
    /// The index's name: a spec's `name`.
    public let name: String
    /// Task id → key of its last record.
    public private(set) var keys: [TaskID: String] = [:]
    /// Lines in the file (live and dead), to decide when to compact.
    private var lines = 0
    /// The file ends in the middle of a line (an interrupted append) after this many bytes.
    private var torn: Int?

    /// The index `name` of `store`, as stored now (empty when absent; unreadable lines are skipped).
    public init(store: Store, name: String) {
        self.store = store
        self.name = name
        guard let data = try? AtomicFile.read(path, limit: ReadLimits.storeIndex) else { return }
        load(data)
    }

    /// Path of the index file.
    public var path: String { store.indexPath(name) }

    /// The key of the last record of `id`, if any.
    public func key(for id: TaskID) -> String? { keys[id] }

    /// The last record of `id` (nil when there is none, or its record is gone or corrupt).
    public func lastRecord(for id: TaskID) -> ActionRecord? {
        keys[id].flatMap(store.actionRecord(forKey:))
    }

    /// Points each `(id, key)` at its key, appending only the pointers that change. Not durable:
    /// a crash loses at most reasons of `plan` and `explain`, never a result.
    public mutating func update(_ pointers: [(TaskID, String)]) throws {
        var text = ""
        var changed = 0
        for (id, key) in pointers where keys[id] != key && ContentDigest.isDigest(key) {
            keys[id] = key
            text += key + " " + Store.escape(id) + "\n"
            changed += 1
        }
        guard changed > 0 else { return }
        lines += changed
        try AtomicFile.makeRealDirectory((path as NSString).deletingLastPathComponent, inside: store.root)
        // Drop a torn last line first: completed by this append it could read as a valid pointer.
        if let torn, truncate(path, off_t(torn)) != 0 {
            throw EngineError.io("cannot truncate index \(path): \(EngineError.errnoText())")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw EngineError.io("cannot open index \(path): \(EngineError.errnoText())") }
        defer { close(fd) }
        try AtomicFile.writeAll(fd: fd, data: Data(text.utf8), path: path)
        torn = nil
    }

    /// Rewrites the file without dead lines when they outnumber the live ones.
    public mutating func compactIfWasteful() throws {
        guard lines > 2 * keys.count + 64 || torn != nil else { return }
        try rewrite()
    }

    /// Keeps only the pointers whose key satisfies `keep` (gc), rewriting the file if any goes.
    public mutating func retain(where keep: (String) -> Bool) throws {
        let before = keys.count
        keys = keys.filter { keep($0.value) }
        if keys.count != before || lines != keys.count { try rewrite() }
    }

    private mutating func rewrite() throws {
        var text = ""
        for (id, key) in keys.sorted(by: { $0.key < $1.key }) { text += key + " " + Store.escape(id) + "\n" }
        try AtomicFile.write(Data(text.utf8), to: path, durable: false, inside: store.root)
        lines = keys.count
        torn = nil
    }

    private mutating func load(_ data: Data) {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                guard let found = memchr(bytes.baseAddress! + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else {
                    torn = start
                    break
                }
                let end = UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
                lines += 1
                // 64 hex digits, a space, a non-empty escaped id.
                if end - start > 65, bytes[start + 64] == UInt8(ascii: " ") {
                    let key = String(decoding: bytes[start..<start + 64], as: UTF8.self)
                    if ContentDigest.isDigest(key), let id = Store.unescape(bytes[(start + 65)..<end]) {
                        keys[id] = key
                    }
                }
                start = end + 1
            }
        }
    }
}

extension Store {
    /// Path of the last-run index `name` (a spec's name).
    public func indexPath(_ name: String) -> String { "\(root)/index/\(Self.escape(TaskID(name)))" }

    /// The names of every last-run index in the store.
    public func indexNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/index")) ?? [])
            .filter { !$0.hasPrefix(".tmp-") }
            .compactMap { Self.unescape(Array($0.utf8)[...])?.rawValue }
            .sorted()
    }

    /// The task id of an escaped name (`escape`'s inverse); nil when `bytes` is not one.
    static func unescape(_ bytes: some Collection<UInt8>) -> TaskID? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        func hexValue(_ byte: UInt8?) -> UInt8? {
            switch byte {
            case let b? where (48...57).contains(b): b - 48
            case let b? where (65...70).contains(b): b - 55
            default: nil
            }
        }
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = hexValue(iterator.next()), let low = hexValue(iterator.next()) else { return nil }
                out.append(high << 4 | low)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                out.append(byte)
            default:
                return nil
            }
        }
        guard !out.isEmpty, let text = String(validating: out, as: UTF8.self) else { return nil }
        return TaskID(text)
    }
}

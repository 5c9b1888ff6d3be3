// The last-run index of one spec: for each task id, the key of the record that the spec's latest
// run of it produced or reused (what `plan` and `explain` compare against). Blobs and action
// records are shared by every spec of a store; these pointers are not, so two specs in one folder
// never see each other's runs. Stored at `index/<escaped name>`, one line per update:
//
//     <64 hex digits of the key> <task id>\n
//
// (in the id, `%`, control characters and DEL are written `%XX`; nothing else is escaped).
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
    /// Task id → key of its last record (as bytes: 100,000 pointers load without a string each).
    private var pointers: [TaskID: Digest256] = [:]
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

    /// Task id → key of its last record.
    public var keys: [TaskID: String] { pointers.mapValues(\.hex) }

    /// The key of the last record of `id`, if any.
    public func key(for id: TaskID) -> String? { pointers[id]?.hex }

    /// Whether `id` points at `key` already.
    public func points(_ id: TaskID, to key: String) -> Bool {
        guard let known = pointers[id] else { return false }
        return Digest256(hex: key) == known
    }

    /// The last record of `id` (nil when there is none, or its record is gone or corrupt).
    public func lastRecord(for id: TaskID) -> ActionRecord? {
        key(for: id).flatMap(store.actionRecord(forKey:))
    }

    /// Points each `(id, key)` at its key, appending only the pointers that change. Not durable:
    /// a crash loses at most reasons of `plan` and `explain`, never a result.
    public mutating func update(_ pointers: [(TaskID, String)]) throws {
        var text = ""
        var changed = 0
        for (id, key) in pointers {
            guard let digest = Digest256(hex: key), self.pointers[id] != digest else { continue }
            self.pointers[id] = digest
            text += key + " " + Self.escapeInLine(id) + "\n"
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
        guard lines > 2 * pointers.count + 64 || torn != nil else { return }
        try rewrite()
    }

    /// Keeps only the pointers whose key satisfies `keep` (gc), rewriting the file if any goes.
    public mutating func retain(where keep: (String) -> Bool) throws {
        let before = pointers.count
        pointers = pointers.filter { keep($0.value.hex) }
        if pointers.count != before || lines != pointers.count { try rewrite() }
    }

    private mutating func rewrite() throws {
        var text = ""
        for (id, key) in pointers.sorted(by: { $0.key < $1.key }) { text += key.hex + " " + Self.escapeInLine(id) + "\n" }
        try AtomicFile.write(Data(text.utf8), to: path, durable: false, inside: store.root)
        lines = pointers.count
        torn = nil
    }

    private mutating func load(_ data: Data) {
        pointers.reserveCapacity(data.count / 88)
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
                // 64 hex digits, a space, a non-empty id.
                if end - start > 65, bytes[start + 64] == UInt8(ascii: " "),
                   let key = Digest256(hexDigits: bytes[start..<start + 64]), let id = Self.unescapeInLine(bytes[(start + 65)..<end]) {
                    pointers[id] = key
                }
                start = end + 1
            }
        }
    }
}

extension TaskIndex {
    /// `id` as written in a line: `%`, control characters and DEL as `%XX`.
    static func escapeInLine(_ id: TaskID) -> String {
        guard id.rawValue.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f || $0 == UInt8(ascii: "%") }) else { return id.rawValue }
        var out = ""
        for scalar in id.rawValue.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f || scalar == "%" {
                out += String(format: "%%%02X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The id of a line's bytes (`escapeInLine`'s inverse); nil when they are not one.
    static func unescapeInLine(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> TaskID? {
        if !bytes.contains(UInt8(ascii: "%")) {
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7f }), let text = String(validating: bytes, as: UTF8.self) else { return nil }
            return TaskID(text)
        }
        var out: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                else { return nil }
                out.append(value)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self).map(TaskID.init)
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

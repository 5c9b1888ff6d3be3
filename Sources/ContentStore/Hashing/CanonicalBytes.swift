// A byte-level writer of the canonical JSON encoding (SpecModel's `CanonicalValue.canonicalJSON`):
// same bytes, written straight into a buffer with non-allocating key comparisons. Keys are hashed
// for every task on every plan, so this is the planner's hot path (10,000 tasks in well under a
// second). `CanonicalBytesTests` checks it byte for byte against `canonicalJSON`.
import Compiler
import Foundation
import SpecModel

struct CanonicalBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// A writer appending to `buffer` emptied (its capacity kept: one buffer serves many keys).
    init(reusing buffer: [UInt8], capacity: Int) {
        bytes = buffer
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(capacity)
    }

    /// The canonical encoding of `value`.
    static func encode(_ value: CanonicalValue) -> [UInt8] {
        var writer = CanonicalBytes()
        writer.write(value)
        return writer.bytes
    }

    /// The canonical encoding of `material.canonical`, without building that value first. With a
    /// `cache`, composite members of the parameters already encoded (shared by many tasks) are
    /// copied instead of encoded again. `orderedInputs` (the upstream digests as the graph lists
    /// them) spares sorting them when that list is already in byte order.
    static func encode(_ material: TaskKeyMaterial, cache: KeyEncodingCache? = nil, orderedInputs: [(TaskID, String)] = []) -> [UInt8] {
        var writer = CanonicalBytes(reusing: cache?.takeBuffer() ?? [],
                                    capacity: 256 + 96 * (material.inputDigests.count + material.fileDigests.count))
        // Members in UTF-8 order: files, inputs, kind, parameters, version.
        writer.append("{\"files\":")
        writer.writeStringMap(material.fileDigests.map { ($0.key, $0.value) })
        writer.append(",\"inputs\":")
        if orderedInputs.count == material.inputDigests.count, orderedInputs.count > 1,
           zip(orderedInputs, orderedInputs.dropFirst()).allSatisfy({ Self.precedes($0.0.rawValue, $1.0.rawValue) }) {
            writer.writeStringMap(orderedInputs.map { ($0.0.rawValue, $0.1) }, sorted: true)
        } else {
            writer.writeStringMap(material.inputDigests.map { ($0.key.rawValue, $0.value) })
        }
        writer.append(",\"kind\":")
        writer.writeString(material.kind.rawValue)
        writer.append(",\"parameters\":")
        if let cache, case .object(let members) = material.parameters, !members.isEmpty {
            writer.writeMembers(members, orderCache: cache) { writer, value in
                guard let identity = KeyEncodingCache.identity(of: value) else { writer.write(value); return }
                if let known = cache.bytes(for: identity) {
                    writer.bytes.append(contentsOf: known)
                } else {
                    let start = writer.bytes.count
                    writer.write(value)
                    cache.store(writer.bytes[start...], of: value, identity: identity)
                }
            }
        } else {
            writer.write(material.parameters)
        }
        writer.append(",\"version\":")
        writer.append(Int64(material.version))
        writer.append("}")
        return writer.bytes
    }

    /// UTF-8 byte order, compared in place (memcmp on native strings).
    private static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let common = Swift.min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        if let fast, let result = fast { return result }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Decimal digits of `value`, written in place.
    private mutating func append(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// `{"key":value,…}` with keys in UTF-8 byte order; `writeValue` writes each value. With an
    /// `orderCache`, the order found for the previous object with the same keys in the same
    /// iteration order (the parameters of one swarm's trainings) is reused instead of sorting.
    private mutating func writeMembers(_ members: [String: CanonicalValue], orderCache: KeyEncodingCache? = nil,
                                       _ writeValue: (inout CanonicalBytes, CanonicalValue) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        if members.count <= 2, var first = members.first {
            // Tiny objects (a collect task's 10,000 runs): no sorted copy.
            var second = members.count == 2 ? members[members.index(after: members.startIndex)] : nil
            if let other = second, Self.precedes(other.key, first.key) { (first, second) = (other, first) }
            writeString(first.key)
            bytes.append(UInt8(ascii: ":"))
            writeValue(&self, first.value)
            if let second {
                bytes.append(UInt8(ascii: ","))
                writeString(second.key)
                bytes.append(UInt8(ascii: ":"))
                writeValue(&self, second.value)
            }
            bytes.append(UInt8(ascii: "}"))
            return
        }
        if let orderCache {
            let pairs = Array(members)
            let order = orderCache.order(of: pairs) {
                pairs.indices.sorted { Self.precedes(pairs[$0].key, pairs[$1].key) }
            }
            for (n, index) in order.enumerated() {
                if n > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(pairs[index].key)
                bytes.append(UInt8(ascii: ":"))
                writeValue(&self, pairs[index].value)
            }
            bytes.append(UInt8(ascii: "}"))
            return
        }
        for (n, pair) in members.sorted(by: { Self.precedes($0.key, $1.key) }).enumerated() {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(pair.key)
            bytes.append(UInt8(ascii: ":"))
            writeValue(&self, pair.value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func writeStringMap(_ pairs: [(String, String)], sorted isSorted: Bool = false) {
        if pairs.isEmpty { append("{}"); return }
        bytes.append(UInt8(ascii: "{"))
        // Compared in place (a `collect` task has one input per train task).
        let sorted = isSorted ? pairs : pairs.sorted { Self.precedes($0.0, $1.0) }
        for (n, pair) in sorted.enumerated() {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(pair.0)
            bytes.append(UInt8(ascii: ":"))
            writeString(pair.1)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ value: CanonicalValue) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): append(i)
        case .double(let d): append(d.isFinite ? "\(d)" : "null")
        case .string(let s): writeString(s)
        case .array(let items):
            if items.isEmpty { append("[]"); return }
            bytes.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { append("{}"); return }
            writeMembers(members) { writer, value in writer.write(value) }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escaping: append them whole.
        let plain = s.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0f)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Encodings of the composite members of task parameters (`proxies`, `prior`, `domains`…), by the
/// identity of their storage: the compiler shares one such value among the thousands of trainings
/// of a swarm, so a plan encodes it once instead of once per task. Equal identity means the same
/// immutable copy-on-write storage, hence the same content; the cache keeps each value alive, so
/// an identity is never reused for other content while it is cached. Not locked: give each
/// thread its own (the planner and scheduler make one per chunk of tasks).
public final class KeyEncodingCache: @unchecked Sendable {
    private var entries: [Identity: (value: CanonicalValue, bytes: [UInt8])] = [:]

    struct Identity: Hashable {
        var isObject: Bool
        var bits: UInt64
    }

    /// An empty cache (one per plan or run).
    public init() {}

    /// The identity of an array's or object's storage: the bits of the collection value itself.
    static func identity(of value: CanonicalValue) -> Identity? {
        switch value {
        case .object(let members) where !members.isEmpty: bits(of: members).map { Identity(isObject: true, bits: $0) }
        case .array(let items) where !items.isEmpty: bits(of: items).map { Identity(isObject: false, bits: $0) }
        default: nil
        }
    }

    private static func bits<T>(of value: T) -> UInt64? {
        guard MemoryLayout<T>.size == MemoryLayout<UInt64>.size else { return nil }
        return withUnsafeBytes(of: value) { $0.loadUnaligned(as: UInt64.self) }
    }

    /// The keys of the last object ordered, in iteration order, and their positions in key order.
    private var lastKeys: [String] = []
    private var lastOrder: [Int] = []

    /// Positions of `pairs` in key order: the last object's when its keys come in the same
    /// iteration order (copies of one dictionary do), else `sort()`'s.
    func order(of pairs: [(key: String, value: CanonicalValue)], sort: () -> [Int]) -> [Int] {
        if lastKeys.count == pairs.count, !zip(lastKeys, pairs).contains(where: { $0 != $1.key }) { return lastOrder }
        let order = sort()
        lastKeys = pairs.map(\.key)
        lastOrder = order
        return order
    }

    /// A buffer for the next key's bytes, handed back by `returnBuffer` (fewer fresh pages).
    private var spare: [UInt8] = []

    func takeBuffer() -> [UInt8] {
        defer { spare = [] }
        return spare
    }

    func returnBuffer(_ buffer: [UInt8]) { spare = buffer }

    func bytes(for identity: Identity) -> [UInt8]? { entries[identity]?.bytes }

    func store(_ bytes: ArraySlice<UInt8>, of value: CanonicalValue, identity: Identity) {
        entries[identity] = (value, Array(bytes))
    }
}

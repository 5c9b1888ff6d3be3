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

    /// The canonical encoding of `value`.
    static func encode(_ value: CanonicalValue) -> [UInt8] {
        var writer = CanonicalBytes()
        writer.write(value)
        return writer.bytes
    }

    /// The canonical encoding of `material.canonical`, without building that value first.
    static func encode(_ material: TaskKeyMaterial) -> [UInt8] {
        var writer = CanonicalBytes(capacity: 256 + 96 * (material.inputDigests.count + material.fileDigests.count))
        // Members in UTF-8 order: files, inputs, kind, parameters, version.
        writer.append("{\"files\":")
        writer.writeStringMap(material.fileDigests.map { ($0.key, $0.value) })
        writer.append(",\"inputs\":")
        writer.writeStringMap(material.inputDigests.map { ($0.key.rawValue, $0.value) })
        writer.append(",\"kind\":")
        writer.writeString(material.kind.rawValue)
        writer.append(",\"parameters\":")
        writer.write(material.parameters)
        writer.append(",\"version\":")
        writer.append(String(Int64(material.version)))
        writer.append("}")
        return writer.bytes
    }

    private static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func writeStringMap(_ pairs: [(String, String)]) {
        if pairs.isEmpty { append("{}"); return }
        bytes.append(UInt8(ascii: "{"))
        // Sort on byte arrays made once per key (a `collect` task has one input per train task).
        let sorted = pairs.map { (Array($0.0.utf8), $0.0, $0.1) }.sorted { a, b in
            a.0.withUnsafeBufferPointer { x in b.0.withUnsafeBufferPointer { y in
                let common = Swift.min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            } }
        }
        for (n, pair) in sorted.enumerated() {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(pair.1)
            bytes.append(UInt8(ascii: ":"))
            writeString(pair.2)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func write(_ value: CanonicalValue) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): append(String(i))
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
            bytes.append(UInt8(ascii: "{"))
            for (n, key) in members.keys.sorted(by: Self.precedes).enumerated() {
                if n > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                write(members[key]!)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
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

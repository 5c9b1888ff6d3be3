// Encodable → CanonicalValue. Task parameters are Codable value types; this encoder turns them into
// the canonical value hashed into a task's key, so what a key covers is exactly what the type holds.
// Doubles go through `CanonicalValue.number` (integral values become integers, as in the spec's own
// canonical form); unsigned 64-bit values keep their bit pattern in an Int64.
import SpecModel

/// Encodes `Encodable` values into `CanonicalValue`.
public enum CanonicalEncoder {
    /// The canonical value of `value`.
    public static func encode<T: Encodable>(_ value: T) throws -> CanonicalValue {
        if let canonical = value as? CanonicalValue { return canonical }
        let encoder = ValueEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.slot.resolved
    }
}

/// A reference cell so nested containers can write into their parent after the fact.
private final class Slot {
    var value: CanonicalValue = .null
    var members: [String: Slot]?
    var items: [Slot]?

    /// The finished value: containers are assembled from their children on demand.
    var resolved: CanonicalValue {
        if let members { return .object(members.mapValues(\.resolved)) }
        if let items { return .array(items.map(\.resolved)) }
        return value
    }
}

private final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let slot = Slot()

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.members == nil { slot.members = [:] }
        return KeyedEncodingContainer(KeyedContainer<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.items == nil { slot.items = [] }
        return UnkeyedContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(slot: slot, codingPath: codingPath)
    }
}

/// Encodes one value into a fresh slot (used by every container).
private func encodeValue<T: Encodable>(_ value: T, path: [any CodingKey]) throws -> Slot {
    if let canonical = value as? CanonicalValue {
        let slot = Slot()
        slot.value = canonical
        return slot
    }
    let encoder = ValueEncoder(codingPath: path)
    try value.encode(to: encoder)
    return encoder.slot
}

private func scalar(_ value: CanonicalValue) -> Slot {
    let slot = Slot()
    slot.value = value
    return slot
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    private func put(_ value: CanonicalValue, _ key: Key) { slot.members?[key.stringValue] = scalar(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.number(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.int(Int64(bitPattern: value)), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.int(Int64(bitPattern: UInt64(value))), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        slot.members?[key.stringValue] = try encodeValue(value, path: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Slot()
        child.members = [:]
        slot.members?[key.stringValue] = child
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(slot: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Slot()
        child.items = []
        slot.members?[key.stringValue] = child
        return UnkeyedContainer(slot: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder(codingPath: codingPath + [key]) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int { slot.items?.count ?? 0 }

    private func append(_ value: CanonicalValue) { slot.items?.append(scalar(value)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.number(value)) }
    mutating func encode(_ value: Int) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.int(value)) }
    mutating func encode(_ value: UInt64) throws { append(.int(Int64(bitPattern: value))) }
    mutating func encode(_ value: Float) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt) throws { append(.int(Int64(bitPattern: UInt64(value)))) }
    mutating func encode(_ value: UInt8) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { append(.int(Int64(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = try encodeValue(value, path: codingPath + [CodingIndex(count)])
        slot.items?.append(child)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Slot()
        child.members = [:]
        let path = codingPath + [CodingIndex(count)]
        slot.items?.append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(slot: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Slot()
        child.items = []
        let path = codingPath + [CodingIndex(count)]
        slot.items?.append(child)
        return UnkeyedContainer(slot: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(codingPath: codingPath) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.value = .null }
    mutating func encode(_ value: Bool) throws { slot.value = .bool(value) }
    mutating func encode(_ value: String) throws { slot.value = .string(value) }
    mutating func encode(_ value: Double) throws { slot.value = .number(value) }
    mutating func encode(_ value: Int) throws { slot.value = .int(Int64(value)) }
    mutating func encode(_ value: Int64) throws { slot.value = .int(value) }
    mutating func encode(_ value: UInt64) throws { slot.value = .int(Int64(bitPattern: value)) }
    mutating func encode(_ value: Float) throws { slot.value = .number(Double(value)) }
    mutating func encode(_ value: Int8) throws { slot.value = .int(Int64(value)) }
    mutating func encode(_ value: Int16) throws { slot.value = .int(Int64(value)) }
    mutating func encode(_ value: Int32) throws { slot.value = .int(Int64(value)) }
    mutating func encode(_ value: UInt) throws { slot.value = .int(Int64(bitPattern: UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { slot.value = .int(Int64(value)) }
    mutating func encode(_ value: UInt16) throws { slot.value = .int(Int64(value)) }
    mutating func encode(_ value: UInt32) throws { slot.value = .int(Int64(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = try encodeValue(value, path: codingPath)
        slot.value = child.resolved
        slot.members = nil
        slot.items = nil
    }
}

/// The coding-path key of an array element (shared by the canonical encoder and decoder).
struct CodingIndex: CodingKey {
    var stringValue: String { String(intValue ?? 0) }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

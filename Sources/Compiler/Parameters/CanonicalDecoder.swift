// CanonicalValue → Decodable: how an executor reads back the typed parameters that the compiler
// encoded into its task's key. Integers decode as doubles where a double is expected (the encoder
// writes integral doubles as integers); unsigned 64-bit values come back from their bit pattern.
import SpecModel

/// Decodes `Decodable` values from `CanonicalValue`.
public enum CanonicalDecoder {
    /// Decodes a `T` from `value`; throws `DecodingError` when the shapes disagree.
    public static func decode<T: Decodable>(_ type: T.Type, from value: CanonicalValue) throws -> T {
        if T.self == CanonicalValue.self, let same = value as? T { return same }
        return try T(from: ValueDecoder(value: value, codingPath: []))
    }
}

private struct ValueDecoder: Decoder {
    let value: CanonicalValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: CanonicalValue].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([CanonicalValue].self, value, codingPath) }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(value: value, codingPath: codingPath) }
}

private func mismatch(_ type: Any.Type, _ value: CanonicalValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "found \(value.canonicalJSON.prefix(60))"))
}

/// Decodes one value of `type`: scalars directly, everything else through a nested decoder.
private func decodeValue<T: Decodable>(_ type: T.Type, _ value: CanonicalValue, _ path: [any CodingKey]) throws -> T {
    if T.self == CanonicalValue.self, let same = value as? T { return same }
    if let scalar = try decodeScalar(type, value, path) { return scalar }
    return try T(from: ValueDecoder(value: value, codingPath: path))
}

/// The scalar `T` held by `value`; nil when `T` is not a scalar type; throws on a scalar mismatch.
private func decodeScalar<T>(_ type: T.Type, _ value: CanonicalValue, _ path: [any CodingKey]) throws -> T? {
    let result: Any?
    switch T.self {
    case is Int.Type: if case .int(let i) = value { result = Int(exactly: i) } else { result = nil }
    case is Int64.Type: if case .int(let i) = value { result = i } else { result = nil }
    case is UInt64.Type: if case .int(let i) = value { result = UInt64(bitPattern: i) } else { result = nil }
    case is Double.Type:
        switch value {
        case .int(let i): result = Double(i)
        case .double(let d): result = d
        default: result = nil
        }
    case is String.Type: if case .string(let s) = value { result = s } else { result = nil }
    case is Bool.Type: if case .bool(let b) = value { result = b } else { result = nil }
    case is Float.Type, is Int8.Type, is Int16.Type, is Int32.Type, is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type:
        throw DecodingError.typeMismatch(type, .init(codingPath: path, debugDescription: "unsupported scalar type in task parameters"))
    default: return nil
    }
    guard let typed = result as? T else { throw mismatch(type, value, path) }
    return typed
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: CanonicalValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.sorted().compactMap(Key.init(stringValue:)) }
    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> CanonicalValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing parameter"))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { members[key.stringValue] == nil || members[key.stringValue] == .null }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(type, try member(key), codingPath + [key])
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeValue(type, try member(key), codingPath + [key]) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeValue(type, try member(key), codingPath + [key]) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { ValueDecoder(value: .object(members), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ValueDecoder(value: try member(key), codingPath: codingPath + [key]) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [CanonicalValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [CanonicalValue], codingPath: [any CodingKey]) { self.items = items; self.codingPath = codingPath }

    private mutating func next() throws -> (CanonicalValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(CanonicalValue.self, .init(codingPath: codingPath, debugDescription: "array too short"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [CodingIndex(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try decodeValue(type, value, path)
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: String.Type) throws -> String { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: Float.Type) throws -> Float { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (value, path) = try next(); return try decodeValue(type, value, path) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try ValueDecoder(value: value, codingPath: path).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try ValueDecoder(value: value, codingPath: path).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return ValueDecoder(value: value, codingPath: path)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: CanonicalValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, value, codingPath) }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type, value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try decodeValue(type, value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try decodeValue(type, value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try decodeValue(type, value, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try decodeValue(type, value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeValue(type, value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeValue(type, value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeValue(type, value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeValue(type, value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeValue(type, value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeValue(type, value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeValue(type, value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeValue(type, value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeValue(type, value, codingPath) }
}

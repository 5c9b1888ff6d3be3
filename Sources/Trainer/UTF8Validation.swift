// Strict UTF-8 validation that says where the first bad byte is (Swift's decoders only say "invalid").

/// The position of the first invalid UTF-8 sequence: byte offset and 1-based line number.
public struct UTF8ErrorLocation: Equatable, Sendable {
    public var byteOffset: Int
    public var line: Int
}

/// Returns `nil` when `bytes` is valid UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF),
/// else the location of the first offending byte.
public func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> UTF8ErrorLocation? {
    let n = bytes.count
    var i = 0
    var line = 1
    while i < n {
        let b0 = bytes[i]
        if b0 < 0x80 {
            if b0 == 0x0A { line += 1 }
            i += 1
            continue
        }
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return UTF8ErrorLocation(byteOffset: i, line: line)
        }
        if i + length > n { return UTF8ErrorLocation(byteOffset: i, line: line) }
        let b1 = bytes[i + 1]
        if b1 < lower || b1 > upper { return UTF8ErrorLocation(byteOffset: i, line: line) }
        var k = 2
        while k < length {
            if bytes[i + k] & 0xC0 != 0x80 { return UTF8ErrorLocation(byteOffset: i, line: line) }
            k += 1
        }
        i += length
    }
    return nil
}

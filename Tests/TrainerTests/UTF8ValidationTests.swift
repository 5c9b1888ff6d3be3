import Testing
@testable import Trainer

@Suite struct UTF8ValidationTests {
    func check(_ bytes: [UInt8]) -> UTF8ErrorLocation? { bytes.withUnsafeBufferPointer(firstInvalidUTF8(in:)) }

    @Test func acceptsValidText() {
        #expect(check(Array("plain ascii\nünïcödé ✓ 𝄞 \u{10FFFF}".utf8)) == nil)
        #expect(check([]) == nil)
    }

    @Test func locatesTheFirstBadByte() {
        #expect(check([0x61, 0x0A, 0x62, 0xFF]) == UTF8ErrorLocation(byteOffset: 3, line: 2))
        #expect(check([0xC0, 0x80]) == UTF8ErrorLocation(byteOffset: 0, line: 1))  // overlong NUL
        #expect(check([0x61, 0xED, 0xA0, 0x80]) == UTF8ErrorLocation(byteOffset: 1, line: 1))  // surrogate
        #expect(check([0xF4, 0x90, 0x80, 0x80]) == UTF8ErrorLocation(byteOffset: 0, line: 1))  // > U+10FFFF
        #expect(check([0x61, 0x62, 0xE2, 0x9C]) == UTF8ErrorLocation(byteOffset: 2, line: 1))  // truncated
        #expect(check([0xE2, 0x41, 0x93]) == UTF8ErrorLocation(byteOffset: 0, line: 1))  // bad continuation
        #expect(check([0x80]) == UTF8ErrorLocation(byteOffset: 0, line: 1))  // stray continuation
    }
}

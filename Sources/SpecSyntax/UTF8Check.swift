/// Locates the first invalid UTF-8 sequence, reporting its 1-based line and column (in scalars).
enum UTF8Check {
    static func firstInvalid(in bytes: [UInt8]) -> SourceLocation? {
        var line = 1, column = 1, i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var length = 0
            var minimum: UInt32 = 0
            if b < 0x80 {
                // ASCII: only \n and \r can end a line.
                if b == 0x0A || (b == 0x0D && !(i + 1 < n && bytes[i + 1] == 0x0A)) { line += 1; column = 1 }
                else if b != 0x0D { column += 1 }
                i += 1
                continue
            }
            if b & 0xE0 == 0xC0 { length = 2; minimum = 0x80 }
            else if b & 0xF0 == 0xE0 { length = 3; minimum = 0x800 }
            else if b & 0xF8 == 0xF0 { length = 4; minimum = 0x10000 }
            else { return SourceLocation(line: line, column: column) }
            if i + length > n { return SourceLocation(line: line, column: column) }
            var value = UInt32(b) & (0xFF >> (length + 1))
            for k in 1..<length {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { return SourceLocation(line: line, column: column) }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
                return SourceLocation(line: line, column: column)
            }
            if LineBreaks.isBreak(at: i, in: bytes) { line += 1; column = 1 }
            else if !(b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) { column += 1 }
            i += length
        }
        return nil
    }
}

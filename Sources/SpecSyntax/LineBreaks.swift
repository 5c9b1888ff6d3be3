// libyaml counts a line break at \n, \r\n, lone \r, NEL, LS and PS; positions we compute
// ourselves (invalid UTF-8, reader errors) and the snippet renderer follow the same rule so
// that every reported line exists in the rendered file.

enum LineBreaks {
    /// Line and column (1-based, in scalars) of a byte offset into UTF-8 `bytes`.
    static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1, column = 1, i = 0
        let end = Swift.min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            let width = b < 0x80 ? 1 : b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : b & 0xF8 == 0xF0 ? 4 : 1
            if isBreak(at: i, in: bytes) { line += 1; column = 1 }
            else if !(b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) { column += 1 }
            i += width
        }
        return SourceLocation(line: line, column: column)
    }

    /// True when the character starting at byte `i` ends a line (a \r before \n does not).
    static func isBreak(at i: Int, in bytes: [UInt8]) -> Bool {
        let b = bytes[i]
        if b == 0x0A { return true }
        if b == 0x0D { return !(i + 1 < bytes.count && bytes[i + 1] == 0x0A) }
        if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 { return true }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return true }
        return false
    }

    /// Splits text into lines by the same rule (terminators removed).
    static func split(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var i = text.startIndex
        let scalars = text.unicodeScalars
        while i < text.endIndex {
            let s = scalars[i]
            let next = scalars.index(after: i)
            switch s.value {
            case 0x0A, 0x85, 0x2028, 0x2029:
                lines.append(text[start..<i]); start = next
            case 0x0D:
                lines.append(text[start..<i])
                if next < text.endIndex, scalars[next] == "\n" {
                    i = scalars.index(after: next); start = i; continue
                }
                start = next
            default: break
            }
            i = next
        }
        lines.append(text[start..<text.endIndex])
        return lines
    }
}

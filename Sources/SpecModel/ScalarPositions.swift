// Maps an offset inside a scalar's *value* to its position in the file, so an error in an
// objective points at the exact column even when the scalar is quoted (escapes make value and
// source differ) or folded over several lines (plain style). Block scalars and anything the
// walk cannot follow fall back to the whole scalar.
import SpecSyntax

enum ScalarPositions {
    /// The source range of value characters `offset ..< offset+length` of `node`.
    static func range(of node: YAMLNode, offset: Int, length: Int, in source: SourceFile) -> SourceRange {
        // A scalar written in a base spec (`extends`) is not in `source`: locate the whole scalar.
        guard node.range.file == source.path, let style = node.scalarStyle, let value = node.scalar,
              let start = location(of: node, style: style, valueOffset: offset, value: value, source: source) else {
            return node.range
        }
        let endOffset = offset + Swift.max(1, length)
        if let end = location(of: node, style: style, valueOffset: endOffset, value: value, source: source), end.line == start.line {
            return SourceRange(file: node.range.file, start: start, end: end)
        }
        return SourceRange(file: node.range.file, start: start, end: SourceLocation(line: start.line, column: start.column + 1))
    }

    /// Walks the source from the scalar's start, consuming one value character at a time.
    private static func location(of node: YAMLNode, style: ScalarStyle, valueOffset: Int, value: String,
                                 source: SourceFile) -> SourceLocation? {
        guard style == .plain || style == .singleQuoted || style == .doubleQuoted else { return nil }
        var line = node.range.start.line
        var chars = lineScalars(source, line)
        var col = node.range.start.column - 1  // 0-based index into `chars`
        if style != .plain { col += 1 }          // skip the opening quote
        var consumed = 0
        let valueScalars = Array(value.unicodeScalars)
        while consumed < valueOffset {
            guard consumed < valueScalars.count else { break }
            if col >= chars.count {
                // Folded line break: one value space (or newline) for the break plus leading blanks.
                line += 1
                guard line <= node.range.end.line, let next = source.line(line) else { return nil }
                chars = Array(next.unicodeScalars)
                col = 0
                while col < chars.count, chars[col] == " " || chars[col] == "\t" { col += 1 }
                consumed += 1
                continue
            }
            let c = chars[col]
            switch style {
            case .singleQuoted where c == "'":
                col += 2
            case .doubleQuoted where c == "\\":
                guard col + 1 < chars.count else { return nil }
                switch chars[col + 1] {
                case "x": col += 4
                case "u": col += 6
                case "U": col += 10
                default: col += 2
                }
            default:
                col += 1
            }
            consumed += 1
        }
        return SourceLocation(line: line, column: col + 1)
    }

    private static func lineScalars(_ source: SourceFile, _ line: Int) -> [Unicode.Scalar] {
        source.line(line).map { Array($0.unicodeScalars) } ?? []
    }
}

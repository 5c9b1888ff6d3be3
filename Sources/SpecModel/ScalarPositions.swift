// Maps an offset inside a scalar's *value* to its position in the file, so an error in an
// objective points at the exact column even when the scalar is quoted (escapes make value and
// source differ) or folded over several lines (plain style). Block scalars and anything the
// walk cannot follow fall back to the whole scalar.
//
// The walk runs once per scalar and records the position of every value offset, so locating
// the thousandth unknown metric of a long objective costs no more than locating the first.
import SpecSyntax

struct ScalarPositions {
    private let node: YAMLNode
    /// `locations[k]`: where value character `k` starts (`k == value count`: just past the end).
    private let locations: [SourceLocation]
    /// False when the walk stopped early (then offsets past `locations` are not located).
    private let complete: Bool

    /// The positions of `node`'s value characters in `source`.
    init(of node: YAMLNode, in source: SourceFile) {
        self.node = node
        // A scalar written in a base spec (`extends`) is not in `source`: locate the whole scalar.
        guard node.range.file == source.path, let style = node.scalarStyle, let value = node.scalar,
              style == .plain || style == .singleQuoted || style == .doubleQuoted else {
            locations = []; complete = false; return
        }
        (locations, complete) = Self.walk(node, style: style, value: value, source: source)
    }

    /// The source range of value characters `offset ..< offset+length`.
    func range(offset: Int, length: Int) -> SourceRange {
        guard let start = location(offset) else { return node.range }
        if let end = location(offset + Swift.max(1, length)), end.line == start.line {
            return SourceRange(file: node.range.file, start: start, end: end)
        }
        return SourceRange(file: node.range.file, start: start, end: SourceLocation(line: start.line, column: start.column + 1))
    }

    private func location(_ offset: Int) -> SourceLocation? {
        guard !locations.isEmpty else { return nil }
        if offset < locations.count { return locations[Swift.max(0, offset)] }
        return complete ? locations.last : nil
    }

    /// Walks the source from the scalar's start, consuming one value character at a time.
    private static func walk(_ node: YAMLNode, style: ScalarStyle, value: String,
                             source: SourceFile) -> (locations: [SourceLocation], complete: Bool) {
        var line = node.range.start.line
        var chars = lineScalars(source, line)
        var col = node.range.start.column - 1  // 0-based index into `chars`
        if style != .plain { col += 1 }          // skip the opening quote
        let count = value.unicodeScalars.count
        var locations: [SourceLocation] = []
        locations.reserveCapacity(count + 1)
        while true {
            locations.append(SourceLocation(line: line, column: col + 1))
            guard locations.count <= count else { return (locations, true) }
            if col >= chars.count {
                // Folded line break: one value space (or newline) for the break plus leading blanks.
                line += 1
                guard line <= node.range.end.line, let next = source.line(line) else { return (locations, false) }
                chars = Array(next.unicodeScalars)
                col = 0
                while col < chars.count, chars[col] == " " || chars[col] == "\t" { col += 1 }
                continue
            }
            let c = chars[col]
            switch style {
            case .singleQuoted where c == "'":
                col += 2
            case .doubleQuoted where c == "\\":
                guard col + 1 < chars.count else { return (locations, false) }
                switch chars[col + 1] {
                case "x": col += 4
                case "u": col += 6
                case "U": col += 10
                default: col += 2
                }
            default:
                col += 1
            }
        }
    }

    private static func lineScalars(_ source: SourceFile, _ line: Int) -> [Unicode.Scalar] {
        source.line(line).map { Array($0.unicodeScalars) } ?? []
    }
}

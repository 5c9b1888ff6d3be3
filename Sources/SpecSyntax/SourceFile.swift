/// The text of a spec file split into lines, for rendering source snippets.
public struct SourceFile: Sendable {
    /// The path as the user named it.
    public var path: String
    /// Lines without their terminators, decoded leniently (invalid UTF-8 shows as U+FFFD).
    public var lines: [Substring]

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, text: String(decoding: bytes, as: UTF8.self))
    }

    public init(path: String, text: String) {
        self.path = path
        var lines = LineBreaks.split(text)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// `range` moved onto existing text: lines past the end go to the end of the last line.
    public func clamp(_ range: SourceRange) -> SourceRange {
        func clamp(_ l: SourceLocation) -> SourceLocation {
            let count = Swift.max(lines.count, 1)
            if l.line > count {
                return SourceLocation(line: count, column: (line(count)?.unicodeScalars.count ?? 0) + 1)
            }
            let width = line(l.line)?.unicodeScalars.count ?? 0
            return SourceLocation(line: Swift.max(1, l.line), column: Swift.min(Swift.max(1, l.column), width + 1))
        }
        return SourceRange(file: range.file, start: clamp(range.start), end: clamp(range.end))
    }

    /// The 1-based line `n`, or nil when out of range.
    public func line(_ n: Int) -> Substring? {
        n >= 1 && n <= lines.count ? lines[n - 1] : nil
    }
}

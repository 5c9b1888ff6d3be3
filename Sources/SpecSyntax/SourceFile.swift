/// The text of a spec file split into lines, for rendering source snippets. The lines and their
/// widths are computed once, so looking up a line or its width is O(1) however many diagnostics
/// point into it.
public struct SourceFile: Sendable {
    /// The path as the user named it.
    public var path: String
    /// Lines without their terminators, decoded leniently (invalid UTF-8 shows as U+FFFD).
    public private(set) var lines: [Substring]
    /// The width of each line in Unicode scalars (the unit of columns).
    private var widths: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, text: String(decoding: bytes, as: UTF8.self))
    }

    public init(path: String, text: String) {
        self.path = path
        var lines = LineBreaks.split(text)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        self.lines = lines
        widths = lines.map { $0.unicodeScalars.count }
    }

    /// `range` moved onto existing text: lines past the end go to the end of the last line.
    public func clamp(_ range: SourceRange) -> SourceRange {
        func clamp(_ l: SourceLocation) -> SourceLocation {
            let count = Swift.max(lines.count, 1)
            if l.line > count {
                return SourceLocation(line: count, column: width(ofLine: count) + 1)
            }
            return SourceLocation(line: Swift.max(1, l.line), column: Swift.min(Swift.max(1, l.column), width(ofLine: l.line) + 1))
        }
        return SourceRange(file: range.file, start: clamp(range.start), end: clamp(range.end))
    }

    /// The 1-based line `n`, or nil when out of range.
    public func line(_ n: Int) -> Substring? {
        n >= 1 && n <= lines.count ? lines[n - 1] : nil
    }

    /// The width in Unicode scalars of the 1-based line `n` (0 when out of range).
    public func width(ofLine n: Int) -> Int {
        n >= 1 && n <= widths.count ? widths[n - 1] : 0
    }
}

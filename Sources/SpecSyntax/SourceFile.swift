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

    /// The 1-based line `n`, or nil when out of range.
    public func line(_ n: Int) -> Substring? {
        n >= 1 && n <= lines.count ? lines[n - 1] : nil
    }
}

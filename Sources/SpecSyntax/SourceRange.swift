// Positions are 1-based lines and columns counted in Unicode scalars (as libyaml counts them),
// so a caret lines up under the character a user sees in a UTF-8 editor.

/// A 1-based line and column in a source file.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A span in a file: `start` is the first character, `end` is just past the last one.
public struct SourceRange: Sendable, Hashable {
    /// The file as the user named it (for messages).
    public var file: String
    public var start: SourceLocation
    public var end: SourceLocation
    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file; self.start = start; self.end = max(start, end)
    }
    /// A zero-width range at one location.
    public static func point(_ file: String, line: Int, column: Int) -> SourceRange {
        let l = SourceLocation(line: line, column: column)
        return SourceRange(file: file, start: l, end: l)
    }
}

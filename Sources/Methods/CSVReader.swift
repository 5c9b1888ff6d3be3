/// A position in a text file (1-based line and column; columns count Unicode scalars).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// File path as given by the caller.
    public var file: String
    /// Line, from 1.
    public var line: Int
    /// Column, from 1.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A located problem found while importing CSV files.
public struct CSVDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What the problem is.
    public var message: String

    /// Creates a diagnostic.
    public init(_ location: SourceLocation, _ message: String) { self.location = location; self.message = message }

    public var description: String { "\(location): \(message)" }
}

/// One or more errors found while importing CSV files, each located.
public struct CSVImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errors, in file order.
    public var diagnostics: [CSVDiagnostic]

    /// An error of these diagnostics.
    public init(diagnostics: [CSVDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map { "\($0.location): error: \($0.message)" }.joined(separator: "\n") }
}

/// One field of a CSV record with the position of its first character.
public struct CSVField: Sendable, Equatable {
    /// Unquoted, unescaped text.
    public var text: String
    /// Position of the field's first character (the opening quote for quoted fields).
    public var location: SourceLocation
}

/// An RFC 4180 reader: comma separated, fields optionally in double quotes with "" as an escaped
/// quote, quoted fields may span lines, records end with CRLF or LF, a leading UTF-8 BOM is skipped.
/// Entirely empty lines are skipped.
public enum CSVReader {
    /// Splits `text` into records of fields; throws located errors for malformed quoting.
    public static func records(_ text: String, file: String) throws -> [[CSVField]] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var records = [[CSVField]]()
        var record = [CSVField]()
        var line = 1, column = 1
        var i = 0
        var atRecordStart = true
        func location() -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
        while i <= scalars.count {
            // Parse one field starting at i.
            let start = location()
            var value = String.UnicodeScalarView()
            if i < scalars.count && scalars[i] == "\"" {
                i += 1; column += 1
                var closed = false
                while i < scalars.count {
                    let c = scalars[i]
                    if c == "\"" {
                        if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                            value.append("\""); i += 2; column += 2
                        } else {
                            i += 1; column += 1; closed = true; break
                        }
                    } else {
                        value.append(c); i += 1
                        if c == "\n" { line += 1; column = 1 } else { column += 1 }
                    }
                }
                if !closed {
                    throw CSVImportError(diagnostics: [CSVDiagnostic(start, "quoted field is never closed (missing \")")])
                }
                if i < scalars.count && !(scalars[i] == "," || scalars[i] == "\n" || scalars[i] == "\r") {
                    throw CSVImportError(diagnostics: [CSVDiagnostic(location(), "unexpected character after closing quote; a quoted field must end at a comma or line end")])
                }
            } else {
                while i < scalars.count {
                    let c = scalars[i]
                    if c == "," || c == "\n" || c == "\r" { break }
                    if c == "\"" {
                        throw CSVImportError(diagnostics: [CSVDiagnostic(location(), "quote inside an unquoted field; quote the whole field and write \"\" for a literal quote")])
                    }
                    value.append(c); i += 1; column += 1
                }
            }
            let isEmptyLine = atRecordStart && value.isEmpty && !(start.column < column)
            atRecordStart = false
            record.append(CSVField(text: String(value), location: start))
            // Separator or record end.
            if i < scalars.count && scalars[i] == "," {
                i += 1; column += 1
                continue
            }
            if !(isEmptyLine && record.count == 1) { records.append(record) }
            record = []
            atRecordStart = true
            if i >= scalars.count { break }
            if scalars[i] == "\r" { i += 1; if i < scalars.count && scalars[i] == "\n" { i += 1 } } else { i += 1 }
            line += 1; column = 1
            if i >= scalars.count { break }
        }
        return records
    }
}

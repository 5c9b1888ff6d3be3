// Column-aligned plain-text tables for the terminal and comparison renderings. Widths are computed on
// the visible text; colour codes are added after padding so they never shift columns.

/// A terminal text style (ANSI SGR), applied only when colour is on.
public enum TextStyle: String {
    case plain = ""
    case bold = "1"
    case dim = "2"
    case green = "32"
    case red = "31"
    case cyan = "36"
    case boldGreen = "1;32"

    /// `text` wrapped in this style's escape codes when `color` is on.
    public func apply(_ text: String, color: Bool) -> String {
        guard color, self != .plain, !text.isEmpty else { return text }
        return "\u{1B}[\(rawValue)m" + text + "\u{1B}[0m"
    }
}

/// One cell: its visible text and style.
public struct TextCell {
    var text: String
    var style: TextStyle
    /// A cell showing `text` (control characters replaced) in `style`.
    public init(_ text: String, _ style: TextStyle = .plain) {
        self.text = TerminalText.sanitize(text); self.style = style
    }
}

/// A table of cells with per-column alignment.
public struct TextTable {
    /// How a column's cells are padded.
    public enum Alignment { case left, right }
    /// Alignment of each column (missing columns are left-aligned).
    public var alignments: [Alignment]
    /// The rows, header first if there is one.
    public var rows: [[TextCell]] = []

    /// An empty table with these column alignments.
    public init(alignments: [Alignment]) { self.alignments = alignments }

    /// Lines with columns separated by two spaces, `indent` spaces before each; trailing spaces trimmed.
    public func render(indent: Int = 2, color: Bool) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.text.count) } }
        return rows.map { row in
            var line = String(repeating: " ", count: indent)
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.text.count)
                let right = i < alignments.count && alignments[i] == .right
                let isLast = i == row.count - 1
                let styled = cell.style.apply(cell.text, color: color)
                line += right ? pad + styled : styled + (isLast ? "" : pad)
                if !isLast { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}

/// Making user text safe to print on a terminal.
public enum TerminalText {
    /// Control characters (escape sequences included) replaced by `?`, so a hostile name cannot drive the terminal.
    public static func sanitize(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) ? "?" : scalar
        }))
    }

    /// `text` followed by spaces up to `width` characters (never cut). Pure Swift: Foundation's
    /// `padding(toLength:)` goes through NSString and cost a quarter of a 10,000-line `plan`.
    public static func padded(_ text: String, to width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// A horizontal bar of `fraction` (0…1) of `width` cells, in eighths of a cell.
    static func bar(_ fraction: Double, width: Int) -> String {
        guard fraction.isFinite, fraction > 0 else { return "" }
        let eighths = Int((min(fraction, 1) * Double(width * 8)).rounded())
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let bar = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
        return bar.isEmpty ? "▏" : bar
    }
}

// Links from the report to the run's other outputs. Output paths are relative to the spec's folder;
// the report lives in one of them, so a link is that path made relative to the report's folder.

enum OutputLink {
    /// The href of `path` (relative to the spec's folder, or absolute) from a report at `report`.
    static func href(_ path: String, report: String?) -> String {
        if path.hasPrefix("/") { return percentEncoded(path) }
        guard let report, let slash = report.lastIndex(of: "/") else { return percentEncoded(path) }
        let folder = String(report[..<slash])
        if path.hasPrefix(folder + "/") { return percentEncoded(String(path.dropFirst(folder.count + 1))) }
        let depth = folder.split(separator: "/").count
        return String(repeating: "../", count: depth) + percentEncoded(path)
    }

    /// Escapes what a URL path may not hold literally (spaces, `%`, `?`, `#`, non-ASCII).
    private static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(UnicodeScalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "/._-~".contains(c) { out.append(c) } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

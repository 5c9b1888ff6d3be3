// Section 7: each domain's data, its prior, and how often the found mixture repeats it at target scale.

enum DataSection {
    private static let e = HTMLEscaping.escape
    private static let f = ReportNumberFormat.self

    static func render(_ summary: RunSummary) -> String {
        let title = "Data"
        guard let data = summary.diagnostics?.data, !data.rows.isEmpty else {
            return ReportSection.missing(id: "data", title: title, reason: "No domain data was recorded.")
        }
        func count(_ n: Int64?) -> String { n.map { f.compactCount($0) } ?? "—" }
        let rows = data.rows.map { row -> String in
            let heavy = data.maxEpochs.map { (row.epochs ?? 0) > $0 } ?? ((row.epochs ?? 0) > 4)
            return "<tr><td>\(e(row.domain))</td><td><code>\(e(row.source))</code></td><td class=\"num\">\(row.files.map(String.init) ?? "—")</td>"
                + "<td class=\"num\">\(count(row.bytes))</td><td class=\"num\">\(count(row.tokens))</td><td class=\"num\">\(f.fixed(row.prior, 3))</td>"
                + "<td class=\"num\">\(f.optional(row.found, 3))</td><td class=\"num\">\(row.drawn.map { count(Int64(exactly: $0.rounded()) ?? Int64.max) } ?? "—")</td>"
                + "<td class=\"num\(heavy ? " worse" : "")\">\(f.optional(row.epochs, 2))</td></tr>"
        }
        let table = "<table>\n<thead><tr><th>Domain</th><th>Source</th><th class=\"num\">Files</th><th class=\"num\">Bytes</th><th class=\"num\">Tokens</th>"
            + "<th class=\"num\">Prior</th><th class=\"num\">Found</th><th class=\"num\">Tokens drawn</th><th class=\"num\">Epochs</th></tr></thead>\n<tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody>\n</table>"
        let target = data.targetTokens.map { "At target scale (\(f.compactCount($0)) tokens, from <code>\(e(data.targetSource ?? ""))</code>), tokens drawn = found weight × target tokens, epochs = tokens drawn ÷ available tokens. " }
            ?? "No target scale is set (<code>verify</code> or <code>search.availability.target_tokens</code>), so repetition is not computed. "
        let limit = data.maxEpochs.map { "Epochs above <code>max_epochs</code> = \(f.plain($0)) are marked. " } ?? "Epochs above 4 are marked: repeated data loses value quickly beyond that (Muennighoff et al. 2023). "
        return ReportSection.html(id: "data", title: title, body: table + "\n<p class=\"note\">" + target + limit + "</p>")
    }
}

// Rank consistency across proxy sizes: do the proxy models agree on which mixtures are good?

enum RankSection {
    private static let e = HTMLEscaping.escape

    static func render(_ summary: RunSummary) -> String? {
        guard let agreements = summary.diagnostics?.rankConsistency, !agreements.isEmpty else { return nil }
        let rows = agreements.map {
            "<tr><td>\(e($0.modelA))</td><td>\(e($0.modelB))</td><td class=\"num\">\(ReportNumberFormat.fixed($0.spearman, 3))</td><td class=\"num\">\($0.n)</td></tr>"
        }
        let table = "<table>\n<thead><tr><th>Model</th><th>Model</th><th class=\"num\">Spearman of the objective</th><th class=\"num\">Mixtures</th></tr></thead>\n<tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody>\n</table>"
        let note = "<p class=\"note\">How similarly two proxy sizes rank the swarm by the objective. RegMix found rankings transfer across scales; "
            + "a low figure here means the smallest proxies may not predict what larger models prefer. The regression learns from the first model.</p>"
        return ReportSection.html(id: "rank-consistency", title: "Rank consistency across proxy sizes", body: table + "\n" + note)
    }
}

// Section 6: replicate noise per target and the best cross-validated Spearman it allows.

enum NoiseSection {
    private static let e = HTMLEscaping.escape
    private static let f = ReportNumberFormat.self

    static func render(_ summary: RunSummary) -> String {
        let title = "Noise"
        guard let noise = summary.diagnostics?.noise, !noise.rows.isEmpty else {
            return ReportSection.missing(id: "noise", title: title,
                                         reason: "One seed per run: replicate noise is unknown. Set <code>proxies.seeds</code> or <code>verify.seeds</code> to 2 or more to measure it.")
        }
        let regressors = orderedRegressors(summary)
        let cvHeads = regressors.map { "<th class=\"num\">CV ρ <code>\(e($0))</code></th>" }.joined()
        let rows = noise.rows.map { row -> String in
            let cv = regressors.map { r in
                let score = summary.crossValidation.first { $0.regressor == r && $0.target == row.target }
                return "<td class=\"num\">\(f.optional(score?.spearman, 3))</td>"
            }.joined()
            return "<tr><td><code>\(e(row.target))</code></td><td class=\"num\">\(f.optional(row.proxyStd, 4))</td>"
                + "<td class=\"num\">\(f.optional(row.swarmStd, 4))</td><td class=\"num\">\(f.optional(row.ceiling, 3))</td>\(cv)"
                + "<td class=\"num\">\(f.optional(row.verifyStd, 4))</td></tr>"
        }
        let table = "<table>\n<thead><tr><th>Target</th><th class=\"num\">Replicate std (proxies)</th><th class=\"num\">Std across swarm</th>"
            + "<th class=\"num\">Noise ceiling ρ</th>\(cvHeads)<th class=\"num\">Replicate std (verify)</th></tr></thead>\n<tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody>\n</table>"
        let seeds = "\(noise.proxySeeds) proxy seed\(noise.proxySeeds == 1 ? "" : "s")" + (noise.verifySeeds.map { ", \($0) verify seed\($0 == 1 ? "" : "s")" } ?? "")
        let note = "<p class=\"note\">\(seeds). Noise ceiling: the best Spearman any regressor can reach against the per-run means, "
            + "(6/π)·asin(√R/2) with reliability R = 1 − (σ²<sub>rep</sub>/s)/Var(means) (see the README). A CV figure near the ceiling "
            + "leaves nothing to gain from a better regressor; more seeds or more spread in the swarm would.</p>"
        return ReportSection.html(id: "noise", title: title, body: table + "\n" + note)
    }

    private static func orderedRegressors(_ summary: RunSummary) -> [String] {
        var seen: [String] = []
        for score in summary.crossValidation where !seen.contains(score.regressor) { seen.append(score.regressor) }
        return seen
    }
}

// The sections of the HTML report, one function each.

enum ReportHTMLSections {
    private static let e = HTMLEscaping.escape
    private static let f = ReportNumberFormat.self

    static func settings(_ summary: RunSummary) -> String {
        let rows = summary.settings.map { "<tr><td>\(e($0.label))</td><td><code>\(e($0.value))</code></td></tr>" }
        return section(id: "settings", title: "Key settings",
                       body: rows.isEmpty ? "<p class=\"note\">No settings recorded.</p>"
                           : "<table class=\"settings\">\n<tbody>\n" + rows.joined(separator: "\n") + "\n</tbody>\n</table>")
    }

    static func mixture(_ summary: RunSummary) -> String {
        guard !summary.domains.isEmpty else {
            return section(id: "mixture", title: "Found mixture vs prior", body: "<p class=\"note\">No domains.</p>")
        }
        let rows = summary.domains.map { domain -> String in
            let found = summary.found[domain], prior = summary.prior[domain]
            let change = found.flatMap { a in prior.map { b in f.signed(a - b, 3) } } ?? "—"
            return "<tr><td>\(e(domain))</td><td class=\"num\">\(f.optional(found, 3))</td><td class=\"num\">\(f.optional(prior, 3))</td><td class=\"num\">\(change)</td></tr>"
        }
        let table = "<table>\n<thead><tr><th>Domain</th><th class=\"num\">Found</th><th class=\"num\">Prior</th><th class=\"num\">Change</th></tr></thead>\n<tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody>\n</table>"
        let p = summary.predicted
        let predictedRows = [("found", p.found), ("prior", p.prior), ("uniform", p.uniform)].compactMap { name, value in
            value.map { "<tr><td>\(name)</td><td class=\"num\">\(f.fixed($0, 4))</td></tr>" }
        }
        var body = "<div class=\"chart\">\n" + MixtureBarsChart.render(summary) + "\n</div>\n<div class=\"two-col\">\n<div>\n" + table + "\n</div>\n"
        if !predictedRows.isEmpty {
            let by = summary.chosenRegressor.map { " by <code>\(e($0))</code>" } ?? ""
            body += "<div>\n<table>\n<thead><tr><th>Mixture</th><th class=\"num\">Predicted objective</th></tr></thead>\n<tbody>\n"
                + predictedRows.joined(separator: "\n") + "\n</tbody>\n</table>\n<p class=\"note\">Regressor predictions at proxy scale\(by).</p>\n</div>\n"
        }
        body += "</div>"
        return section(id: "mixture", title: "Found mixture vs prior", body: body)
    }

    static func crossValidation(_ summary: RunSummary) -> String {
        var body = "<div class=\"two-col\">\n"
        if let scatter = summary.cvScatter, !scatter.points.isEmpty {
            body += "<div class=\"chart\">\n" + CrossValidationScatterChart.render(scatter, objectiveText: summary.objective.text) + "\n</div>\n"
        }
        body += "<div class=\"col\">\n"
        if summary.crossValidation.isEmpty {
            body += "<p class=\"note\">No cross-validation was run.</p>"
        } else {
            let rows = summary.crossValidation.map { score -> String in
                let chosen = score.regressor == summary.chosenRegressor
                let badge = chosen ? "<span class=\"badge\">chosen</span>" : ""
                return "<tr\(chosen ? " class=\"chosen\"" : "")><td>\(e(score.regressor))\(badge)</td><td><code>\(e(score.target))</code></td>"
                    + "<td class=\"num\">\(f.fixed(score.spearman, 3))</td><td class=\"num\">\(f.fixed(score.pearson, 3))</td>"
                    + "<td class=\"num\">\(f.error(score.mse))</td><td class=\"num\">\(score.n)</td></tr>"
            }
            body += "<table>\n<thead><tr><th>Regressor</th><th>Target</th><th class=\"num\">Spearman</th><th class=\"num\">Pearson</th>"
                + "<th class=\"num\">MSE</th><th class=\"num\">n</th></tr></thead>\n<tbody>\n" + rows.joined(separator: "\n")
                + "\n</tbody>\n</table>\n<p class=\"note\">k-fold figures on out-of-fold predictions; nothing was tuned on the folds reported. "
                + "Points on the dashed diagonal are predicted exactly; the search relies on the ranking (Spearman).</p>"
        }
        body += "\n</div>\n</div>"
        return section(id: "cross-validation", title: "Predicted vs cross-validated actual objective", body: body)
    }

    static func spread(_ summary: RunSummary) -> String {
        guard !summary.topCandidates.isEmpty, !summary.domains.isEmpty else {
            return section(id: "spread", title: "Spread of the top-k candidates", body: "<p class=\"note\">No search candidates recorded.</p>")
        }
        let body = "<div class=\"chart\">\n" + CandidateSpreadChart.render(summary) + "\n</div>\n"
            + "<p class=\"note\">A narrow box means the regressor agrees on that domain's weight; a wide one means the objective is flat in that direction.</p>"
        return section(id: "spread", title: "Spread of the top-\(summary.topCandidates.count) candidates", body: body)
    }

    static func verify(_ summary: RunSummary) -> String {
        guard let verify = summary.verify else {
            return section(id: "verify", title: "Verification at target scale",
                           body: "<p class=\"note\">The spec has no <code>verify</code> section: the found mixture was not trained at target scale.</p>")
        }
        let direction = summary.objective.direction
        let best = verify.bestRowIndex(direction: direction)
        let gains = Dictionary(verify.improvements(direction: direction).map { ($0.baseline, $0) }, uniquingKeysWith: { a, _ in a })
        let metricHeads = verify.metrics.map { "<th class=\"num\"><code>\(e($0))</code></th>" }.joined()
        let rows = verify.rows.enumerated().map { index, row -> String in
            let isBest = index == best
            let badge = isBest ? "<span class=\"badge\">best</span>" : ""
            let std = row.objectiveStd.map { " ± " + f.fixed($0, 4) } ?? ""
            let metricCells = verify.metrics.map { "<td class=\"num\">\(f.optional(row.metrics[$0], 4))</td>" }.joined()
            var gainCell = "<td class=\"num\">—</td>"
            if row.role == .baseline, let gain = gains[row.name] {
                let verdictClass = gain.verdict == .better ? " better" : gain.verdict == .worse ? " worse" : ""
                gainCell = "<td class=\"num\(verdictClass)\">\(e(gain.displayText))</td>"
            }
            return "<tr\(isBest ? " class=\"best\"" : "")><td>\(e(row.name))\(badge)</td><td>\(row.role.rawValue)</td>"
                + "<td class=\"num\">\(f.fixed(row.objective, 4))\(std)</td>\(metricCells)\(gainCell)</tr>"
        }
        let table = "<table>\n<thead><tr><th>Mixture</th><th>Role</th><th class=\"num\">Objective</th>\(metricHeads)"
            + "<th class=\"num\">Gain of found</th></tr></thead>\n<tbody>\n" + rows.joined(separator: "\n") + "\n</tbody>\n</table>"
        let note = "<p class=\"note\">Target model: \(e(verify.model)). Objective: <code>\(e(direction.rawValue)) \(e(summary.objective.text))</code>. "
            + "Gain of found: how much better the found mixture is than that baseline (positive = better), absolute and relative. "
            + e(verify.noiseNote(direction: direction) ?? "") + "</p>"
        return section(id: "verify", title: "Verification at target scale", body: table + "\n" + note)
    }

    static func outputs(_ summary: RunSummary) -> String {
        let o = summary.outputs
        let entries = [("report", o.report), ("summary", o.summary)].compactMap { label, path in path.map { KeySetting(label, $0) } } + o.others
        guard !entries.isEmpty else { return "" }
        let rows = entries.map { "<tr><td>\(e($0.label))</td><td><a href=\"\(e(OutputLink.href($0.value, report: o.report)))\"><code>\(e($0.value))</code></a></td></tr>" }
        return section(id: "outputs", title: "Outputs",
                       body: "<table class=\"settings\">\n<tbody>\n" + rows.joined(separator: "\n") + "\n</tbody>\n</table>")
    }

    private static func section(id: String, title: String, body: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(e(title))</h2>\n\(body)\n</section>"
    }
}

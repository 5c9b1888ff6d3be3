// Section 3: the fitted model of every regressor, per target metric: linear slopes with intervals,
// mixing-law parameters (c, k, t), gbdt split gain and partial dependence.

enum ModelSection {
    private static let e = HTMLEscaping.escape
    private static let f = ReportNumberFormat.self

    static func render(_ summary: RunSummary) -> String {
        let title = "Fitted models"
        guard let models = summary.diagnostics?.models, models.contains(where: { !$0.targets.isEmpty }) else {
            return ReportSection.missing(id: "model", title: title, reason: "No fitted model details were recorded.")
        }
        var parts: [String] = []
        for model in models {
            let chosen = model.regressor == summary.chosenRegressor ? "<span class=\"badge\">chosen</span>" : ""
            for target in model.targets {
                parts.append("<h3><code>\(e(model.regressor))</code>\(chosen) · <code>\(e(target.target))</code></h3>")
                if let linear = target.linear { parts.append(self.linear(linear, summary, model.regressor, target.target)) }
                if let law = target.mixingLaw { parts.append(mixingLaw(law, summary)) }
                if let gbdt = target.gbdt { parts.append(self.gbdt(gbdt, summary, model.regressor, target.target)) }
            }
        }
        parts.append("<p class=\"note\">Run <code>mixspec model SPEC</code> for the same figures in the terminal or as JSON.</p>")
        return ReportSection.html(id: "model", title: title, body: parts.joined(separator: "\n"))
    }

    private static func linear(_ m: LinearModelSummary, _ summary: RunSummary, _ regressor: String, _ target: String) -> String {
        let rows = summary.domains.compactMap { d in m.coefficients[d].map { c in
            "<tr><td>\(e(d))</td><td class=\"num\">\(f.fixed(c.value, 4))</td><td class=\"num\">[\(f.fixed(c.low, 4)), \(f.fixed(c.high, 4))]</td></tr>"
        } }
        let table = "<table>\n<thead><tr><th>Term</th><th class=\"num\">Estimate</th><th class=\"num\">95% interval</th></tr></thead>\n<tbody>\n"
            + "<tr><td>intercept</td><td class=\"num\">\(f.fixed(m.intercept.value, 4))</td><td class=\"num\">[\(f.fixed(m.intercept.low, 4)), \(f.fixed(m.intercept.high, 4))]</td></tr>\n"
            + rows.joined(separator: "\n") + "\n</tbody>\n</table>"
        let note = "<p class=\"note\">Percentile intervals from \(m.resamples) bootstrap refits. Weights sum to 1, so slopes are identified "
            + "only up to a common shift (rank \(m.rank) of \(summary.domains.count)); compare them with each other, not with zero.</p>"
        return ReportSection.chart(FittedModelCharts.linear(m, domains: summary.domains, id: FittedModelCharts.id("linear-chart", regressor, target), target: target))
            + "\n" + table + "\n" + note
    }

    private static func mixingLaw(_ m: MixingLawSummary, _ summary: RunSummary) -> String {
        let rows = summary.domains.compactMap { d in m.t[d].map { "<tr><td>t<sub>\(e(d))</sub></td><td class=\"num\">\(f.fixed($0, 4))</td></tr>" } }
        return "<table>\n<thead><tr><th>Parameter</th><th class=\"num\">Value</th></tr></thead>\n<tbody>\n"
            + "<tr><td>c</td><td class=\"num\">\(f.fixed(m.c, 4))</td></tr>\n<tr><td>k</td><td class=\"num\">\(f.fixed(m.k, 4))</td></tr>\n"
            + rows.joined(separator: "\n") + "\n</tbody>\n</table>\n"
            + "<p class=\"note\">L(r) = c + k·exp(Σ t<sub>j</sub> r<sub>j</sub>). A negative t<sub>j</sub> means more of domain j lowers the metric; t is shown with mean 0 (only differences are identified on the simplex).</p>"
    }

    private static func gbdt(_ m: GBDTModelSummary, _ summary: RunSummary, _ regressor: String, _ target: String) -> String {
        ReportSection.chart(FittedModelCharts.gain(m, domains: summary.domains, id: FittedModelCharts.id("gain-chart", regressor, target), target: target))
            + "\n" + ReportSection.chart(FittedModelCharts.partialDependence(m, domains: summary.domains, found: summary.found,
                                                                             id: FittedModelCharts.id("pd-chart", regressor, target), target: target))
            + "\n<p class=\"note\">Gain: LightGBM's split-gain importance, replayed on the training runs. Partial dependence: the mean prediction "
            + "over the training mixtures with one domain's weight set along the axis and the other weights rescaled to keep the sum.</p>"
    }
}

// Section 4: out-of-fold predicted vs actual for every regressor, on the objective and on each metric.

enum ScatterSection {
    static func render(_ summary: RunSummary) -> String {
        let title = "Out-of-fold predictions per regressor and metric"
        guard let scatters = summary.diagnostics?.scatters, !scatters.isEmpty else {
            return ReportSection.missing(id: "scatters", title: title, reason: "No cross-validation was run.")
        }
        let note = "<p class=\"note\">One panel per regressor and target; each point is a proxy run predicted by a model that did not see it. "
            + "A regressor can rank the objective well while one metric is poorly predicted, or the other way round.</p>"
        return ReportSection.html(id: "scatters", title: title,
                                  body: ReportSection.chart(SmallScatterChart.render(scatters, id: "scatters-chart", title: title)) + "\n" + note)
    }
}

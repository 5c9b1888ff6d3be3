// Section 5: training curves from the checkpoints the trainers report.

enum CurvesSection {
    static func render(_ summary: RunSummary) -> String {
        let title = "Training curves"
        guard let curves = summary.diagnostics?.curves, curves.contains(where: { !$0.band.isEmpty || !$0.lines.isEmpty }) else {
            return ReportSection.missing(id: "curves", title: title,
                                         reason: "The trainer reported no checkpoints (<code>steps</code> in metrics.json), or the runs were imported.")
        }
        let note = "<p class=\"note\">Band: min to max over the proxy swarm at each token count, with the median. Lines: the verify runs "
            + "(solid: found mixture; dashed: baselines). Curves still falling steeply at the end mean the proxies stop early, "
            + "and their ranking may change with more tokens.</p>"
        return ReportSection.html(id: "curves", title: title, body: ReportSection.chart(TrainingCurvesChart.render(curves)) + "\n" + note)
    }
}

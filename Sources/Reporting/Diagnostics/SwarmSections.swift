// Sections 1 and 2: the swarm's coverage of each domain, and each domain's weight against the objective.

enum SwarmSections {
    static func coverage(_ summary: RunSummary) -> String {
        let title = "Swarm coverage"
        guard let swarm = summary.diagnostics?.swarm, !swarm.runs.isEmpty else {
            return ReportSection.missing(id: "swarm", title: title, reason: "No proxy runs were collected.")
        }
        let note = "<p class=\"note\">\(swarm.runs.count) proxy runs. A domain whose dots stay near zero, or that most runs leave out, "
            + "is one the regression knows little about: its predicted effect rests on few runs.</p>"
        return ReportSection.html(id: "swarm", title: title,
                                  body: ReportSection.chart(SwarmCoverageChart.render(swarm, domains: summary.domains, prior: summary.prior)) + "\n" + note)
    }

    static func weightVsObjective(_ summary: RunSummary) -> String {
        let title = "Weight vs objective per domain"
        guard let swarm = summary.diagnostics?.swarm, !swarm.runs.isEmpty else {
            return ReportSection.missing(id: "weight-objective", title: title, reason: "No proxy runs were collected.")
        }
        guard swarm.objective.count == swarm.runs.count else {
            return ReportSection.missing(id: "weight-objective", title: title, reason: "The proxy runs do not all report the objective's metrics.")
        }
        let note = "<p class=\"note\">Each dot is a proxy run: its weight of the panel's domain against its objective "
            + "<code>\(HTMLEscaping.escape(summary.objective.text))</code>. The other domains vary too, so this is a marginal view, not the model.</p>"
        return ReportSection.html(id: "weight-objective", title: title,
                                  body: ReportSection.chart(WeightObjectiveChart.render(swarm, domains: summary.domains, found: summary.found,
                                                                                        objectiveText: summary.objective.text)) + "\n" + note)
    }
}

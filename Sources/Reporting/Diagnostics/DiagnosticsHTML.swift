// The diagnostic sections (issue 14) in report order, and their styles.

enum DiagnosticsHTML {
    /// Swarm coverage, weight vs objective, fitted models, scatters, curves, noise, rank consistency, data.
    static func sections(_ summary: RunSummary) -> [String] {
        [SwarmSections.coverage(summary), SwarmSections.weightVsObjective(summary), ModelSection.render(summary),
         ScatterSection.render(summary), CurvesSection.render(summary), NoiseSection.render(summary)]
            + [RankSection.render(summary)].compactMap { $0 } + [DataSection.render(summary)]
    }

    /// Styles of the diagnostic charts (no `<`, `>` or `&`, like ReportStyle).
    static let css = """
    h3 { font-size: 1rem; margin: 22px 0 6px; }
    p.note.missing { font-style: italic; }
    svg .panel-title { fill: #1d2330; font-size: 12px; font-weight: 600; }
    svg .point-small { fill: #0072B2; fill-opacity: 0.55; }
    svg .swarm-dot { fill: #0072B2; fill-opacity: 0.35; }
    svg .box-light { fill: #eef5fb; stroke: #0072B2; stroke-width: 1; }
    svg .found-line { stroke: #D55E00; stroke-width: 1.6; }
    svg .found-label { fill: #b34700; font-size: 11px; }
    svg .figure-small { fill: #1d2330; font-size: 12px; font-weight: 600; }
    svg .curve { fill: none; stroke: #0072B2; stroke-width: 2; }
    svg .band { fill: #56B4E9; fill-opacity: 0.25; stroke: none; }
    svg .band-median { fill: none; stroke: #0072B2; stroke-width: 1.4; }
    svg .band-median-dot { fill: #0072B2; }
    svg .curve-found { fill: none; stroke: #D55E00; stroke-width: 2.2; }
    svg .curve-found-dot { fill: #D55E00; }
    svg .curve-baseline { fill: none; stroke: #1d2330; stroke-width: 1.4; stroke-dasharray: 5 3; }
    svg .curve-baseline-dot { fill: #1d2330; }
    """
}

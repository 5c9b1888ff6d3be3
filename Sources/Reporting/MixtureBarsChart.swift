// The found mixture beside the prior: grouped horizontal bars per domain, values printed at the bar ends.

/// SVG chart of found vs prior weight per domain.
enum MixtureBarsChart {
    static func render(_ summary: RunSummary) -> String {
        let labelWidth = 150.0, plotWidth = 470.0, valueWidth = 70.0, right = 20.0
        let barHeight = 13.0, barGap = 3.0, groupGap = 14.0, top = 40.0, axisHeight = 34.0
        let groupHeight = 2 * barHeight + barGap
        let domains = summary.domains
        let plotHeight = Double(domains.count) * (groupHeight + groupGap)
        let width = labelWidth + plotWidth + valueWidth + right
        let height = top + plotHeight + axisHeight
        let largest = domains.flatMap { [summary.found[$0], summary.prior[$0]] }.compactMap { $0 }.filter(\.isFinite).max() ?? 1
        let scale = AxisScale(low: 0, high: max(largest, 1e-6), count: 5, includeZero: true)
        let x0 = labelWidth, x1 = labelWidth + plotWidth

        var svg = SVGCanvas(width: width, height: height)
        // Legend.
        svg.rect(x: x0, y: 10, width: 12, height: 12, className: "found")
        svg.text("found mixture", x: x0 + 18, y: 20.5, className: "legend")
        svg.rect(x: x0 + 130, y: 10, width: 12, height: 12, className: "prior")
        svg.text("prior", x: x0 + 148, y: 20.5, className: "legend")

        for tick in scale.ticks {
            let x = scale.position(tick, from: x0, to: x1)
            svg.line(x1: x, y1: top - 6, x2: x, y2: top + plotHeight, className: tick == 0 ? "axis" : "grid")
            svg.text(scale.label(tick), x: x, y: top + plotHeight + 16, anchor: "middle", className: "tick")
        }
        svg.text("weight", x: (x0 + x1) / 2, y: top + plotHeight + 31, anchor: "middle", className: "axis-label")

        for (index, domain) in domains.enumerated() {
            let y = top + Double(index) * (groupHeight + groupGap) + groupGap / 2
            svg.label(domain, x: labelWidth - 10, y: y + groupHeight / 2 + 4, className: "domain")
            let bars: [(String, Double?, Double)] = [("found", summary.found[domain], y), ("prior", summary.prior[domain], y + barHeight + barGap)]
            for (kind, weight, barY) in bars {
                let value = weight ?? 0
                let end = scale.position(max(0, min(value, scale.upper)), from: x0, to: x1)
                let text = ReportNumberFormat.optional(weight, 3)
                svg.rect(x: x0, y: barY, width: end - x0, height: barHeight, className: kind,
                         title: "\(domain): \(kind) weight \(text)")
                svg.text(text, x: end + 5, y: barY + barHeight - 2.5, className: "value")
            }
        }
        return svg.render(title: "Found mixture vs prior",
                          description: "Grouped horizontal bars: for each domain, the found weight and the prior weight.",
                          id: "mixture-chart")
    }
}

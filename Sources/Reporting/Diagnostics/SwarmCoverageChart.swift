// Section 1: how the swarm covers each domain's weight (RegMix's visualize_mixture.py): every run's
// weight as a dot (spread vertically by a fixed pattern, so overlapping runs stay visible), the
// quartile box, the prior, and the share of runs that give the domain no weight at all.

/// SVG strip-and-box chart of the swarm's weights per domain.
enum SwarmCoverageChart {
    static func render(_ swarm: SwarmCoverage, domains: [String], prior: [String: Double]) -> String {
        let labelWidth = 150.0, plotWidth = 540.0, right = 90.0
        let rowHeight = 34.0, top = 40.0, axisHeight = 34.0
        let plotHeight = Double(domains.count) * rowHeight
        let width = labelWidth + plotWidth + right, height = top + plotHeight + axisHeight
        let largest = (domains.flatMap { swarm.weights[$0] ?? [] } + domains.compactMap { prior[$0] }).filter(\.isFinite).max() ?? 1
        let scale = AxisScale(low: 0, high: max(largest, 1e-6), count: 6, includeZero: true)
        let x0 = labelWidth, x1 = labelWidth + plotWidth
        func x(_ v: Double) -> Double { scale.position(v, from: x0, to: x1) }
        let f = ReportNumberFormat.self

        var svg = SVGCanvas(width: width, height: height)
        svg.circle(cx: x0 + 6, cy: 16, r: 2.5, className: "swarm-dot")
        svg.text("one proxy run", x: x0 + 14, y: 20.5, className: "legend")
        svg.rect(x: x0 + 120, y: 10, width: 18, height: 12, className: "box")
        svg.text("quartiles", x: x0 + 144, y: 20.5, className: "legend")
        svg.line(x1: x0 + 226, y1: 9, x2: x0 + 226, y2: 23, className: "prior-mark")
        svg.text("prior", x: x0 + 234, y: 20.5, className: "legend")
        svg.text("zero weight", x: x1 + 14, y: top - 4, className: "tick")
        for tick in scale.ticks {
            svg.line(x1: x(tick), y1: top - 6, x2: x(tick), y2: top + plotHeight, className: tick == 0 ? "axis" : "grid")
            svg.text(scale.label(tick), x: x(tick), y: top + plotHeight + 16, anchor: "middle", className: "tick")
        }
        svg.text("weight in the proxy run", x: (x0 + x1) / 2, y: top + plotHeight + 31, anchor: "middle", className: "axis-label")
        for (row, domain) in domains.enumerated() {
            let mid = top + Double(row) * rowHeight + rowHeight / 2
            svg.label(domain, x: labelWidth - 10, y: mid + 4, className: "domain")
            let values = swarm.weights[domain] ?? []
            if let five = FiveNumberSummary(values) {
                svg.rect(x: x(five.lowerQuartile), y: mid - 9, width: x(five.upperQuartile) - x(five.lowerQuartile), height: 18,
                         className: "box-light",
                         title: "\(domain): quartiles \(f.fixed(five.lowerQuartile, 3))–\(f.fixed(five.upperQuartile, 3)), median \(f.fixed(five.median, 3)), max \(f.fixed(five.max, 3))")
                svg.line(x1: x(five.median), y1: mid - 9, x2: x(five.median), y2: mid + 9, className: "median")
            }
            for i in PointBudget.indices(values.count) where values[i].isFinite {
                let v = values[i]
                // A fixed vertical spread (not random): the chart is a function of the summary.
                let offset = Double((i * 7) % 13) - 6
                svg.circle(cx: x(v), cy: mid + offset, r: 1.8, className: "swarm-dot")
            }
            if let p = prior[domain], p.isFinite {
                svg.line(x1: x(p), y1: mid - 13, x2: x(p), y2: mid + 13, className: "prior-mark")
            }
            let zero = swarm.zeroShare[domain] ?? 0
            svg.text(f.fixed(zero * 100, 1) + "%", x: x1 + 14, y: mid + 4, className: "value")
        }
        return svg.render(title: "Swarm coverage per domain",
                          description: "For each domain, the weight it gets in each of the \(swarm.runs.count) proxy runs (dots), their quartiles (box), the prior (dashed line) and the share of runs with weight zero." + PointBudget.note(swarm.runs.count),
                          id: "swarm-chart")
    }
}

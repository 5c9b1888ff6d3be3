// Spread of the top-k candidates' weights per domain: box (quartiles) and whiskers (min–max), with the
// found weight (their mean) and the prior marked.

/// SVG box-and-whisker chart of the top-k candidates.
enum CandidateSpreadChart {
    static func render(_ summary: RunSummary) -> String {
        let labelWidth = 150.0, plotWidth = 540.0, right = 70.0
        let rowHeight = 30.0, top = 40.0, axisHeight = 34.0
        let spread = summary.candidateSpread
        let plotHeight = Double(spread.count) * rowHeight
        let width = labelWidth + plotWidth + right, height = top + plotHeight + axisHeight
        let largest = (spread.compactMap { $0.spread?.max } + summary.domains.flatMap { [summary.found[$0], summary.prior[$0]] }.compactMap { $0 })
            .filter(\.isFinite).max() ?? 1
        let scale = AxisScale(low: 0, high: max(largest, 1e-6), count: 6, includeZero: true)
        let x0 = labelWidth, x1 = labelWidth + plotWidth
        func x(_ v: Double) -> Double { scale.position(v, from: x0, to: x1) }

        var svg = SVGCanvas(width: width, height: height)
        // Legend.
        svg.rect(x: x0, y: 10, width: 18, height: 12, className: "box")
        svg.text("quartiles of top-\(summary.topCandidates.count) (whiskers: min–max)", x: x0 + 24, y: 20.5, className: "legend")
        svg.polygon(diamond(cx: x0 + 316, cy: 16, r: 6), className: "found-mark")
        svg.text("found (mean)", x: x0 + 327, y: 20.5, className: "legend")
        svg.line(x1: x0 + 430, y1: 9, x2: x0 + 430, y2: 23, className: "prior-mark")
        svg.text("prior", x: x0 + 438, y: 20.5, className: "legend")

        for tick in scale.ticks {
            svg.line(x1: x(tick), y1: top - 6, x2: x(tick), y2: top + plotHeight, className: tick == 0 ? "axis" : "grid")
            svg.text(scale.label(tick), x: x(tick), y: top + plotHeight + 16, anchor: "middle", className: "tick")
        }
        svg.text("weight", x: (x0 + x1) / 2, y: top + plotHeight + 31, anchor: "middle", className: "axis-label")
        svg.text("found", x: x1 + 14, y: top - 4, className: "tick")

        for (index, entry) in spread.enumerated() {
            let mid = top + Double(index) * rowHeight + rowHeight / 2
            svg.label(entry.domain, x: labelWidth - 10, y: mid + 4, className: "domain")
            if let s = entry.spread {
                let f = ReportNumberFormat.self
                let summaryText = "\(entry.domain): min \(f.fixed(s.min, 3)), quartiles \(f.fixed(s.lowerQuartile, 3))–\(f.fixed(s.upperQuartile, 3)), median \(f.fixed(s.median, 3)), max \(f.fixed(s.max, 3))"
                svg.line(x1: x(s.min), y1: mid, x2: x(s.max), y2: mid, className: "whisker")
                svg.line(x1: x(s.min), y1: mid - 6, x2: x(s.min), y2: mid + 6, className: "whisker")
                svg.line(x1: x(s.max), y1: mid - 6, x2: x(s.max), y2: mid + 6, className: "whisker")
                svg.rect(x: x(s.lowerQuartile), y: mid - 8, width: x(s.upperQuartile) - x(s.lowerQuartile), height: 16,
                         className: "box", title: summaryText)
                svg.line(x1: x(s.median), y1: mid - 8, x2: x(s.median), y2: mid + 8, className: "median")
            }
            if let prior = summary.prior[domain: entry.domain] {
                svg.line(x1: x(prior), y1: mid - 11, x2: x(prior), y2: mid + 11, className: "prior-mark")
            }
            if let found = summary.found[domain: entry.domain] {
                svg.text(ReportNumberFormat.fixed(found, 3), x: x1 + 14, y: mid + 4, className: "value")
                svg.polygon(diamond(cx: x(found), cy: mid, r: 6), className: "found-mark",
                            title: "\(entry.domain): found \(ReportNumberFormat.fixed(found, 3))")
            }
        }
        return svg.render(title: "Spread of the top-\(summary.topCandidates.count) candidates",
                          description: "For each domain, the range and quartiles of the weights of the best candidates of the search, with the found weight (their mean) and the prior marked.",
                          id: "spread-chart")
    }

    private static func diamond(cx: Double, cy: Double, r: Double) -> [(Double, Double)] {
        [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
    }
}

extension Dictionary where Key == String, Value == Double {
    /// The finite weight of `domain`, if present.
    fileprivate subscript(domain domain: String) -> Double? {
        guard let value = self[domain], value.isFinite else { return nil }
        return value
    }
}

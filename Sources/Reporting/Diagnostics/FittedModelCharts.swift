// Section 3's charts: a linear model's slopes with their intervals, a boosted-tree model's split
// gain per domain, and its partial-dependence curves.

/// SVG charts of fitted models.
enum FittedModelCharts {
    /// An element id from free text (regressor and metric names): letters, digits and dashes.
    static func id(_ parts: String...) -> String {
        parts.joined(separator: "-").map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    /// Slopes per domain as points with 95% interval bars, zero marked.
    static func linear(_ model: LinearModelSummary, domains: [String], id: String, target: String) -> String {
        let labelWidth = 150.0, plotWidth = 480.0, right = 20.0, rowHeight = 26.0, top = 14.0, axisHeight = 34.0
        let rows = domains.compactMap { d in model.coefficients[d].map { (d, $0) } }
        let values = rows.flatMap { [$0.1.low, $0.1.high, $0.1.value] }.filter(\.isFinite)
        let scale = AxisScale(low: values.min() ?? -1, high: values.max() ?? 1, count: 6, includeZero: true)
        let plotHeight = Double(rows.count) * rowHeight
        let x0 = labelWidth, x1 = labelWidth + plotWidth
        func x(_ v: Double) -> Double { scale.position(v, from: x0, to: x1) }
        let f = ReportNumberFormat.self
        var svg = SVGCanvas(width: labelWidth + plotWidth + right, height: top + plotHeight + axisHeight)
        for tick in scale.ticks {
            svg.line(x1: x(tick), y1: top, x2: x(tick), y2: top + plotHeight, className: tick == 0 ? "axis" : "grid")
            svg.text(scale.label(tick), x: x(tick), y: top + plotHeight + 16, anchor: "middle", className: "tick")
        }
        svg.text("slope (change of \(SVGCanvas.truncated(target, limit: 30)) per unit weight)", x: (x0 + x1) / 2, y: top + plotHeight + 31,
                 anchor: "middle", className: "axis-label")
        for (row, entry) in rows.enumerated() {
            let mid = top + Double(row) * rowHeight + rowHeight / 2
            svg.label(entry.0, x: labelWidth - 10, y: mid + 4, className: "domain")
            svg.line(x1: x(entry.1.low), y1: mid, x2: x(entry.1.high), y2: mid, className: "whisker")
            svg.circle(cx: x(entry.1.value), cy: mid, r: 4, className: "point",
                       title: "\(entry.0): \(f.fixed(entry.1.value, 4)) [\(f.fixed(entry.1.low, 4)), \(f.fixed(entry.1.high, 4))]")
        }
        return svg.render(title: "Linear slopes of \(target)", description: "Slope of \(target) per domain with its 95% bootstrap interval (\(model.resamples) resamples).", id: id)
    }

    /// Split gain per domain as a share of the total, largest first.
    static func gain(_ model: GBDTModelSummary, domains: [String], id: String, target: String) -> String {
        let labelWidth = 150.0, plotWidth = 420.0, right = 70.0, rowHeight = 24.0, top = 10.0, axisHeight = 34.0
        let total = domains.compactMap { model.gain[$0] }.filter(\.isFinite).reduce(0, +)
        let rows = domains.map { ($0, total > 0 ? (model.gain[$0] ?? 0) / total : 0) }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        let scale = AxisScale(low: 0, high: max(rows.map(\.1).max() ?? 1, 1e-6), count: 5, includeZero: true)
        let plotHeight = Double(rows.count) * rowHeight
        let x0 = labelWidth, x1 = labelWidth + plotWidth
        var svg = SVGCanvas(width: labelWidth + plotWidth + right, height: top + plotHeight + axisHeight)
        for tick in scale.ticks {
            let px = scale.position(tick, from: x0, to: x1)
            svg.line(x1: px, y1: top, x2: px, y2: top + plotHeight, className: tick == 0 ? "axis" : "grid")
            svg.text(ReportNumberFormat.fixed(tick * 100, max(0, scale.decimals - 2)) + "%", x: px, y: top + plotHeight + 16, anchor: "middle", className: "tick")
        }
        svg.text("share of total split gain", x: (x0 + x1) / 2, y: top + plotHeight + 31, anchor: "middle", className: "axis-label")
        for (row, entry) in rows.enumerated() {
            let y = top + Double(row) * rowHeight
            svg.label(entry.0, x: labelWidth - 10, y: y + rowHeight / 2 + 4, className: "domain")
            svg.rect(x: x0, y: y + 5, width: scale.position(entry.1, from: x0, to: x1) - x0, height: rowHeight - 10, className: "found",
                     title: "\(entry.0): \(ReportNumberFormat.fixed(entry.1 * 100, 1))% of the gain")
            svg.text(ReportNumberFormat.fixed(entry.1 * 100, 1) + "%", x: x1 + 8, y: y + rowHeight / 2 + 4, className: "value")
        }
        return svg.render(title: "Split gain of \(target) per domain", description: "Total gain of the \(model.trees) trees' splits on each domain's weight, as a share of all gain.", id: id)
    }

    /// One panel per domain: the mean prediction as that domain's weight varies (others rescaled).
    static func partialDependence(_ model: GBDTModelSummary, domains: [String], found: [String: Double], id: String, target: String) -> String {
        let curves = domains.compactMap { d in model.partialDependence[d].map { (d, $0) } }
        let grid = PanelGrid(count: curves.count, panelHeight: 170)
        let ys = curves.flatMap { $0.1.map(\.y) }.filter(\.isFinite)
        let y = AxisScale(low: ys.min() ?? 0, high: ys.max() ?? 1, count: 4)
        var svg = SVGCanvas(width: grid.width, height: grid.height)
        for (index, entry) in curves.enumerated() {
            let xs = entry.1.map(\.x).filter(\.isFinite)
            let x = AxisScale(low: 0, high: max(xs.max() ?? 1, 1e-6), count: 4, includeZero: true)
            grid.frame(&svg, index, title: entry.0, x: x, y: y)
            let p = grid.plot(index)
            let points = entry.1.filter { $0.x.isFinite && $0.y.isFinite }
                .map { (x.position($0.x, from: p.x0, to: p.x1), y.position($0.y, from: p.yBottom, to: p.yTop)) }
            svg.polyline(points, className: "curve")
            if let w = found[entry.0], w.isFinite, w <= x.upper {
                let px = x.position(w, from: p.x0, to: p.x1)
                svg.line(x1: px, y1: p.yTop, x2: px, y2: p.yBottom, className: "found-line")
            }
        }
        return svg.render(title: "Partial dependence of \(target)",
                          description: "For each domain, the gbdt model's mean prediction of \(target) over the training mixtures when that domain's weight is set to each value and the others are rescaled to keep the sum; the vertical line is the found weight.",
                          id: id)
    }
}

// Section 4: out-of-fold predicted vs actual for every regressor and target, as small multiples
// with the diagonal and each panel's Spearman.

/// SVG small multiples of cross-validation scatters.
enum SmallScatterChart {
    static func render(_ scatters: [CrossValidationScatter], id: String, title: String) -> String {
        let grid = PanelGrid(count: scatters.count, panelWidth: 330, panelHeight: 250)
        var svg = SVGCanvas(width: grid.width, height: grid.height)
        let f = ReportNumberFormat.self
        for (index, scatter) in scatters.enumerated() {
            let values = scatter.points.flatMap { [$0.predicted, $0.actual] }.filter(\.isFinite)
            let scale = AxisScale(low: values.min() ?? 0, high: values.max() ?? 1, count: 4)
            grid.frame(&svg, index, title: "\(scatter.regressor) · \(scatter.target ?? "objective")", x: scale, y: scale)
            let p = grid.plot(index)
            svg.line(x1: p.x0, y1: p.yBottom, x2: p.x1, y2: p.yTop, className: "diagonal")
            for point in PointBudget.indices(scatter.points.count).map({ scatter.points[$0] }) where point.predicted.isFinite && point.actual.isFinite {
                svg.circle(cx: scale.position(point.predicted, from: p.x0, to: p.x1), cy: scale.position(point.actual, from: p.yBottom, to: p.yTop),
                           r: 2.2, className: "point-small")
            }
            svg.text("ρ = \(f.fixed(scatter.spearman, 3))", x: p.x0 + 6, y: p.yTop + 14, className: "figure-small")
        }
        return svg.render(title: title,
                          description: "Out-of-fold predicted (x) against measured (y) values of every proxy run, per regressor and target; the dashed diagonal is perfect prediction; ρ is Spearman." + PointBudget.note(scatters.map(\.points.count).max() ?? 0),
                          id: id)
    }
}

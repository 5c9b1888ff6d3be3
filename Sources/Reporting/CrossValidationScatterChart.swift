// Out-of-fold predicted objective against the actual objective of every proxy run, with the diagonal
// (perfect prediction) and the Spearman figure.

/// SVG scatter of cross-validated predictions.
enum CrossValidationScatterChart {
    static func render(_ scatter: CrossValidationScatter, objectiveText: String) -> String {
        let left = 64.0, top = 12.0, plot = 360.0, right = 16.0, bottom = 48.0
        let width = left + plot + right, height = top + plot + bottom
        let values = scatter.points.flatMap { [$0.predicted, $0.actual] }.filter(\.isFinite)
        let scale = AxisScale(low: values.min() ?? 0, high: values.max() ?? 1, count: 5)
        let x0 = left, x1 = left + plot, yBottom = top + plot, yTop = top

        var svg = SVGCanvas(width: width, height: height)
        svg.rect(x: x0, y: yTop, width: plot, height: plot, className: "plot-area")
        for tick in scale.ticks {
            let x = scale.position(tick, from: x0, to: x1)
            let y = scale.position(tick, from: yBottom, to: yTop)
            svg.line(x1: x, y1: yTop, x2: x, y2: yBottom, className: "grid")
            svg.line(x1: x0, y1: y, x2: x1, y2: y, className: "grid")
            svg.text(scale.label(tick), x: x, y: yBottom + 16, anchor: "middle", className: "tick")
            svg.text(scale.label(tick), x: x0 - 6, y: y + 4, anchor: "end", className: "tick")
        }
        svg.line(x1: x0, y1: yBottom, x2: x1, y2: yTop, className: "diagonal")
        for point in scatter.points where point.predicted.isFinite && point.actual.isFinite {
            svg.circle(cx: scale.position(point.predicted, from: x0, to: x1),
                       cy: scale.position(point.actual, from: yBottom, to: yTop), r: 3.5, className: "point",
                       title: "\(point.run): predicted \(ReportNumberFormat.fixed(point.predicted, 4)), actual \(ReportNumberFormat.fixed(point.actual, 4))")
        }
        svg.text("Spearman ρ = \(ReportNumberFormat.fixed(scatter.spearman, 3))", x: x0 + 10, y: yTop + 20, className: "figure")
        svg.text("n = \(scatter.points.count), \(SVGCanvas.truncated(scatter.regressor, limit: 40))", x: x0 + 10, y: yTop + 38, className: "figure-note")
        svg.text("predicted objective (out-of-fold)", x: (x0 + x1) / 2, y: yBottom + 38, anchor: "middle", className: "axis-label")
        svg.text("actual objective", x: 16, y: (yTop + yBottom) / 2, anchor: "middle", className: "axis-label", rotate: -90)
        return svg.render(title: "Predicted vs cross-validated actual objective",
                          description: "Scatter of \(scatter.points.count) proxy runs: out-of-fold prediction of \(objectiveText) by \(scatter.regressor) against the measured value; the dashed diagonal is perfect prediction; Spearman \(ReportNumberFormat.fixed(scatter.spearman, 3)).",
                          id: "cv-chart")
    }
}

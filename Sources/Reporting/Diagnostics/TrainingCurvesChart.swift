// Section 5: validation metrics against training tokens (log scale), one panel per metric: the
// swarm's range (band) and median, with the verify runs drawn on top (the found mixture's in the
// found colour, baselines dashed).
import Foundation

/// SVG small multiples of training curves.
enum TrainingCurvesChart {
    static func render(_ curves: [TrainingCurve]) -> String {
        let grid = PanelGrid(count: curves.count, panelHeight: 210)
        var svg = SVGCanvas(width: grid.width, height: grid.height)
        let tokens = curves.flatMap { $0.band.map(\.tokens) + $0.lines.flatMap { $0.points.map(\.x) } }.filter { $0 > 0 && $0.isFinite }
        let x = AxisScale(low: log10(tokens.min() ?? 1), high: log10(tokens.max() ?? 10), count: 4)
        func label(_ tick: Double) -> String { ReportNumberFormat.compactCount(Int64(pow(10, tick).rounded())) }
        for (index, curve) in curves.enumerated() {
            let values = (curve.band.flatMap { [$0.low, $0.high] } + curve.lines.flatMap { $0.points.map(\.y) }).filter(\.isFinite)
            let y = AxisScale(low: values.min() ?? 0, high: values.max() ?? 1, count: 4)
            grid.frame(&svg, index, title: curve.metric, x: x, y: y, xLabel: label)
            let p = grid.plot(index)
            func point(_ t: Double, _ v: Double) -> (Double, Double)? {
                guard t > 0, t.isFinite, v.isFinite else { return nil }
                return (x.position(log10(t), from: p.x0, to: p.x1), y.position(v, from: p.yBottom, to: p.yTop))
            }
            let lows = curve.band.compactMap { point($0.tokens, $0.low) }, highs = curve.band.compactMap { point($0.tokens, $0.high) }
            if lows.count >= 2, lows.count == highs.count { svg.polygon(lows + highs.reversed(), className: "band") }
            let median = curve.band.compactMap { point($0.tokens, $0.median) }
            if median.count >= 2 { svg.polyline(median, className: "band-median") } else if let only = median.first {
                svg.circle(cx: only.0, cy: only.1, r: 3, className: "band-median-dot")
            }
            for line in curve.lines {
                let points = line.points.compactMap { point($0.x, $0.y) }
                let className = line.name.hasPrefix("found ") ? "curve-found" : "curve-baseline"
                if points.count >= 2 { svg.polyline(points, className: className, title: line.name) } else if let only = points.first {
                    svg.circle(cx: only.0, cy: only.1, r: 3.5, className: className + "-dot", title: line.name)
                }
            }
        }
        return svg.render(title: "Training curves",
                          description: "Each metric against training tokens (log scale): the band spans the proxy swarm (min to max, median line); the verify runs are drawn on top, the found mixture's solid, baselines dashed.",
                          id: "curves-chart")
    }
}

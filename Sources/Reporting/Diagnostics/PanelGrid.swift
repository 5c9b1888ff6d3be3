// Small multiples: one chart of equal panels laid out in rows, each with its own plot area and axes.
// Shared by the weight-vs-objective, partial-dependence, scatter and training-curve charts.

/// Geometry of a grid of panels inside one SVG.
struct PanelGrid {
    let count: Int
    let columns: Int
    let panelWidth: Double
    let panelHeight: Double
    /// Space for tick labels left of and below each plot area, and for the panel title above it.
    let left = 46.0, bottom = 34.0, top = 22.0, right = 10.0

    init(count: Int, columns: Int = 3, panelWidth: Double = 330, panelHeight: Double = 200) {
        self.count = count; self.columns = max(1, min(columns, max(count, 1)))
        self.panelWidth = panelWidth; self.panelHeight = panelHeight
    }

    var rows: Int { (count + columns - 1) / columns }
    var width: Double { Double(columns) * panelWidth }
    var height: Double { Double(max(rows, 1)) * panelHeight }

    /// The plot area of panel `index`: x from `x0` to `x1`, y from `yTop` to `yBottom`.
    func plot(_ index: Int) -> (x0: Double, x1: Double, yTop: Double, yBottom: Double) {
        let originX = Double(index % columns) * panelWidth, originY = Double(index / columns) * panelHeight
        return (originX + left, originX + panelWidth - right, originY + top, originY + panelHeight - bottom)
    }

    /// Draws panel `index`'s frame, grid, tick labels and title.
    func frame(_ svg: inout SVGCanvas, _ index: Int, title: String, x: AxisScale, y: AxisScale,
               xLabel: ((Double) -> String)? = nil) {
        let p = plot(index)
        svg.rect(x: p.x0, y: p.yTop, width: p.x1 - p.x0, height: p.yBottom - p.yTop, className: "plot-area")
        for tick in x.ticks {
            let px = x.position(tick, from: p.x0, to: p.x1)
            svg.line(x1: px, y1: p.yTop, x2: px, y2: p.yBottom, className: "grid")
            svg.text(xLabel?(tick) ?? x.label(tick), x: px, y: p.yBottom + 14, anchor: "middle", className: "tick")
        }
        for tick in y.ticks {
            let py = y.position(tick, from: p.yBottom, to: p.yTop)
            svg.line(x1: p.x0, y1: py, x2: p.x1, y2: py, className: "grid")
            svg.text(y.label(tick), x: p.x0 - 4, y: py + 4, anchor: "end", className: "tick")
        }
        svg.text(SVGCanvas.truncated(title, limit: 44), x: p.x0, y: p.yTop - 7, className: "panel-title")
    }
}

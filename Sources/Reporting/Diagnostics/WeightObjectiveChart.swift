// Section 2: each domain's weight against the proxies' objective, one panel per domain, with the
// found weight marked: where the objective falls as a weight grows, and whether the found weight
// sits where the runs are good.

/// SVG small multiples of weight vs objective.
enum WeightObjectiveChart {
    static func render(_ swarm: SwarmCoverage, domains: [String], found: [String: Double], objectiveText: String) -> String {
        let grid = PanelGrid(count: domains.count)
        let finite = swarm.objective.filter(\.isFinite)
        let y = AxisScale(low: finite.min() ?? 0, high: finite.max() ?? 1, count: 4)
        let f = ReportNumberFormat.self
        var svg = SVGCanvas(width: grid.width, height: grid.height)
        for (index, domain) in domains.enumerated() {
            let weights = swarm.weights[domain] ?? []
            let top = (weights + [found[domain] ?? 0]).filter(\.isFinite).max() ?? 1
            let x = AxisScale(low: 0, high: max(top, 1e-6), count: 4, includeZero: true)
            grid.frame(&svg, index, title: domain, x: x, y: y)
            let p = grid.plot(index)
            for i in PointBudget.indices(weights.count) where i < swarm.objective.count && weights[i].isFinite && swarm.objective[i].isFinite {
                let w = weights[i]
                svg.circle(cx: x.position(w, from: p.x0, to: p.x1), cy: y.position(swarm.objective[i], from: p.yBottom, to: p.yTop),
                           r: 2.2, className: "point-small")
            }
            if let w = found[domain], w.isFinite {
                let px = x.position(w, from: p.x0, to: p.x1)
                svg.line(x1: px, y1: p.yTop, x2: px, y2: p.yBottom, className: "found-line")
                svg.text("found \(f.fixed(w, 3))", x: min(px + 4, p.x1 - 60), y: p.yTop + 12, className: "found-label")
            }
        }
        return svg.render(title: "Weight vs objective per domain",
                          description: "For each domain, every proxy run's weight of that domain against its objective (\(objectiveText)); the vertical line is the found weight." + PointBudget.note(swarm.runs.count),
                          id: "weight-objective-chart")
    }
}

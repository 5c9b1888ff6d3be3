// A chart draws at most `limit` points per panel: a 10,000-run swarm would otherwise put hundreds of
// thousands of elements in the page. The points drawn are evenly spaced in run order (so the choice
// is a function of the summary); summary.json keeps every value.

enum PointBudget {
    /// Points drawn per panel or row.
    static let limit = 1500

    /// Indices of `count` items to draw: all of them up to `limit`, else `limit` evenly spaced ones.
    static func indices(_ count: Int, limit: Int = PointBudget.limit) -> [Int] {
        guard count > limit, limit > 1 else { return Array(0..<max(count, 0)) }
        return (0..<limit).map { $0 * (count - 1) / (limit - 1) }
    }

    /// A note for a chart's description when not every point is drawn.
    static func note(_ count: Int) -> String {
        count > limit ? " \(limit) of the \(count) runs are drawn, evenly spaced in run order." : ""
    }
}

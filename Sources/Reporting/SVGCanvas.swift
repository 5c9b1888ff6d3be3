// A minimal SVG writer for the report's charts: fixed coordinate formatting (one decimal) and escaped
// text everywhere, so the output is deterministic and well-formed.
import Foundation

/// Accumulates the elements of one inline `<svg>` chart.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width; self.height = height
    }

    /// Coordinate formatting: one decimal, no negative zero.
    static func n(_ x: Double) -> String { ReportNumberFormat.fixed(x, 1) }

    private static func attribute(_ name: String, _ value: String) -> String {
        " \(name)=\"\(HTMLEscaping.escape(value))\""
    }

    private static func tooltip(_ title: String?) -> String {
        title.map { "<title>\(HTMLEscaping.escape($0))</title>" } ?? ""
    }

    mutating func raw(_ markup: String) { body.append(markup) }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, title: String? = nil) {
        let open = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\""
            + Self.attribute("class", className)
        body.append(title == nil ? open + "/>" : open + ">" + Self.tooltip(title) + "</rect>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        body.append("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\""
            + Self.attribute("class", className) + "/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, className: String, title: String? = nil) {
        let open = "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\"" + Self.attribute("class", className)
        body.append(title == nil ? open + "/>" : open + ">" + Self.tooltip(title) + "</circle>")
    }

    /// A closed polygon through `points`.
    mutating func polygon(_ points: [(Double, Double)], className: String, title: String? = nil) {
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        let open = "<polygon points=\"\(list)\"" + Self.attribute("class", className)
        body.append(title == nil ? open + "/>" : open + ">" + Self.tooltip(title) + "</polygon>")
    }

    /// An open line through `points`.
    mutating func polyline(_ points: [(Double, Double)], className: String, title: String? = nil) {
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        let open = "<polyline points=\"\(list)\"" + Self.attribute("class", className)
        body.append(title == nil ? open + "/>" : open + ">" + Self.tooltip(title) + "</polyline>")
    }

    /// Text anchored at (`x`, `y`); `anchor` is `start`, `middle` or `end`.
    mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start", className: String,
                       rotate: Double? = nil) {
        let transform = rotate.map { " transform=\"rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))\"" } ?? ""
        body.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor)\"" + Self.attribute("class", className)
            + transform + ">" + HTMLEscaping.escape(content) + "</text>")
    }

    /// `label` cut to `limit` characters with an ellipsis, so long names do not run off the chart.
    static func truncated(_ label: String, limit: Int = 20) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }

    /// A row label: right-aligned at `x`, truncated, with the full text as its tooltip.
    mutating func label(_ content: String, x: Double, y: Double, className: String) {
        let shown = Self.truncated(content)
        let tip = shown == content ? "" : Self.tooltip(content)
        body.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"end\"" + Self.attribute("class", className)
            + ">" + tip + HTMLEscaping.escape(shown) + "</text>")
    }

    /// The finished `<svg>` element with an accessible title and description.
    func render(title: String, description: String, id: String) -> String {
        let head = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\""
            + " viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\"" + Self.attribute("aria-labelledby", "\(id)-title \(id)-desc") + ">"
        let titled = "<title id=\"\(HTMLEscaping.escape(id))-title\">\(HTMLEscaping.escape(title))</title>"
            + "<desc id=\"\(HTMLEscaping.escape(id))-desc\">\(HTMLEscaping.escape(description))</desc>"
        return ([head, titled] + body + ["</svg>"]).joined(separator: "\n")
    }
}

/// Round axis ticks (steps of 1, 2 or 5 × 10^k) covering a range.
struct AxisScale {
    let lower: Double
    let upper: Double
    let step: Double

    /// About `count` ticks covering `low...high`; a degenerate or non-finite range is widened.
    init(low: Double, high: Double, count: Int = 5, includeZero: Bool = false) {
        var lo = low.isFinite ? low : 0
        var hi = high.isFinite ? high : 1
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if hi < lo { swap(&lo, &hi) }
        if hi - lo < 1e-12 {
            let pad = max(abs(hi) * 0.05, 1e-3)
            lo -= pad; hi += pad
            if includeZero, low >= 0 { lo = max(lo, 0) }
        }
        let raw = (hi - lo) / Double(max(count, 1))
        let magnitude = pow10(floor(log10(raw)))
        let residual = raw / magnitude
        let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        self.step = step
        self.lower = floor(lo / step + 1e-9) * step
        self.upper = ceil(hi / step - 1e-9) * step
    }

    /// Tick positions from `lower` to `upper` inclusive.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(count, 0)).map { lower + Double($0) * step }
    }

    /// Decimals needed to print every tick exactly.
    var decimals: Int { max(0, Int(-floor(log10(step) + 1e-9))) }

    /// Maps `value` into `start...end` (pixels).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        guard upper > lower, value.isFinite else { return start }
        return start + (value - lower) / (upper - lower) * (end - start)
    }

    func label(_ value: Double) -> String { ReportNumberFormat.fixed(value, decimals) }
}

private func pow10(_ x: Double) -> Double { pow(10.0, x) }

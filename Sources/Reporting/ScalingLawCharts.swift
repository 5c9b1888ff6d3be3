// SVG charts of the nested scaling pipeline: loss against tokens (each proxy's checkpoints and its
// fitted step law, extended to the target's tokens) and loss against size (the step laws at the
// target tokens, the fitted size law extended to the target size, and the predicted interval there).
// Both x axes are logarithmic.
import Foundation

enum ScalingLawCharts {
    /// Colours of the proxy models (Okabe–Ito), as presentation attributes so no stylesheet is needed.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]

    private struct Frame {
        let left = 64.0, top = 12.0, width = 340.0, height = 220.0
        var x0: Double { left }
        var x1: Double { left + width }
        var yBottom: Double { top + height }
        var yTop: Double { top }
        let logX: (low: Double, high: Double)
        let y: AxisScale

        func px(_ x: Double) -> Double {
            let span = logX.high - logX.low
            guard span > 0, x > 0 else { return x0 }
            return x0 + (Foundation.log10(x) - logX.low) / span * (x1 - x0)
        }
        func py(_ y: Double) -> Double { self.y.position(y, from: yBottom, to: yTop) }
    }

    private static func frame(xs: [Double], ys: [Double]) -> Frame {
        let lx = xs.filter { $0 > 0 && $0.isFinite }.map(Foundation.log10)
        let low = Foundation.floor(lx.min() ?? 0), high = Foundation.ceil(lx.max() ?? 1)
        let yv = ys.filter(\.isFinite)
        return Frame(logX: (low, max(high, low + 1)), y: AxisScale(low: yv.min() ?? 0, high: yv.max() ?? 1, count: 4))
    }

    private static func axes(_ svg: inout SVGCanvas, _ f: Frame, xLabel: String, yLabel: String) {
        svg.rect(x: f.x0, y: f.yTop, width: f.width, height: f.height, className: "plot-area")
        for tick in f.y.ticks {
            let y = f.py(tick)
            svg.line(x1: f.x0, y1: y, x2: f.x1, y2: y, className: "grid")
            svg.text(f.y.label(tick), x: f.x0 - 6, y: y + 4, anchor: "end", className: "tick")
        }
        var decade = f.logX.low
        while decade <= f.logX.high + 1e-9 {
            let x = f.px(Foundation.pow(10, decade))
            svg.line(x1: x, y1: f.yTop, x2: x, y2: f.yBottom, className: "grid")
            svg.text(ReportNumberFormat.compactCount(Int64(Foundation.pow(10, decade).rounded())), x: x, y: f.yBottom + 16, anchor: "middle", className: "tick")
            decade += 1
        }
        svg.text(xLabel, x: (f.x0 + f.x1) / 2, y: f.yBottom + 36, anchor: "middle", className: "axis-label")
        svg.text(yLabel, x: 14, y: (f.yTop + f.yBottom) / 2, anchor: "middle", className: "axis-label", rotate: -90)
    }

    private static func curve(_ svg: inout SVGCanvas, _ f: Frame, from a: Double, to b: Double, colour: String, dashed: Bool,
                              _ value: (Double) -> Double) {
        guard a > 0, b > a else { return }
        let points = (0...60).compactMap { i -> String? in
            let x = Foundation.exp(Foundation.log(a) + Double(i) / 60 * (Foundation.log(b) - Foundation.log(a)))
            let y = value(x)
            guard y.isFinite else { return nil }
            return SVGCanvas.n(f.px(x)) + "," + SVGCanvas.n(min(max(f.py(y), f.yTop - 20), f.yBottom + 20))
        }
        guard points.count > 1 else { return }
        svg.raw("<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\"\(dashed ? " stroke-dasharray=\"5 4\"" : "")/>")
    }

    private static func dot(_ svg: inout SVGCanvas, _ f: Frame, x: Double, y: Double, colour: String, title: String, hollow: Bool = false) {
        guard x > 0, y.isFinite else { return }
        svg.raw("<circle cx=\"\(SVGCanvas.n(f.px(x)))\" cy=\"\(SVGCanvas.n(f.py(y)))\" r=\"3.5\" fill=\"\(hollow ? "#ffffff" : colour)\" stroke=\"\(colour)\" stroke-width=\"1.2\"><title>\(HTMLEscaping.escape(title))</title></circle>")
    }

    /// Loss of `metric` (curve `k`) against tokens for every proxy of one mixture.
    static func steps(_ mixture: ScalingMixture, metric k: Int, scaling: ScalingSummary, id: String) -> String {
        let name = mixture.metrics.indices.contains(k) ? mixture.metrics[k] : ""
        var xs = [scaling.targetTokens], ys: [Double] = []
        for step in mixture.steps {
            guard let index = step.metrics.firstIndex(of: name) else { continue }
            for c in step.checkpoints { if let v = c.metrics[name] { xs.append(c.tokens); ys.append(v) } }
            ys.append(step.predict(index, at: scaling.targetTokens))
        }
        let f = frame(xs: xs, ys: ys)
        var svg = SVGCanvas(width: f.x1 + 16, height: f.yBottom + 48)
        axes(&svg, f, xLabel: "training tokens (log)", yLabel: name)
        for (m, step) in mixture.steps.enumerated() {
            guard let index = step.metrics.firstIndex(of: name) else { continue }
            let colour = palette[m % palette.count]
            let first = step.fittedTokens.first ?? scaling.targetTokens
            curve(&svg, f, from: first, to: scaling.targetTokens, colour: colour, dashed: false) { step.predict(index, at: $0) }
            let fitted = Set(step.fittedTokens)
            for c in step.checkpoints {
                guard let v = c.metrics[name] else { continue }
                dot(&svg, f, x: c.tokens, y: v, colour: colour, title: "\(step.model), \(ReportNumberFormat.compactCount(Int64(c.tokens))) tokens: \(ReportNumberFormat.fixed(v, 4))",
                    hollow: !fitted.contains(c.tokens))
            }
            svg.text(step.model, x: f.x1 - 8, y: f.yTop + 16 + Double(m) * 15, anchor: "end", className: "legend")
            svg.raw("<rect x=\"\(SVGCanvas.n(f.x1 - 8 - 12 - Double(step.model.count) * 7))\" y=\"\(SVGCanvas.n(f.yTop + 7 + Double(m) * 15))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>")
        }
        let x = f.px(scaling.targetTokens)
        svg.line(x1: x, y1: f.yTop, x2: x, y2: f.yBottom, className: "diagonal")
        return svg.render(title: "Step laws of mixture \(mixture.run): \(name) against tokens",
                          description: "Checkpoints of each proxy model (filled: used by the fit; hollow: before the threshold) and the fitted step law L(D) = E + (D0/D)^α extended to the target's \(ReportNumberFormat.compactCount(Int64(scaling.targetTokens))) tokens (dashed line).",
                          id: id)
    }

    /// Loss of `metric` (curve `k`) against model size at the target's tokens, extended to the target size.
    static func size(_ mixture: ScalingMixture, metric k: Int, scaling: ScalingSummary, id: String) -> String {
        let name = mixture.metrics.indices.contains(k) ? mixture.metrics[k] : ""
        let law = mixture.size
        let observed = law.observed.indices.contains(k) ? law.observed[k] : []
        let target = law.target.indices.contains(k) ? law.target[k] : ScalingInterval(estimate: .nan, low: .nan, high: .nan)
        let sizes = scaling.models.map(\.size)
        let f = frame(xs: sizes + [scaling.targetSize], ys: observed + [target.low, target.high, target.estimate])
        var svg = SVGCanvas(width: f.x1 + 16, height: f.yBottom + 48)
        axes(&svg, f, xLabel: "parameters (log)", yLabel: name)
        curve(&svg, f, from: sizes.min() ?? 1, to: scaling.targetSize, colour: "#1d2330", dashed: false) { law.predict(k, at: $0) }
        for (m, (size, value)) in zip(sizes, observed).enumerated() {
            dot(&svg, f, x: size, y: value, colour: palette[m % palette.count],
                title: "\(scaling.models[m].name): step law at \(ReportNumberFormat.compactCount(Int64(scaling.targetTokens))) tokens = \(ReportNumberFormat.fixed(value, 4))")
        }
        let x = f.px(scaling.targetSize)
        if target.low.isFinite, target.high.isFinite {
            svg.raw("<line x1=\"\(SVGCanvas.n(x))\" y1=\"\(SVGCanvas.n(f.py(target.low)))\" x2=\"\(SVGCanvas.n(x))\" y2=\"\(SVGCanvas.n(f.py(target.high)))\" stroke=\"#D55E00\" stroke-width=\"2\"/>")
        }
        svg.circle(cx: x, cy: f.py(target.estimate), r: 4.5, className: "found-mark",
                   title: "target: \(ReportNumberFormat.fixed(target.estimate, 4)) [\(ReportNumberFormat.fixed(target.low, 4)), \(ReportNumberFormat.fixed(target.high, 4))]")
        return svg.render(title: "Size law of mixture \(mixture.run): \(name) against parameters",
                          description: "Each proxy's step law at the target's tokens, the fitted size law L(N) = E + (N0/N)^α, and the predicted loss at the target size with its \(ReportNumberFormat.fixed(scaling.level * 100, 0))% bootstrap interval.",
                          id: id)
    }
}

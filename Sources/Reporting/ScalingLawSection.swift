// The report's section on Data Mixing Laws' nested pipeline: predicted target-scale objective with
// intervals (beside the verified value when verify trained the target), leave-one-size-out errors,
// plots of the step and size laws, and every mixture's fitted laws.

enum ScalingLawSection {
    private static let e = HTMLEscaping.escape
    private static let f = ReportNumberFormat.self
    /// Mixtures drawn as charts (the first ones of the swarm); the table lists them all.
    static let chartedMixtures = 3

    static func interval(_ i: ScalingInterval, _ digits: Int = 4) -> String {
        "\(f.fixed(i.estimate, digits)) [\(f.fixed(i.low, digits)), \(f.fixed(i.high, digits))]"
    }

    static func html(_ summary: RunSummary) -> String {
        guard let s = summary.scaling else { return "" }
        var body: [String] = []
        let level = f.fixed(s.level * 100, 0) + "%"
        // Predicted vs verified.
        let verified = Dictionary((summary.verify?.rows ?? []).map { ($0.name, $0.objective) }, uniquingKeysWith: { a, _ in a })
        let rows = s.predictions.map { p -> String in
            let observed = verified[p.name]
            let error = observed.map { o in f.signedPercent((p.objective.estimate - o) / o, 2) } ?? "—"
            let inside = observed.map { $0 >= p.objective.low && $0 <= p.objective.high ? "yes" : "no" } ?? "—"
            return "<tr><td>\(e(p.name))</td><td class=\"num\">\(interval(p.objective))</td><td class=\"num\">\(f.optional(observed, 4))</td>"
                + "<td class=\"num\">\(error)</td><td>\(inside)</td></tr>"
        }
        body.append("<p>Step laws per proxy run, extrapolated to \(e(s.target)); a size law per mixture across the proxy sizes; the regression (\(e(s.regressor))) learns those target-scale losses. Intervals: \(level) residual bootstrap, propagated from the step laws through the size laws, and for the objective \(s.refits) refits of the regressor on the replicates.</p>")
        body.append("<table>\n<thead><tr><th>Mixture</th><th class=\"num\">Predicted objective at target [\(level)]</th><th class=\"num\">Verified</th><th class=\"num\">Prediction error</th><th>Verified inside interval</th></tr></thead>\n<tbody>\n"
                    + rows.joined(separator: "\n") + "\n</tbody>\n</table>")
        if let loo = s.leaveOneOut, !loo.isEmpty {
            let cells = loo.sorted { $0.key < $1.key }.map { "<tr><td><code>\(e($0.key))</code></td><td class=\"num\">\(f.fixed($0.value * 100, 2))%</td></tr>" }
            body.append("<h3>Leave-one-size-out</h3>\n<p>Step and size laws fitted without the largest proxy predict its final loss; mean absolute relative error over the mixtures.</p>\n<table>\n<thead><tr><th>Metric</th><th class=\"num\">Mean |error|</th></tr></thead>\n<tbody>\n"
                        + cells.joined(separator: "\n") + "\n</tbody>\n</table>")
        } else {
            body.append("<p class=\"note\">Leave-one-size-out needs three or more proxy sizes.</p>")
        }
        for (i, mixture) in s.mixtures.prefix(chartedMixtures).enumerated() {
            body.append("<h3>Mixture \(e(mixture.run))</h3>")
            for k in mixture.metrics.indices.prefix(2) {
                body.append("<div class=\"charts\">" + ScalingLawCharts.steps(mixture, metric: k, scaling: s, id: "scaling-steps-\(i)-\(k)")
                            + ScalingLawCharts.size(mixture, metric: k, scaling: s, id: "scaling-size-\(i)-\(k)") + "</div>")
            }
        }
        body.append(lawTable(s))
        return "<section id=\"scaling\">\n<h2>Scaling laws (Data Mixing Laws)</h2>\n" + body.joined(separator: "\n") + "\n</section>"
    }

    /// Every mixture's laws: per metric, the size law's exponent, irreducible loss and target
    /// prediction with intervals, the step laws' exponents, and leave-one-size-out.
    static func lawTable(_ s: ScalingSummary) -> String {
        let models = s.models.map { "<th class=\"num\">α step \(e($0.name))</th>" }.joined()
        var rows: [String] = []
        for mixture in s.mixtures {
            for (k, metric) in mixture.metrics.enumerated() {
                let steps = mixture.steps.map { step in
                    "<td class=\"num\">\(f.fixed(step.alpha.estimate, 3))\(step.converged ? "" : "*")</td>"
                }.joined()
                let size = mixture.size
                let loo = size.leaveOneOut.flatMap { $0.indices.contains(k) ? f.signedPercent($0[k], 2) : nil } ?? "—"
                rows.append("<tr><td>\(e(mixture.run))</td><td><code>\(e(metric))</code></td>\(steps)"
                    + "<td class=\"num\">\(interval(size.alpha, 3))\(size.converged ? "" : "*")</td>"
                    + "<td class=\"num\">\(size.irreducible.indices.contains(k) ? interval(size.irreducible[k]) : "—")</td>"
                    + "<td class=\"num\">\(size.target.indices.contains(k) ? interval(size.target[k]) : "—")</td>"
                    + "<td class=\"num\">\(loo)</td></tr>")
            }
        }
        return "<details>\n<summary>Fitted laws of all \(s.mixtures.count) mixtures</summary>\n<table>\n<thead><tr><th>Mixture</th><th>Metric</th>\(models)"
            + "<th class=\"num\">α size</th><th class=\"num\">E size</th><th class=\"num\">Target loss</th><th class=\"num\">Leave-one-size-out</th></tr></thead>\n<tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody>\n</table>\n<p class=\"note\">* the optimiser stopped without meeting the gradient tolerance (not converged).</p>\n</details>"
    }

    /// The terminal lines: the predicted target-scale objective of found, prior and uniform.
    static func terminal(_ summary: RunSummary, color: Bool) -> [String] {
        guard let s = summary.scaling else { return [] }
        var lines = [TextStyle.bold.apply("Predicted at target scale", color: color)
                     + TerminalText.sanitize("  (\(s.target), \(f.fixed(s.level * 100, 0))% intervals)")]
        for p in s.predictions { lines.append(TerminalText.sanitize("  \(TerminalText.padded(p.name, to: 8)) \(interval(p.objective))")) }
        if let loo = s.leaveOneOut, !loo.isEmpty {
            let worst = loo.values.max() ?? 0
            lines.append(TerminalText.sanitize("  leave-one-size-out: mean |error| up to \(f.fixed(worst * 100, 2))% over the metrics"))
        }
        return lines
    }
}

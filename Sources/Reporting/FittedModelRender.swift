// `mixspec model`'s output: a fitted model's details as terminal text or JSON.
import Foundation

/// Renders a `FittedModelSummary`.
public enum FittedModelRender {
    /// Plain-text tables: per target, the linear slopes with intervals, the mixing-law parameters,
    /// or the gbdt gain shares and the partial-dependence range per domain.
    public static func text(_ model: FittedModelSummary, domains: [String], chosen: String, color: Bool) -> String {
        let f = ReportNumberFormat.self
        var lines: [String] = []
        let mark = model.regressor == chosen ? " (chosen by cross-validation)" : ""
        lines.append(TextStyle.bold.apply("Fitted model: \(TerminalText.sanitize(model.regressor))\(mark)", color: color))
        for target in model.targets {
            lines.append("")
            lines.append(TextStyle.bold.apply("Target \(TerminalText.sanitize(target.target))", color: color))
            if let m = target.linear {
                var table = TextTable(alignments: [.left, .right, .right])
                table.rows.append([TextCell("term", .dim), TextCell("estimate", .dim), TextCell("95% interval", .dim)])
                table.rows.append([TextCell("intercept"), TextCell(f.fixed(m.intercept.value, 4)),
                                   TextCell("[\(f.fixed(m.intercept.low, 4)), \(f.fixed(m.intercept.high, 4))]")])
                for d in domains { if let c = m.coefficients[d] {
                    table.rows.append([TextCell(d), TextCell(f.fixed(c.value, 4)), TextCell("[\(f.fixed(c.low, 4)), \(f.fixed(c.high, 4))]")])
                } }
                lines += table.render(color: color)
                lines.append("  linear: \(m.resamples) bootstrap refits; rank \(m.rank) of \(domains.count) (weights sum to 1: slopes up to a common shift)")
            }
            if let m = target.mixingLaw {
                lines.append("  L(r) = c + k·exp(Σ t_j r_j)")
                var table = TextTable(alignments: [.left, .right])
                table.rows.append([TextCell("parameter", .dim), TextCell("value", .dim)])
                table.rows.append([TextCell("c"), TextCell(f.fixed(m.c, 4))])
                table.rows.append([TextCell("k"), TextCell(f.fixed(m.k, 4))])
                for d in domains { if let t = m.t[d] { table.rows.append([TextCell("t.\(d)"), TextCell(f.fixed(t, 4))]) } }
                lines += table.render(color: color)
            }
            if let m = target.gbdt {
                let total = domains.compactMap { m.gain[$0] }.filter(\.isFinite).reduce(0, +)
                var table = TextTable(alignments: [.left, .right, .right, .right])
                table.rows.append([TextCell("domain", .dim), TextCell("gain share", .dim), TextCell("pd at 0", .dim), TextCell("pd at max", .dim)])
                for d in domains {
                    let share = total > 0 ? (m.gain[d] ?? 0) / total : 0
                    let curve = m.partialDependence[d] ?? []
                    table.rows.append([TextCell(d), TextCell(f.fixed(share * 100, 1) + "%"),
                                       TextCell(f.optional(curve.first?.y, 4)), TextCell(f.optional(curve.last?.y, 4))])
                }
                lines += table.render(color: color)
                lines.append("  gbdt: \(m.trees) trees; gain = LightGBM's split-gain importance; pd = mean prediction with the domain's weight at 0 and at its largest swarm weight")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary as pretty JSON with sorted keys (non-finite numbers as strings, as summary.json).
    public static func json(_ model: FittedModelSummary, chosen: String) throws -> String {
        struct Document: Encodable { let chosen: String; let model: FittedModelSummary }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(Document(chosen: chosen, model: model)), as: UTF8.self) + "\n"
    }
}

// What `mixspec run` prints at the end: the found mixture, the verify table and the report path.

/// Renders the end-of-run terminal summary.
public enum TerminalSummary {
    /// Width of the found-weight bar for the largest weight.
    static let barWidth = 24

    /// The summary as lines of text ending in a newline; ANSI colour when `color` is true.
    public static func render(_ summary: RunSummary, color: Bool) -> String {
        var lines: [String] = []
        let f = ReportNumberFormat.self
        let direction = summary.objective.direction

        var context = ["\(direction.rawValue) \(summary.objective.text)"]
        if let regressor = summary.chosenRegressor { context.append("regressor \(regressor)") }
        if let score = summary.chosenScore { context.append("CV Spearman \(f.fixed(score.spearman, 3))") }
        lines.append(TextStyle.bold.apply("Found mixture", color: color) + TerminalText.sanitize("  (" + context.joined(separator: " · ") + ")"))
        lines += mixtureTable(summary, color: color)

        lines.append("")
        if let verify = summary.verify {
            lines.append(TextStyle.bold.apply("Verify at target scale", color: color) + TerminalText.sanitize("  (\(verify.model))"))
            lines += verifyTable(verify, direction: direction, color: color)
        } else {
            let p = summary.predicted
            let predicted = [("found", p.found), ("prior", p.prior), ("uniform", p.uniform)]
                .compactMap { name, value in value.map { "\(name) \(f.fixed($0, 4))" } }
            lines.append(TextStyle.bold.apply("Verify", color: color) + "  not run (the spec has no verify section)")
            if !predicted.isEmpty { lines.append("  predicted objective: " + predicted.joined(separator: ", ")) }
        }

        if summary.scaling != nil { lines += [""] + ScalingLawSection.terminal(summary, color: color) }

        if let report = summary.outputs.report {
            lines.append("")
            lines.append(TextStyle.bold.apply("Report", color: color) + "  " + TerminalText.sanitize(report))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func mixtureTable(_ summary: RunSummary, color: Bool) -> [String] {
        let f = ReportNumberFormat.self
        let largest = summary.domains.compactMap { summary.found[$0] }.filter(\.isFinite).max() ?? 0
        var table = TextTable(alignments: [.left, .right, .right, .left])
        table.rows.append([TextCell("domain", .dim), TextCell("weight", .dim), TextCell("prior", .dim), TextCell("")])
        for domain in summary.domains {
            let found = summary.found[domain]
            let bar = found.map { largest > 0 ? TerminalText.bar($0 / largest, width: barWidth) : "" } ?? ""
            table.rows.append([TextCell(domain), TextCell(f.optional(found, 3), .bold),
                               TextCell(f.optional(summary.prior[domain], 3), .dim), TextCell(bar, .cyan)])
        }
        return table.render(color: color)
    }

    static func verifyTable(_ verify: VerifyTable, direction: ObjectiveSummary.Direction, color: Bool) -> [String] {
        let f = ReportNumberFormat.self
        let best = verify.bestRowIndex(direction: direction)
        let gains = Dictionary(verify.improvements(direction: direction).map { ($0.baseline, $0) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(alignments: [.left, .right] + verify.metrics.map { _ in .right } + [.right, .left])
        table.rows.append([TextCell("mixture", .dim), TextCell("objective", .dim)] + verify.metrics.map { TextCell($0, .dim) }
            + [TextCell("gain of found", .dim), TextCell("")])
        for (index, row) in verify.rows.enumerated() {
            let isBest = index == best
            let std = row.objectiveStd.map { " ± " + f.fixed($0, 4) } ?? ""
            var gainCell = TextCell("—", .dim)
            if row.role == .baseline, let gain = gains[row.name] {
                gainCell = TextCell(gain.displayText, gain.verdict == .better ? .green : gain.verdict == .worse ? .red : .plain)
            }
            table.rows.append([TextCell(row.name, isBest ? .boldGreen : .plain), TextCell(f.fixed(row.objective, 4) + std, isBest ? .boldGreen : .plain)]
                + verify.metrics.map { TextCell(f.optional(row.metrics[$0], 4)) }
                + [gainCell, TextCell(isBest ? "← best" : "", .boldGreen)])
        }
        return table.render(color: color) + (verify.noiseNote(direction: direction).map { ["  " + TextStyle.dim.apply($0, color: color)] } ?? [])
    }
}

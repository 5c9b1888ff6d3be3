// Renderings of a run comparison: terminal text, Markdown (GitHub tables, for pull-request comments)
// and JSON.
import Foundation

/// Renders `mixspec compare` output.
public enum ComparisonRender {
    private static let f = ReportNumberFormat.self

    /// Plain text for a terminal; ANSI colour when `color` is true.
    public static func text(_ c: RunComparison, color: Bool) -> String {
        var lines: [String] = []
        let bold = { (s: String) in TextStyle.bold.apply(s, color: color) }
        lines.append(bold("Comparing") + " " + TerminalText.sanitize("A: \(c.a.specName)  vs  B: \(c.b.specName)"))
        for side in [c.a, c.b] {
            let regressor = side.chosenRegressor.map { ", regressor \($0)" } ?? ""
            lines.append(TerminalText.sanitize("  \(side.label): \(side.objective.direction.rawValue) \(side.objective.text)\(regressor)"))
        }

        lines.append("")
        lines.append(bold("Found mixtures"))
        var mixture = TextTable(alignments: [.left, .right, .right, .right])
        mixture.rows.append([TextCell("domain", .dim), TextCell("A", .dim), TextCell("B", .dim), TextCell("B − A", .dim)])
        for w in c.mixture {
            mixture.rows.append([TextCell(w.domain), TextCell(f.optional(w.a, 3)), TextCell(f.optional(w.b, 3)),
                                 TextCell(w.difference.map { f.signed($0, 3) } ?? "—")])
        }
        lines += mixture.render(color: color)

        lines.append("")
        lines.append(bold("Cross-validation"))
        let scores = cvRows(c)
        if scores.isEmpty {
            lines.append("  none recorded")
        } else {
            var cv = TextTable(alignments: [.left, .left, .left, .right, .right, .right, .right])
            cv.rows.append(["spec", "regressor", "target", "spearman", "pearson", "mse", "n"].map { TextCell($0, .dim) })
            for (side, score, chosen) in scores {
                cv.rows.append([TextCell(side), TextCell(score.regressor + (chosen ? " *" : ""), chosen ? .bold : .plain),
                                TextCell(score.target), TextCell(f.fixed(score.spearman, 3)), TextCell(f.fixed(score.pearson, 3)),
                                TextCell(f.error(score.mse)), TextCell(String(score.n))])
            }
            lines += cv.render(color: color)
            lines.append("  * chosen regressor")
        }

        for side in [c.a, c.b] {
            lines.append("")
            guard let verify = side.verify else {
                lines.append(bold("Verify \(side.label)") + "  not run")
                continue
            }
            lines.append(bold("Verify \(side.label)") + TerminalText.sanitize("  (\(side.specName); \(verify.model))"))
            lines += TerminalSummary.verifyTable(verify, direction: side.objective.direction, color: color)
        }

        lines.append("")
        lines.append(bold("Verdict") + "  " + TerminalText.sanitize(verdictSentence(c)))
        for note in c.notes { lines.append("  note: " + TerminalText.sanitize(note)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// GitHub-flavoured Markdown, fit for a pull-request comment.
    public static func markdown(_ c: RunComparison) -> String {
        let m = MarkdownText.escape
        var lines: [String] = []
        lines.append("## mixspec compare: \(m(c.a.specName)) (A) vs \(m(c.b.specName)) (B)")
        lines.append("")
        lines.append("| | A | B |")
        lines.append("|---|---|---|")
        lines.append("| Spec | \(m(c.a.specName)) | \(m(c.b.specName)) |")
        lines.append("| Objective | \(m(c.a.objective.direction.rawValue + " " + c.a.objective.text)) | \(m(c.b.objective.direction.rawValue + " " + c.b.objective.text)) |")
        lines.append("| Regressor | \(m(regressorLine(c.a))) | \(m(regressorLine(c.b))) |")
        lines.append("| Found objective at target scale | \(f.optional(c.a.verify?.foundRow?.objective, 4)) | \(f.optional(c.b.verify?.foundRow?.objective, 4)) |")
        lines.append("")
        lines.append("**Verdict:** " + m(verdictSentence(c)))
        for note in c.notes { lines.append("") ; lines.append("> " + m(note)) }

        lines.append("")
        lines.append("### Found mixtures")
        lines.append("")
        lines.append("| Domain | A | B | B − A |")
        lines.append("|---|---:|---:|---:|")
        for w in c.mixture {
            lines.append("| \(m(w.domain)) | \(f.optional(w.a, 3)) | \(f.optional(w.b, 3)) | \(w.difference.map { f.signed($0, 3) } ?? "—") |")
        }

        lines.append("")
        lines.append("### Cross-validation")
        lines.append("")
        let scores = cvRows(c)
        if scores.isEmpty {
            lines.append("None recorded.")
        } else {
            lines.append("| Spec | Regressor | Target | Spearman | Pearson | MSE | n |")
            lines.append("|---|---|---|---:|---:|---:|---:|")
            for (side, score, chosen) in scores {
                let name = chosen ? "**\(m(score.regressor))** (chosen)" : m(score.regressor)
                lines.append("| \(side) | \(name) | \(m(score.target)) | \(f.fixed(score.spearman, 3)) | \(f.fixed(score.pearson, 3)) | \(f.error(score.mse)) | \(score.n) |")
            }
        }

        for side in [c.a, c.b] {
            lines.append("")
            lines.append("### Verify \(side.label): \(m(side.specName))")
            lines.append("")
            guard let verify = side.verify else {
                lines.append("Not run.")
                continue
            }
            lines.append("Target model: \(m(verify.model)).")
            lines.append("")
            let direction = side.objective.direction
            let best = verify.bestRowIndex(direction: direction)
            let gains = Dictionary(verify.improvements(direction: direction).map { ($0.baseline, $0) }, uniquingKeysWith: { a, _ in a })
            lines.append("| Mixture | Objective | " + verify.metrics.map(m).joined(separator: " | ") + (verify.metrics.isEmpty ? "" : " | ") + "Gain of found |")
            lines.append("|---|---:|" + String(repeating: "---:|", count: verify.metrics.count) + "---:|")
            for (index, row) in verify.rows.enumerated() {
                let isBest = index == best
                let name = isBest ? "**\(m(row.name))** (best)" : m(row.name)
                let objective = f.fixed(row.objective, 4) + (row.objectiveStd.map { " ± " + f.fixed($0, 4) } ?? "")
                let metrics = verify.metrics.map { f.optional(row.metrics[$0], 4) }
                var gain = "—"
                if row.role == .baseline, let g = gains[row.name] { gain = g.displayText }
                lines.append("| " + ([name, isBest ? "**\(objective)**" : objective] + metrics + [gain]).joined(separator: " | ") + " |")
            }
            if let note = verify.noiseNote(direction: direction) { lines.append(""); lines.append(m(note)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Deterministic pretty JSON (sorted keys) of the comparison.
    public static func json(_ c: RunComparison) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(c), as: UTF8.self) + "\n"
    }

    private static func cvRows(_ c: RunComparison) -> [(String, CrossValidationScore, Bool)] {
        [c.a, c.b].flatMap { side in side.crossValidation.map { (side.label, $0, $0.regressor == side.chosenRegressor) } }
    }

    private static func regressorLine(_ side: RunComparison.Side) -> String {
        guard let regressor = side.chosenRegressor else { return "—" }
        let mine = side.crossValidation.filter { $0.regressor == regressor }
        guard let score = mine.first(where: { $0.target == "objective" }) ?? mine.first else { return regressor }
        return "\(regressor) (CV Spearman \(f.fixed(score.spearman, 3)))"
    }

    static func verdictSentence(_ c: RunComparison) -> String {
        guard let v = c.verdict else {
            return "not comparable at target scale (see notes)."
        }
        let objective = "\(c.a.objective.direction.rawValue) \(c.a.objective.text)"
        func value(_ side: RunComparison.Side) -> String {
            let row = side.verify?.foundRow
            return "\(side.label) " + f.optional(row?.objective, 4) + (row?.objectiveStd.map { " ± " + f.fixed($0, 4) } ?? "")
        }
        let values = "\(value(c.a)), \(value(c.b))"
        switch v.verdict {
        case .better, .worse:
            let (winner, loser) = v.verdict == .better ? (c.b, c.a) : (c.a, c.b)
            return "\(winner.label) (\(winner.specName)) is better by \(f.fixed(v.gain, 4)) (\(f.fixed(v.relativeGain * 100, 2))%) than \(loser.label) (\(loser.specName)) on \(objective) at target scale, beyond the replicate noise (\(values); \(v.test.phrase))."
        case .withinNoise:
            return "within noise: A and B differ by \(f.fixed(v.gain, 4)) on \(objective) at target scale, less than their replicate noise shows (\(values); \(v.test.phrase))."
        case .noiseUnknown:
            return "none, \(v.test.phrase): A and B differ by \(f.fixed(v.gain, 4)) on \(objective) at target scale (\(values)); verify both with seeds ≥ 2 to judge."
        }
    }
}

/// Escaping for user text inside Markdown (table cells included).
enum MarkdownText {
    /// ASCII punctuation that Markdown or HTML could interpret is backslash-escaped; newlines become spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in TerminalText.sanitize(text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")) {
            if "\\`*_[]<>|&~$".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

// `mixspec diff` for a terminal: field changes old → new, the task-graph impact by kind, and the
// rerun cost. Colour (red removed, green added, cyan changed) only when asked for.
import Compiler
import Foundation
import Reporting
import SpecModel

/// Text rendering of a `SpecDiff`.
public enum SpecDiffText {
    /// The rendering; ANSI colour when `color` is true.
    public static func render(_ d: SpecDiff, color: Bool) -> String {
        let bold = { (s: String) in TextStyle.bold.apply(s, color: color) }
        var lines = [bold("mixspec diff") + "  " + TerminalText.sanitize("\(d.oldLabel) → \(d.newLabel)"), ""]

        if d.isSemanticallyIdentical {
            lines.append(bold("No semantic change:") + " the resolved specs are identical (formatting, key order and units aside).")
        } else if d.changes.isEmpty {
            lines.append(bold("No field changed") + " in the resolved specs.")
        } else {
            lines.append(bold("Changed fields") + " (\(d.changes.count))")
            for change in d.changes {
                let path = TerminalText.sanitize(change.path)
                switch change.kind {
                case .changed:
                    lines.append("  " + TextStyle.cyan.apply("~ " + path, color: color) + ": "
                                 + TextStyle.red.apply(DiffValues.text(change.old), color: color) + " → "
                                 + TextStyle.green.apply(DiffValues.text(change.new), color: color))
                case .added:
                    lines.append("  " + TextStyle.green.apply("+ " + path, color: color) + ": " + DiffValues.text(change.new))
                case .removed:
                    lines.append("  " + TextStyle.red.apply("- " + path, color: color) + ": " + DiffValues.text(change.old))
                }
            }
        }

        if !d.changedFiles.isEmpty {
            lines.append("")
            lines.append(bold("Changed input files") + " (\(d.changedFiles.count))")
            for name in d.changedFiles { lines.append("  " + TextStyle.cyan.apply("~ " + TerminalText.sanitize(name), color: color)) }
        }

        lines.append("")
        lines.append(bold("Task graph") + " (\(d.taskCount) tasks in the new spec)")
        if d.rows.isEmpty {
            lines.append("  no task added, removed or invalidated: 0 invalidated tasks")
        } else {
            var table = TextTable(alignments: [.left, .right, .right, .right, .right])
            table.rows.append(["kind", "added", "removed", "invalidated", "to run"].map { TextCell($0, .dim) })
            for row in d.rows {
                table.rows.append([TextCell(row.kind.rawValue), TextCell(String(row.added)), TextCell(String(row.removed)),
                                   TextCell(String(row.invalidated)), TextCell(String(row.toRun))])
            }
            table.rows.append([TextCell("total", .bold), TextCell(String(d.added.count)), TextCell(String(d.removed.count)),
                               TextCell(String(d.invalidated.count)), TextCell(String(d.toRun.count))])
            lines += table.render(color: color)
        }

        lines.append("")
        lines.append(bold("Rerun cost") + "  " + DiffValues.costSentence(d))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Formatting shared by the diff renderings.
enum DiffValues {
    /// A canonical value on one line: strings bare, the rest as canonical JSON; "—" when absent.
    static func text(_ value: CanonicalValue?) -> String {
        guard let value else { return "—" }
        if case .string(let s) = value { return TerminalText.sanitize(s) }
        return TerminalText.sanitize(value.canonicalJSON)
    }

    /// FLOPs in scientific notation with three significant digits (`2.46e15`).
    static func flops(_ x: Double) -> String {
        guard x > 0, x.isFinite else { return "0" }
        let s = String(format: "%.2e", x)  // "2.46e+15"
        guard let e = s.firstIndex(of: "e") else { return s }
        var exponent = String(s[s.index(after: e)...])
        let negative = exponent.hasPrefix("-")
        exponent = String(exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" })
        return String(s[..<e]) + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
    }

    /// A share as a percentage with one decimal; tiny non-zero shares read "<0.1%".
    static func percent(_ share: Double) -> String {
        if share > 0, share < 0.0005 { return "<0.1%" }
        return String(format: "%.1f%%", share * 100)
    }

    /// "≈ 1.23e13 training FLOPs for 33 tasks to run, 50.0% of the spec's 2.46e13; 2 already stored".
    static func costSentence(_ d: SpecDiff) -> String {
        let tasks = d.toRun.count == 1 ? "1 task" : "\(d.toRun.count) tasks"
        var s: String
        if d.toRun.isEmpty {
            s = "nothing to run: 0 training FLOPs"
                + (d.totalFLOPs > 0 ? " (the whole spec: \(flops(d.totalFLOPs)))" : "")
        } else if d.totalFLOPs == 0 {
            s = "no training: the spec trains no model (imported results); \(tasks) to run"
        } else {
            s = "≈ \(flops(d.rerunFLOPs)) training FLOPs (6 · parameters · tokens) for \(tasks) to run, "
                + "\(percent(d.rerunShare ?? 0)) of the whole spec's \(flops(d.totalFLOPs))"
        }
        if !d.storeFound {
            s += "; no store yet, so nothing counts as stored"
        } else if d.alreadyStored > 0 {
            s += "; \(d.alreadyStored) added or invalidated \(d.alreadyStored == 1 ? "task is" : "tasks are") already stored"
        }
        return s
    }
}

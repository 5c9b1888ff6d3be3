// `mixspec diff --markdown`: GitHub-flavoured Markdown for a pull-request comment.
import Compiler
import SpecModel

/// Markdown rendering of a `SpecDiff`.
public enum SpecDiffMarkdown {
    public static func render(_ d: SpecDiff) -> String {
        var out = "### mixspec diff: \(code(d.oldLabel)) → \(code(d.newLabel))\n\n"
        if d.isSemanticallyIdentical {
            out += "**No semantic change**: the resolved specs are identical (formatting, key order and units aside).\n\n"
        } else {
            out += "**\(d.changes.count) changed field\(d.changes.count == 1 ? "" : "s")** in the resolved spec:\n\n"
            out += "| | field | old | new |\n|---|---|---|---|\n"
            for change in d.changes {
                let mark: String
                switch change.kind {
                case .changed: mark = "~"
                case .added: mark = "+"
                case .removed: mark = "−"
                }
                out += "| \(mark) | \(code(change.path)) | \(cell(change.old)) | \(cell(change.new)) |\n"
            }
            out += "\n"
        }
        if !d.changedFiles.isEmpty {
            out += "**\(d.changedFiles.count) changed input file\(d.changedFiles.count == 1 ? "" : "s")**: "
                + d.changedFiles.map(code).joined(separator: ", ") + "\n\n"
        }
        out += "**Task graph** (\(d.taskCount) tasks in the new spec):"
        if d.rows.isEmpty {
            out += " no task added, removed or invalidated: 0 invalidated tasks.\n\n"
        } else {
            out += "\n\n| kind | added | removed | invalidated | to run |\n|---|---:|---:|---:|---:|\n"
            for row in d.rows {
                out += "| \(row.kind.rawValue) | \(row.added) | \(row.removed) | \(row.invalidated) | \(row.toRun) |\n"
            }
            out += "| **total** | **\(d.added.count)** | **\(d.removed.count)** | **\(d.invalidated.count)** | **\(d.toRun.count)** |\n\n"
        }
        out += "**Rerun cost**: " + DiffValues.costSentence(d) + ".\n"
        return out
    }

    /// Inline code that survives backticks and pipes inside the text.
    static func code(_ text: String) -> String {
        let safe = text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        let fence = safe.contains("`") ? "``" : "`"
        return fence + (fence == "``" ? " " + safe + " " : safe) + fence
    }

    private static func cell(_ value: CanonicalValue?) -> String {
        guard let value else { return "" }
        return code(value.displayText)
    }
}

/// `mixspec diff --json`: every list in full, for tools.
public enum SpecDiffJSON {
    public static func render(_ d: SpecDiff) -> String {
        let changes = d.changes.map { c -> CanonicalValue in
            var o: [String: CanonicalValue] = ["kind": .string(c.kind.rawValue), "path": .string(c.path)]
            if let old = c.old { o["old"] = old }
            if let new = c.new { o["new"] = new }
            return .object(o)
        }
        let rows = d.rows.map { r -> CanonicalValue in
            .object(["kind": .string(r.kind.rawValue), "added": .int(Int64(r.added)), "removed": .int(Int64(r.removed)),
                     "invalidated": .int(Int64(r.invalidated)), "to_run": .int(Int64(r.toRun))])
        }
        func ids(_ list: [TaskID]) -> CanonicalValue { .array(list.map { .string($0.rawValue) }) }
        let document: CanonicalValue = .object([
            "old": .string(d.oldLabel),
            "new": .string(d.newLabel),
            "identical": .bool(d.isSemanticallyIdentical),
            "changes": .array(changes),
            "changed_files": .array(d.changedFiles.map(CanonicalValue.string)),
            "tasks": .object([
                "total": .int(Int64(d.taskCount)),
                "by_kind": .array(rows),
                "added": ids(d.added), "removed": ids(d.removed), "invalidated": ids(d.invalidated), "to_run": ids(d.toRun),
                "already_stored": .int(Int64(d.alreadyStored)),
                "store_found": .bool(d.storeFound),
            ]),
            "cost": .object([
                "rerun_flops": .number(d.rerunFLOPs),
                "total_flops": .number(d.totalFLOPs),
                "share": d.rerunShare.map(CanonicalValue.number) ?? .null,
            ]),
        ])
        return document.prettyJSON + "\n"
    }
}

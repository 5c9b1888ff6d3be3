// What changed between the key material of a task's last record and its current material:
// the parameter paths, implementation version, upstream outputs and input files, old → new.
import Compiler
import Foundation
import SpecModel

/// One difference between two key materials of the same task.
public enum MaterialChange: Sendable, Equatable, CustomStringConvertible {
    /// The task kind's implementation version changed.
    case version(kind: String, old: String, new: String)
    /// A parameter (dotted path inside the task's parameters) changed, appeared (old nil) or vanished (new nil).
    case parameter(path: String, old: CanonicalValue?, new: CanonicalValue?)
    /// An upstream task's output changed (new nil: it has not run yet and will rerun).
    case input(TaskID, old: String?, new: String?, willRerun: Bool)
    /// An input file's content changed, appeared or vanished.
    case file(path: String, old: String?, new: String?)

    public var description: String {
        switch self {
        case .version(let kind, let old, let new):
            return "implementation of \(kind) changed (version \(old) → \(new))"
        case .parameter(let path, let old, let new):
            switch (old, new) {
            case (nil, let new?): return "parameter \(path) added (\(Self.render(new)))"
            case (let old?, nil): return "parameter \(path) removed (was \(Self.render(old)))"
            default:
                let (a, b) = Self.renderPair(old, new)
                return "parameter \(path) changed \(a) → \(b)"
            }
        case .input(let id, let old, let new, let willRerun):
            if willRerun { return "input \(id) will rerun" }
            switch (old, new) {
            case (nil, _): return "input \(id) added"
            case (_, nil): return "input \(id) removed"
            default: return "input \(id) changed (output \(old!.prefix(8))… → \(new!.prefix(8))…)"
            }
        case .file(let path, let old, let new):
            let shown = displayPath(path)
            switch (old, new) {
            case (nil, _): return "input file \(shown) added"
            case (_, nil): return "input file \(shown) removed"
            default: return "input file \(shown) changed"
            }
        }
    }

    static func render(_ value: CanonicalValue?) -> String {
        guard let value else { return "(none)" }
        let text = value.canonicalJSON
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    /// Two long values shown around where they first differ, not as two prefixes cut at the same place.
    static func renderPair(_ old: CanonicalValue?, _ new: CanonicalValue?) -> (String, String) {
        guard let old, let new else { return (render(old), render(new)) }
        let a = Array(old.canonicalJSON), b = Array(new.canonicalJSON)
        guard a.count > 60 || b.count > 60 else { return (String(a), String(b)) }
        var first = 0
        while first < min(a.count, b.count), a[first] == b[first] { first += 1 }
        let start = max(0, first - 20)
        func window(_ t: [Character]) -> String {
            let end = min(t.count, start + 57)
            return (start > 0 ? "…" : "") + String(t[start..<end]) + (end < t.count ? "…" : "")
        }
        return (window(a), window(b))
    }
}

/// A path relative to the current folder when it lies inside it.
func displayPath(_ path: String) -> String {
    let base = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
}

enum MaterialDiff {
    /// Differences from `old` (a stored `TaskKeyMaterial.canonical`) to `new`; `pendingInputs`
    /// are upstreams whose new output is unknown because they will rerun.
    /// `dataManifest` returns the files (relative path → digest) behind a domain's data digest, so a
    /// changed `data.<domain>.digest` is reported as the data files that changed.
    static func changes(old: CanonicalValue, new: CanonicalValue, pendingInputs: [TaskID] = [],
                        dataManifest: (String) -> [String: String]? = { _ in nil }) -> [MaterialChange] {
        let oldFields = fields(old), newFields = fields(new)
        var out: [MaterialChange] = []
        let kind = string(newFields["kind"]) ?? string(oldFields["kind"]) ?? "task"
        if oldFields["version"] != newFields["version"] {
            out.append(.version(kind: kind, old: MaterialChange.render(oldFields["version"]),
                                new: MaterialChange.render(newFields["version"])))
        }
        var parameters: [MaterialChange] = []
        diffValues(oldFields["parameters"], newFields["parameters"], path: "", into: &parameters)
        out += parameters.flatMap { dataFiles($0, dataManifest) ?? [$0] }
        let oldInputs = fields(oldFields["inputs"] ?? .null), newInputs = fields(newFields["inputs"] ?? .null)
        let pending = Set(pendingInputs)
        for id in Set(oldInputs.keys).union(newInputs.keys).union(pendingInputs.map(\.rawValue)).sorted() {
            let taskID = TaskID(id)
            if pending.contains(taskID) {
                out.append(.input(taskID, old: string(oldInputs[id]), new: nil, willRerun: true))
            } else if oldInputs[id] != newInputs[id] {
                out.append(.input(taskID, old: string(oldInputs[id]), new: string(newInputs[id]), willRerun: false))
            }
        }
        let oldFiles = fields(oldFields["files"] ?? .null), newFiles = fields(newFields["files"] ?? .null)
        for path in Set(oldFiles.keys).union(newFiles.keys).sorted() where oldFiles[path] != newFiles[path] {
            out.append(.file(path: path, old: string(oldFiles[path]), new: string(newFiles[path])))
        }
        return out
    }

    /// A changed domain data digest as the files that changed, when both manifests are known.
    private static func dataFiles(_ change: MaterialChange, _ manifest: (String) -> [String: String]?) -> [MaterialChange]? {
        guard case .parameter(let path, .string(let a)?, .string(let b)?) = change,
              path.hasPrefix("data."), path.hasSuffix(".digest"),
              let before = manifest(a), let after = manifest(b) else { return nil }
        let files = Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }
            .map { MaterialChange.file(path: $0, old: before[$0], new: after[$0]) }
        return files.isEmpty ? nil : files
    }

    private static func diffValues(_ old: CanonicalValue?, _ new: CanonicalValue?, path: String,
                                   into out: inout [MaterialChange]) {
        if old == new { return }
        if case .object(let a)? = old, case .object(let b)? = new {
            for key in Set(a.keys).union(b.keys).sorted() {
                diffValues(a[key], b[key], path: path.isEmpty ? key : path + "." + key, into: &out)
            }
            return
        }
        if case .array(let a)? = old, case .array(let b)? = new {
            if a.count == b.count {
                for index in a.indices {
                    diffValues(a[index], b[index], path: path + "[\(index)]", into: &out)
                }
                return
            }
            // Different lengths (an argv gained or lost words): name the differing run of elements.
            var prefix = 0
            while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
            let removed = Array(a[prefix..<(a.count - suffix)]), added = Array(b[prefix..<(b.count - suffix)])
            out.append(.parameter(path: path + "[\(prefix)]", old: removed.isEmpty ? nil : .array(removed),
                                  new: added.isEmpty ? nil : .array(added)))
            return
        }
        out.append(.parameter(path: path.isEmpty ? "(all)" : path, old: old, new: new))
    }

    private static func fields(_ value: CanonicalValue) -> [String: CanonicalValue] {
        if case .object(let members) = value { return members }
        return [:]
    }

    private static func string(_ value: CanonicalValue?) -> String? {
        if case .string(let s)? = value { return s }
        return nil
    }
}

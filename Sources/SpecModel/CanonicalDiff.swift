// Structural difference of two canonical values, by path (`search.top_k`, `domains[code].prior`).
// Used by `mixspec diff` on resolved specs and by `explain` on task parameters.

/// One difference between two canonical values.
public struct ValueChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case added, removed, changed }
    public var kind: Kind
    /// Dotted path; list elements that are objects with a `name` are addressed by name.
    public var path: String
    public var old: CanonicalValue?
    public var new: CanonicalValue?
    public init(kind: Kind, path: String, old: CanonicalValue?, new: CanonicalValue?) {
        self.kind = kind; self.path = path; self.old = old; self.new = new
    }
}

extension CanonicalValue {
    /// The differences from `self` (old) to `other` (new), in path order of a depth-first walk
    /// with object keys sorted.
    public func changes(to other: CanonicalValue) -> [ValueChange] {
        var out: [ValueChange] = []
        Self.diff(self, other, path: "", into: &out)
        return out
    }

    /// Compact one-line rendering for messages: strings bare, everything else as canonical JSON.
    public var displayText: String {
        if case .string(let s) = self { return s }
        return canonicalJSON
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private static func diff(_ a: CanonicalValue, _ b: CanonicalValue, path: String, into out: inout [ValueChange]) {
        if a == b { return }
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for key in Set(x.keys).union(y.keys).sorted() {
                let p = join(path, key)
                switch (x[key], y[key]) {
                case (nil, let new?): out.append(ValueChange(kind: .added, path: p, old: nil, new: new))
                case (let old?, nil): out.append(ValueChange(kind: .removed, path: p, old: old, new: nil))
                case (let old?, let new?): diff(old, new, path: p, into: &out)
                case (nil, nil): break
                }
            }
        case (.array(let x), .array(let y)):
            if let xs = named(x), let ys = named(y) {
                // Lists of named objects (domains, models, baselines): match by name, not position.
                for name in ordered(xs.map(\.0), ys.map(\.0)) {
                    let p = path + "[" + name + "]"
                    switch (xs.first { $0.0 == name }?.1, ys.first { $0.0 == name }?.1) {
                    case (nil, let new?): out.append(ValueChange(kind: .added, path: p, old: nil, new: new))
                    case (let old?, nil): out.append(ValueChange(kind: .removed, path: p, old: old, new: nil))
                    case (let old?, let new?): diff(old, new, path: p, into: &out)
                    case (nil, nil): break
                    }
                }
                if xs.map(\.0) != ys.map(\.0), Set(xs.map(\.0)) == Set(ys.map(\.0)) {
                    out.append(ValueChange(kind: .changed, path: path + " (order)",
                                           old: .array(xs.map { .string($0.0) }), new: .array(ys.map { .string($0.0) })))
                }
            } else {
                out.append(ValueChange(kind: .changed, path: path, old: a, new: b))
            }
        default:
            out.append(ValueChange(kind: .changed, path: path, old: a, new: b))
        }
    }

    /// (name, value) pairs when every element is an object with a string `name`, names unique.
    private static func named(_ items: [CanonicalValue]) -> [(String, CanonicalValue)]? {
        var out: [(String, CanonicalValue)] = []
        for item in items {
            guard case .object(let o) = item, case .string(let name)? = o["name"] else { return nil }
            out.append((name, item))
        }
        return Set(out.map(\.0)).count == out.count ? out : nil
    }

    /// Names of the old list in order, then names only in the new list in their order.
    private static func ordered(_ old: [String], _ new: [String]) -> [String] {
        old + new.filter { !old.contains($0) }
    }
}

// `extends: base.yaml` (or a list, applied in order): a spec inherits a base and overrides it.
// Merging happens on YAML node trees before validation, so every node keeps the range of the file
// it was written in and diagnostics point there; a note then names the spec that pulled the base in.
// Rules: mappings merge key by key (deeply), lists and scalars replace, and `key: null` removes a
// key the base set (a null for a key no base sets stays, e.g. a domain without data).
import SpecSyntax

/// Resolves `extends` for one spec file.
struct ExtendsResolver {
    /// Problems found while reading and parsing bases.
    var diagnostics = DiagnosticBuffer()
    /// The text of every base read, for snippets.
    var sources: [SourceFile] = []
    /// Base display path → the `extends` entry that pulled it in (first time).
    var includedBy: [String: SourceRange] = [:]
    let readFile: FileReader
    /// Bases already resolved (or failed: nil), by absolute path, so a base named many times is read,
    /// parsed and reported once, and diamond-shaped chains cannot blow up exponentially.
    private var resolved: [String: YAMLNode?] = [:]

    /// The most bases one chain may stack (cycles are caught earlier; this bounds pathological depth).
    static let maximumDepth = 32

    init(readFile: @escaping FileReader) { self.readFile = readFile }

    /// `root` with its bases merged in and `extends` removed; nil when a base could not be used.
    mutating func resolve(_ root: YAMLNode, displayPath: String, absolutePath: String) -> YAMLNode? {
        guard root["extends"] != nil else { return root }
        let merged = resolve(root, displayPath: displayPath, absolutePath: absolutePath, chain: [absolutePath], chainNames: [displayPath])
        return merged.map { Self.ownKeysFirst(rebasePaths($0, mainFolder: Self.folder(of: absolutePath)), file: displayPath) }
    }

    /// The spec's own top-level keys first (order there carries no meaning), so problems reported
    /// at "the start of the spec", such as a missing required key, point into the spec itself.
    static func ownKeysFirst(_ root: YAMLNode, file: String) -> YAMLNode {
        guard let pairs = root.pairs else { return root }
        let own = pairs.filter { $0.key.range.file == file }, inherited = pairs.filter { $0.key.range.file != file }
        return YAMLNode(kind: .mapping(own + inherited), tag: root.tag, range: root.range, isFlow: root.isFlow)
    }

    /// Base display path → its absolute path.
    private var absoluteByDisplay: [String: String] = [:]

    /// File paths written in a base (domain globs, imported CSVs) are relative to the base's folder;
    /// the spec resolves them against its own folder, so rewrite them relative to that.
    private func rebasePaths(_ root: YAMLNode, mainFolder: String) -> YAMLNode {
        func rebase(_ node: YAMLNode) -> YAMLNode {
            if let items = node.items {
                return YAMLNode(kind: .sequence(items.map(rebase)), tag: node.tag, range: node.range, isFlow: node.isFlow)
            }
            guard case .scalar(let text, let style) = node.kind, !text.isEmpty, !text.hasPrefix("/"), !node.isNull,
                  let base = absoluteByDisplay[node.range.file] else { return node }
            let baseFolder = Self.folder(of: base)
            guard baseFolder != mainFolder else { return node }
            let target = SpecLoader.absolutePath(baseFolder + text)
            return YAMLNode(kind: .scalar(Self.relative(from: mainFolder, to: target), style), tag: node.tag, range: node.range)
        }
        func edit(_ node: YAMLNode, _ key: String, _ change: (YAMLNode) -> YAMLNode) -> YAMLNode {
            guard let pairs = node.pairs else { return node }
            let edited = pairs.map { $0.name == key ? YAMLPair(key: $0.key, value: change($0.value)) : $0 }
            return YAMLNode(kind: .mapping(edited), tag: node.tag, range: node.range, isFlow: node.isFlow)
        }
        var out = edit(root, "domains") { domains in
            guard let pairs = domains.pairs else { return domains }
            let edited = pairs.map { YAMLPair(key: $0.key, value: edit($0.value, "path", rebase)) }
            return YAMLNode(kind: .mapping(edited), tag: domains.tag, range: domains.range, isFlow: domains.isFlow)
        }
        out = edit(out, "proxies") { proxies in
            edit(proxies, "results") { edit(edit($0, "mixtures", rebase), "metrics", rebase) }
        }
        return out
    }

    /// `target` relative to the folder `folder` (both absolute; `folder` ends with "/").
    static func relative(from folder: String, to target: String) -> String {
        let f = folder.split(separator: "/"), t = target.split(separator: "/")
        var common = 0
        while common < f.count, common < t.count - 1, f[common] == t[common] { common += 1 }
        return (Array(repeating: "..", count: f.count - common) + t[common...].map(String.init)).joined(separator: "/")
    }

    private mutating func resolve(_ root: YAMLNode, displayPath: String, absolutePath: String,
                                  chain: [String], chainNames: [String]) -> YAMLNode? {
        guard let pairs = root.pairs, let extendsPair = pairs.first(where: { $0.name == "extends" }) else { return root }
        let own = YAMLNode(kind: .mapping(pairs.filter { $0.name != "extends" }), tag: root.tag, range: root.range, isFlow: root.isFlow)
        guard let entries = entries(of: extendsPair) else { return nil }
        var merged: YAMLNode? = nil
        var ok = true
        for (entry, range) in entries {
            let baseAbsolute = SpecLoader.absolutePath(Self.join(Self.folder(of: absolutePath), entry))
            let baseDisplay = Self.join(Self.folder(of: displayPath), entry)
            if let loop = chain.firstIndex(of: baseAbsolute) {
                let cycle = (chainNames[loop...] + [baseDisplay]).joined(separator: " → ")
                diagnostics.append(.error("'extends' cycle: \(cycle)", at: range,
                                          notes: [DiagnosticNote("a spec cannot extend itself, directly or through its bases")]))
                ok = false; continue
            }
            if let known = resolved[baseAbsolute] {
                if let known { merged = merged.map { Self.merge($0, over: known) } ?? known } else { ok = false }
                continue
            }
            if chain.count > Self.maximumDepth {
                diagnostics.append(.error("'extends' nests deeper than \(Self.maximumDepth) specs", at: range))
                ok = false; continue
            }
            let base = load(entry, at: range, absolute: baseAbsolute, display: baseDisplay,
                            chain: chain + [baseAbsolute], chainNames: chainNames + [baseDisplay])
            resolved[baseAbsolute] = .some(base)
            guard let base else { ok = false; continue }
            merged = merged.map { Self.merge($0, over: base) } ?? base
        }
        guard ok else { return nil }
        return merged.map { Self.merge($0, over: own) } ?? own
    }

    /// Reads, parses and resolves one base; nil when it cannot be used (diagnostics say why).
    private mutating func load(_ entry: String, at range: SourceRange, absolute: String, display: String,
                               chain: [String], chainNames: [String]) -> YAMLNode? {
        let limit = YAMLLimits.standard.maxBytes
        guard let bytes = readFile(absolute) else {
            let why = SpecText.unreadable(absolute, limit: limit).map { ": \($0)" } ?? ""
            diagnostics.append(.error("cannot read base spec '\(entry)' (looked for \(absolute))\(why)", at: range,
                                      notes: [DiagnosticNote("'extends' paths are relative to the folder of the spec that names them")]))
            return nil
        }
        // A base that is too large or not YAML text is reported at the `extends` entry and never
        // becomes a source: no diagnostic may quote it (`extends: /proc/self/environ`).
        if bytes.count > limit {
            diagnostics.append(.error("base spec '\(entry)' is larger than the limit of \(limit >> 20) MiB", at: range))
            return nil
        }
        if let problem = SpecText.problem(in: bytes) {
            diagnostics.append(.error(SpecText.notText("base spec '\(entry)'", problem), at: range))
            return nil
        }
        if includedBy[display] == nil { includedBy[display] = range }
        absoluteByDisplay[display] = absolute
        if !sources.contains(where: { $0.path == display }) { sources.append(SourceFile(path: display, bytes: bytes)) }
        let parsed = YAMLParser.parse(bytes: bytes, file: display)
        diagnostics.append(contentsOf: parsed.diagnostics, omitted: parsed.omitted)
        if parsed.diagnostics.containsErrors { return nil }
        guard let root = parsed.root else {  // an empty base adds nothing
            return YAMLNode(kind: .mapping([]), range: .point(display, line: 1, column: 1))
        }
        guard root.pairs != nil else {
            diagnostics.append(.error("a base spec must be a mapping of keys, found \(root.typeDescription)", at: root.range))
            return nil
        }
        return resolve(root, displayPath: display, absolutePath: absolute, chain: chain, chainNames: chainNames)
    }

    /// The base paths of an `extends` value: one string or a non-empty list of strings.
    private mutating func entries(of pair: YAMLPair) -> [(String, SourceRange)]? {
        let value = pair.value
        let nodes: [YAMLNode]
        if value.scalar != nil, !value.isNull { nodes = [value] }
        else if let items = value.items, !items.isEmpty { nodes = items }
        else {
            diagnostics.append(.error("'extends' must be a path or a non-empty list of paths, found \(value.typeDescription)",
                                      at: value.isNull ? pair.key.range : value.range))
            return nil
        }
        var out: [(String, SourceRange)] = []
        for node in nodes {
            guard let text = node.scalar, !node.isNull, !text.isEmpty else {
                diagnostics.append(.error("a base spec path must be a non-empty string, found \(node.typeDescription)", at: node.range))
                return nil
            }
            out.append((text, node.range))
        }
        return out
    }

    /// Deep merge: mappings key by key, anything else replaced; a null in `over` deletes the key of `base`.
    /// Keys are found through an index, so merging two mappings of n keys is O(n), not O(n²).
    static func merge(_ base: YAMLNode, over: YAMLNode) -> YAMLNode {
        guard let basePairs = base.pairs, let overPairs = over.pairs else { return over }
        var pairs: [YAMLPair?] = basePairs
        var index: [String: Int] = [:]
        for (i, pair) in basePairs.enumerated() where index[pair.name] == nil { index[pair.name] = i }
        for pair in overPairs {
            if let i = index[pair.name], let existing = pairs[i] {
                if pair.value.isNull { pairs[i] = nil; index[pair.name] = nil }
                else { pairs[i] = YAMLPair(key: pair.key, value: merge(existing.value, over: pair.value)) }
            } else {
                index[pair.name] = pairs.count
                pairs.append(pair)
            }
        }
        return YAMLNode(kind: .mapping(pairs.compactMap { $0 }), tag: over.tag, range: over.range, isFlow: over.isFlow)
    }

    /// Adds, to every diagnostic located in a base, notes naming the `extends` entries that pulled
    /// it in (up to the spec itself); orders the main file's diagnostics first, then each base's.
    func annotate(_ diagnostics: [Diagnostic], mainPath: String) -> [Diagnostic] {
        let annotated = diagnostics.map { d -> Diagnostic in
            guard var file = d.range?.file, file != mainPath else { return d }
            var d = d, seen: Set<String> = []
            while let by = includedBy[file], seen.insert(file).inserted {
                d.notes.append(DiagnosticNote("'\(file)' is pulled in by 'extends' in \(by.file)", range: by))
                file = by.file
            }
            return d
        }
        let rank = Dictionary(uniqueKeysWithValues: ([mainPath] + sources.map(\.path)).enumerated().map { ($1, $0) })
        return annotated.enumerated().sorted { a, b in
            let ra = rank[a.element.range?.file ?? mainPath] ?? 0, rb = rank[b.element.range?.file ?? mainPath] ?? 0
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    /// The folder part of a path as written, with its trailing separator ("" when there is none);
    /// `REV:file` labels keep their `REV:` prefix.
    static func folder(of path: String) -> String {
        if let colon = path.lastIndex(of: ":") {
            return String(path[...colon]) + folder(of: String(path[path.index(after: colon)...]))
        }
        if let slash = path.lastIndex(of: "/") { return String(path[...slash]) }
        return ""
    }

    /// `entry` against `folder` (absolute entries stand alone), with `.` and `..` segments folded
    /// where they can be; a `REV:` prefix is kept.
    static func join(_ folder: String, _ entry: String) -> String {
        if entry.hasPrefix("/") { return entry }
        var prefix = "", path = folder + entry
        if let colon = path.lastIndex(of: ":") {
            prefix = String(path[...colon]); path = String(path[path.index(after: colon)...])
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return prefix + (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}

/// `extends` in the editor schema. It is not a FieldTable key: the loader merges and removes it
/// before validation, so it never reaches the validator or the resolved spec.
enum ExtendsSchema {
    static let doc = "Base spec(s) to inherit, relative to this file; a list applies in order. Mappings merge deeply, "
        + "lists and scalars replace, null removes a key."
    static let property: CanonicalValue = .object([
        "description": .string(doc),
        "anyOf": .array([
            .object(["type": .string("string"), "minLength": .int(1)]),
            .object(["type": .string("array"), "minItems": .int(1), "items": .object(["type": .string("string"), "minLength": .int(1)])]),
        ]),
    ])
}

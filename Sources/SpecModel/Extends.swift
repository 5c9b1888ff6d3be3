// `extends: base.yaml` (or a list, applied in order): a spec inherits a base and overrides it.
// Merging happens on YAML node trees before validation, so every node keeps the range of the file
// it was written in and diagnostics point there; a note then names the spec that pulled the base in.
// Rules: mappings merge key by key (deeply), lists and scalars replace, and `key: null` removes a
// key the base set (a null for a key no base sets stays, e.g. a domain without data).
import SpecSyntax

/// Resolves `extends` for one spec file.
struct ExtendsResolver {
    /// Problems found while reading and parsing bases.
    var diagnostics: [Diagnostic] = []
    /// The text of every base read, for snippets.
    var sources: [SourceFile] = []
    /// Base display path → the `extends` entry that pulled it in (first time).
    var includedBy: [String: SourceRange] = [:]
    let readFile: FileReader

    /// The most bases one chain may stack (cycles are caught earlier; this bounds pathological depth).
    static let maximumDepth = 32

    init(readFile: @escaping FileReader) { self.readFile = readFile }

    /// `root` with its bases merged in and `extends` removed; nil when a base could not be used.
    mutating func resolve(_ root: YAMLNode, displayPath: String, absolutePath: String) -> YAMLNode? {
        resolve(root, displayPath: displayPath, absolutePath: absolutePath, chain: [absolutePath], chainNames: [displayPath])
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
            if chain.count > Self.maximumDepth {
                diagnostics.append(.error("'extends' nests deeper than \(Self.maximumDepth) specs", at: range))
                ok = false; continue
            }
            guard let bytes = readFile(baseAbsolute) else {
                diagnostics.append(.error("cannot read base spec '\(entry)' (looked for \(baseAbsolute))", at: range,
                                          notes: [DiagnosticNote("'extends' paths are relative to the folder of the spec that names them")]))
                ok = false; continue
            }
            if includedBy[baseDisplay] == nil { includedBy[baseDisplay] = range }
            if !sources.contains(where: { $0.path == baseDisplay }) { sources.append(SourceFile(path: baseDisplay, bytes: bytes)) }
            let parsed = YAMLParser.parse(bytes: bytes, file: baseDisplay)
            diagnostics += parsed.diagnostics
            if parsed.diagnostics.containsErrors { ok = false; continue }
            guard let baseRoot = parsed.root else { continue }  // an empty base adds nothing
            guard baseRoot.pairs != nil else {
                diagnostics.append(.error("a base spec must be a mapping of keys, found \(baseRoot.typeDescription)", at: baseRoot.range))
                ok = false; continue
            }
            guard let resolvedBase = resolve(baseRoot, displayPath: baseDisplay, absolutePath: baseAbsolute,
                                             chain: chain + [baseAbsolute], chainNames: chainNames + [baseDisplay]) else {
                ok = false; continue
            }
            merged = merged.map { Self.merge($0, over: resolvedBase) } ?? resolvedBase
        }
        guard ok else { return nil }
        return merged.map { Self.merge($0, over: own) } ?? own
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
    static func merge(_ base: YAMLNode, over: YAMLNode) -> YAMLNode {
        guard let basePairs = base.pairs, let overPairs = over.pairs else { return over }
        var pairs = basePairs
        for pair in overPairs {
            if let i = pairs.firstIndex(where: { $0.name == pair.name }) {
                if pair.value.isNull { pairs.remove(at: i) } else { pairs[i] = YAMLPair(key: pair.key, value: merge(pairs[i].value, over: pair.value)) }
            } else {
                pairs.append(pair)
            }
        }
        return YAMLNode(kind: .mapping(pairs), tag: over.tag, range: over.range, isFlow: over.isFlow)
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

    /// `entry` against `folder` (absolute entries stand alone); `./` segments dropped, `..` kept.
    static func join(_ folder: String, _ entry: String) -> String {
        if entry.hasPrefix("/") { return entry }
        var rest = Substring(entry)
        while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
        return folder + rest
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

// The front end in one call: bytes → YAML nodes → schema check → cross-field rules → `Spec`.
import Foundation
import SafeFiles
import SpecSyntax

/// A spec file after loading: the spec when valid, and everything found.
public struct LoadedSpec: Sendable {
    /// The resolved spec; nil iff `diagnostics` contains an error.
    public var spec: Spec?
    /// Errors and warnings, sorted by position: the first `DiagnosticLimits.kept` each stage
    /// (parser, bases, schema check, rules) found.
    public var diagnostics: [Diagnostic]
    /// The file's text, for rendering snippets.
    public var source: SourceFile
    /// The text of the bases merged in by `extends` (diagnostics may point into them).
    public var includedSources: [SourceFile] = []
    /// Diagnostics found past `DiagnosticLimits.kept` in some stage: counted, not kept.
    public var omitted = DiagnosticTally()
}

/// Loads and validates spec files.
public enum SpecLoader {
    /// Reads, parses and validates the spec at `path` (as the user wrote it; messages use it verbatim).
    /// The file must be a regular file (links followed) of at most `YAMLLimits.standard.maxBytes`,
    /// without NUL bytes or control characters: otherwise one diagnostic says so without quoting it.
    public static func load(path: String) -> LoadedSpec {
        let absolute = absolutePath(path)
        func failure(_ message: String) -> LoadedSpec {
            LoadedSpec(spec: nil, diagnostics: [.error(message, at: nil)], source: SourceFile(path: path, text: ""))
        }
        let limit = YAMLLimits.standard.maxBytes
        let data: Data?
        do { data = try BoundedFile.read(absolute, limit: limit, followLinks: true) } catch {
            return failure("cannot read \(path): \(error.reasonText)")
        }
        guard let data else { return failure("no such file: \(path)") }
        let bytes = [UInt8](data)
        if let problem = SpecText.problem(in: bytes, checkingUTF8: false) { return failure(SpecText.notText(path, problem)) }
        return load(bytes: bytes, path: path, absolutePath: absolute, readFile: readFromDisk)
    }

    /// Validates spec text held in memory; `absolutePath` anchors relative paths, `readFile` reads them.
    public static func load(bytes: [UInt8], path: String, absolutePath: String,
                            readFile: @escaping FileReader = { _ in nil }) -> LoadedSpec {
        let source = SourceFile(path: path, bytes: bytes)
        let parsed = YAMLParser.parse(bytes: bytes, source: source)
        var diagnostics = parsed.diagnostics
        var omitted = parsed.omitted
        guard let root = parsed.root else {
            if !diagnostics.containsErrors {
                diagnostics.append(.error("the spec is empty; it needs at least 'mixspec: 1', 'name', 'domains' and 'objective'",
                                          at: .point(path, line: 1, column: 1)))
            }
            return LoadedSpec(spec: nil, diagnostics: diagnostics.sortedByLocation(), source: source, omitted: omitted)
        }
        guard root.pairs != nil else {
            diagnostics.append(.error("a spec must be a mapping of keys (mixspec, name, domains, …), found \(root.typeDescription)",
                                      at: root.range))
            return LoadedSpec(spec: nil, diagnostics: diagnostics.sortedByLocation(), source: source, omitted: omitted)
        }
        // `extends`: merge the bases in before anything reads the tree (Extends.swift).
        var bases = ExtendsResolver(readFile: readFile)
        let merged = bases.resolve(root, displayPath: path, absolutePath: absolutePath)
        diagnostics += bases.diagnostics.kept  // warnings only when the bases merged
        omitted += bases.diagnostics.omitted
        guard let merged else {
            return LoadedSpec(spec: nil, diagnostics: bases.annotate(diagnostics.sortedByLocation(), mainPath: path),
                              source: source, includedSources: bases.sources, omitted: omitted)
        }
        if let version = merged["mixspec"], let text = version.scalar, case .success(let v) = Quantity.parseInteger(text), v != 1 {
            diagnostics.append(.error("unknown format version \(v); this mixspec reads format version 1", at: version.range,
                                      notes: [DiagnosticNote("a newer mixspec may read it; or rewrite the spec for format 1")]))
            return LoadedSpec(spec: nil, diagnostics: bases.annotate(diagnostics.sortedByLocation(), mainPath: path),
                              source: source, includedSources: bases.sources, omitted: omitted)
        }
        var validator = SchemaValidator()
        let checked = validator.checkObject(merged, fields: FieldTable.root, path: "")
        diagnostics += validator.diagnostics.kept
        omitted += validator.diagnostics.omitted
        var spec: Spec? = nil
        if let checked {
            var builder = SpecBuilder(source: source, sourcePath: absolutePath, readFile: readFile)
            builder.errorPaths = validator.errorPaths
            spec = builder.build(checked)
            diagnostics += builder.diagnostics.kept
            omitted += builder.diagnostics.omitted
        }
        if diagnostics.containsErrors || omitted.errors > 0 { spec = nil }
        return LoadedSpec(spec: spec, diagnostics: bases.annotate(diagnostics.sortedByLocation(), mainPath: path),
                          source: source, includedSources: bases.sources, omitted: omitted)
    }

    /// Reads a file from disk: a regular file only (links followed; a FIFO or device is never
    /// opened for long), of at most 256 MiB; nil otherwise. Spec bases are further checked by
    /// `ExtendsResolver` (size, text).
    public static let readFromDisk: FileReader = { path in
        (try? BoundedFile.read(path, limit: SpecText.maximumReadBytes, followLinks: true)).flatMap { $0.map { [UInt8]($0) } }
    }

    /// `path` made absolute against the working directory, with `.` and `..` segments resolved.
    public static func absolutePath(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

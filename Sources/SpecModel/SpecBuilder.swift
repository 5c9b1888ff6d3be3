// Cross-field rules and construction of the typed `Spec` from a schema-checked tree. Every
// rule reports at the offending node and the builder keeps going, so one pass finds all errors.
import SpecSyntax

/// Files a spec refers to (imported results), read through a closure so tests stay hermetic.
public typealias FileReader = @Sendable (_ absolutePath: String) -> [UInt8]?

struct SpecBuilder {
    var diagnostics = DiagnosticBuffer()
    let source: SourceFile
    /// Absolute path of the spec file.
    let sourcePath: String
    /// Absolute folder of the spec file; relative paths resolve against it.
    let directory: String
    let readFile: FileReader
    /// Paths the schema check rejected (see SchemaValidator.errorPaths).
    var errorPaths: Set<String> = []

    /// True when the schema check rejected something under `prefix` (so defaults may stand in for it).
    func tainted(_ prefixes: String...) -> Bool {
        if prefixes.contains(where: errorPaths.contains) { return true }
        let parents = prefixes.flatMap { [$0 + ".", $0 + "["] }
        return errorPaths.contains { path in parents.contains { path.hasPrefix($0) } }
    }

    /// "Did you mean" searches left. Each compares a name with every candidate (thousands of
    /// domains, say); past the diagnostics a file prints, the hints would never be read.
    var suggestionsLeft = DiagnosticLimits.perFile

    /// Imported results, when readable.
    var mixturesCSV: CSVShape?
    var metricsCSV: CSVShape?

    init(source: SourceFile, sourcePath: String, readFile: @escaping FileReader) {
        self.source = source
        self.sourcePath = sourcePath
        self.readFile = readFile
        if let slash = sourcePath.lastIndex(of: "/") {
            let dir = String(sourcePath[..<slash])
            directory = dir.isEmpty ? "/" : dir
        } else {
            directory = "."
        }
    }

    mutating func error(_ message: String, at range: SourceRange?, notes: [DiagnosticNote] = [], fixIt: FixIt? = nil) {
        diagnostics.append(.error(message, at: range, notes: notes, fixIt: fixIt))
    }

    /// Builds the spec; nil when any rule failed (the diagnostics say why).
    mutating func build(_ root: Checked) -> Spec? {
        let domains = buildDomains(root)
        let domainNames = domains?.map(\.name) ?? []
        let proxies = buildProxies(root, domains: domains)
        let regression = buildRegression(root)
        let objective = buildObjective(root, domains: domains, proxies: proxies)
        let search = buildSearch(root, domains: domains)
        let verify = root.member("verify").flatMap { buildVerify($0.value, domainNames: domainNames, hasDomains: domains != nil) }
        let scalingMember = root.member("scaling")
        let scaling = scalingMember.flatMap { buildScaling($0, root: root, proxies: proxies) }
        if let proxies, let regression, let domains, !tainted("proxies", "regression") { checkSwarmSize(root, proxies: proxies, regression: regression, domains: domains) }
        if let proxies, let domains, let objective, !tainted("proxies", "objective", "verify", "domains") {
            checkRunability(root, domains: domains, proxies: proxies, objective: objective, verify: verify)
        }

        guard !diagnostics.containsErrors,
              let version = root["mixspec"]?.int, let name = root["name"]?.string,
              let domains, let proxies, let regression, let objective, let search else { return nil }
        if root.member("verify") != nil, verify == nil { return nil }
        if scalingMember != nil, scaling == nil { return nil }
        return Spec(version: Int(version), name: name, description: root["description"]?.string, domains: domains,
                    proxies: proxies, regression: regression, objective: objective, search: search, verify: verify,
                    scaling: scaling, sourcePath: sourcePath)
    }

    /// Resolves a spec-relative path.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    /// "did you mean" for names from a closed set (domains, metrics); only for the first
    /// `suggestionsLeft` names asked about.
    mutating func suggestion(for word: String, in candidates: [String], range: SourceRange) -> (String, FixIt?) {
        guard suggestionsLeft > 0 else { return ("", nil) }
        suggestionsLeft -= 1
        guard let guess = Suggestions.closest(to: word, in: candidates) else { return ("", nil) }
        return ("; did you mean '\(guess)'?", FixIt("replace '\(word)' with '\(guess)'", range: range, replacement: guess))
    }
}

import ArgumentParser
import Foundation
import Pipeline
import SpecSyntax
import SpecModel

/// `mixspec check SPEC…`: validate spec files, report every problem, exit 0 (valid) or 1 (invalid).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate spec files and report every problem with its position.",
        discussion: "Exit status: 0 when every spec is valid, 1 when any is invalid, 64 on usage errors."
    )

    @Argument(help: "Spec files to check.")
    var specs: [String]

    @Flag(name: .long, help: "Print diagnostics as JSON on stdout instead of text on stderr.")
    var json = false

    func validate() throws {
        if specs.isEmpty { throw ValidationError("give at least one spec file") }
    }

    func run() throws {
        var allValid = true
        var results: [(path: String, diagnostics: [Diagnostic], omitted: DiagnosticTally)] = []
        for path in specs {
            var loaded = SpecLoader.load(path: path)
            if let spec = loaded.spec {
                // The data it can see without reading whole corpora, at each domain's `path:` entry.
                let problems = DataPreflight.problems(spec)
                loaded.diagnostics += problems.map { Diagnostic.error($0.message, at: Self.pathRange(of: $0.domain, inSpecAt: path)) }
                if !problems.isEmpty { loaded.spec = nil }
            }
            if loaded.spec == nil { allValid = false }
            if json { results.append((path, loaded.diagnostics, loaded.omitted)) } else { DiagnosticsOutput.printText(loaded) }
        }
        if json { print(DiagnosticJSON.render(results)) }
        if !allValid { throw ExitCode(1) }
    }

    /// The range of `domains.<name>.path` (else the domain's key) in the spec file itself (nil when
    /// the domain comes from a base it extends).
    static func pathRange(of domain: String, inSpecAt path: String) -> SourceRange? {
        guard let entry = SpecNodes.root(ofSpecAt: path)?["domains"]?.pairs?.first(where: { $0.key.scalar == domain }) else { return nil }
        return entry.value["path"]?.range ?? entry.key.range
    }
}

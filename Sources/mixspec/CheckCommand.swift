import ArgumentParser
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
            let loaded = SpecLoader.load(path: path)
            if loaded.spec == nil { allValid = false }
            if json { results.append((path, loaded.diagnostics, loaded.omitted)) } else { DiagnosticsOutput.printText(loaded) }
        }
        if json { print(DiagnosticJSON.render(results)) }
        if !allValid { throw ExitCode(1) }
    }
}

import ArgumentParser
import SpecSyntax
import SpecModel

/// `mixspec show SPEC`: the resolved canonical spec, the exact form that task keys hash.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the resolved canonical spec (defaults filled in, units normalised).",
        discussion: "YAML in canonical key order by default; --json prints the canonical JSON (sorted keys, domains as a list in spec order)."
    )

    @Argument(help: "The spec file.")
    var spec: String

    @Flag(name: .long, help: "Print canonical JSON instead of YAML.")
    var json = false

    func run() throws {
        let loaded = SpecLoader.load(path: spec)
        DiagnosticsOutput.printText(loaded)
        guard let resolved = loaded.spec else { throw ExitCode(1) }
        if json { print(resolved.canonicalValue.prettyJSON) } else { print(resolved.canonicalYAML, terminator: "") }
    }
}

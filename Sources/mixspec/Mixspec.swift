import ArgumentParser
import Foundation
import SpecSyntax

/// The `mixspec` command line: thin wrappers over the libraries.
@main
struct Mixspec: AsyncParsableCommand {
    /// The release of this mixspec (`mixspec --version`).
    static let version = "0.3.0"

    static let configuration = CommandConfiguration(
        commandName: "mixspec",
        abstract: "Declarative, reproducible, incremental data-mixture search for LM pre-training.",
        discussion: """
        Write one YAML spec (domains, proxy swarm, regressor, objective), then:

          mixspec check spec.yaml    validate it (every problem, located)
          mixspec plan spec.yaml     which tasks will run, and why
          mixspec run spec.yaml      run them (cached in .mixspec/)
          mixspec diff a.yaml b.yaml what an edit changes and costs

        Outputs go to out/<name>/ beside the spec: mixture.yaml, \
        report.html, summary.json. Try `mixspec run specs/quickstart.yaml`; \
        `mixspec help <subcommand>` explains each command.

        Exit status: 0 success, 1 invalid spec or failed task, 64 usage \
        error, 130 interrupted.
        """,
        version: Mixspec.version,
        subcommands: [
            CheckCommand.self, ShowCommand.self, PlanCommand.self, RunCommand.self, ExplainCommand.self,
            GraphCommand.self, PredictCommand.self, LogsCommand.self, GcCommand.self, SchemaCommand.self,
            DiffCommand.self, CompareCommand.self, StatusCommand.self, DeclareUnchangedCommand.self, ExportCommand.self, ModelCommand.self,
        ]
    )

    /// `mixspec help NOSUCH` is a usage error (64), as an unknown subcommand is; the rest is ArgumentParser's.
    static func main() async {
        MemoryTuning.apply()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", let name = arguments.dropFirst().first, !name.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName }
            if !names.contains(name) {
                let hint = Suggestions.closest(to: name, in: names).map { "; did you mean '\($0)'?" } ?? ""
                FileHandle.standardError.write(Data("error: unknown command '\(name)'\(hint) (`mixspec --help` lists them)\n".utf8))
                Foundation.exit(64)
            }
        }
        await main(arguments)
    }
}

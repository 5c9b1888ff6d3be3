import ArgumentParser

/// The `mixspec` command line: thin wrappers over the libraries.
@main
struct Mixspec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixspec",
        abstract: "Declarative, reproducible, incremental data-mixture search for LM pre-training.",
        subcommands: [
            CheckCommand.self, ShowCommand.self, PlanCommand.self, RunCommand.self, ExplainCommand.self,
            GraphCommand.self, PredictCommand.self, LogsCommand.self, GcCommand.self, SchemaCommand.self,
            DiffCommand.self, CompareCommand.self,
        ]
    )
}

import ArgumentParser

/// The `mixspec` command line: thin wrappers over the libraries.
@main
struct Mixspec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixspec",
        abstract: "Declarative, reproducible, incremental data-mixture search for LM pre-training.",
        subcommands: [CheckCommand.self, ShowCommand.self, SchemaCommand.self]
    )
}

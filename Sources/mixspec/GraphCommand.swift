import ArgumentParser
import Compiler
import Engine

extension GraphFormat: ExpressibleByArgument {}

/// `mixspec graph SPEC --format dot|mermaid`: the task graph, coloured by plan state.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the task graph as Graphviz dot or Mermaid, nodes coloured by state.",
        discussion: "Example: mixspec graph spec.yaml --format dot | dot -Tsvg > graph.svg"
    )

    @OptionGroup var options: SpecOptions

    @Option(name: .long, help: "Output format: dot or mermaid.")
    var format: GraphFormat = .dot

    func run() throws {
        let session = try options.open()
        var states: [TaskID: String] = [:]
        for entry in session.plan().entries { states[entry.id] = entry.state.rawValue }
        printOut(session.compiled.graph.rendered(as: format, states: states))
    }
}

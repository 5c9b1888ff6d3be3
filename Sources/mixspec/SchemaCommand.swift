import ArgumentParser
import SpecModel

/// `mixspec schema`: the JSON Schema of spec files, for editors (yaml-language-server).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of spec files, generated from the validator's declarations."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, markdown }

    @Option(name: .long, help: "json (the JSON Schema) or markdown (the field reference table of the README).")
    var format: Format = .json

    func run() throws {
        switch format {
        case .json: print(JSONSchemaGenerator.text, terminator: "")
        case .markdown: print(FieldTable.markdownReference, terminator: "")
        }
    }
}

import ArgumentParser
import SpecModel

/// `mixspec schema`: the JSON Schema of spec files, for editors (yaml-language-server).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of spec files, generated from the validator's declarations."
    )

    func run() throws {
        print(JSONSchemaGenerator.text, terminator: "")
    }
}

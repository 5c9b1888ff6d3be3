import Foundation
import Testing

@Suite struct SchemaCLITests {
    @Test func schemaCommandPrintsTheCommittedSchema() throws {
        let r = try CLI.run(["schema"])
        #expect(r.status == 0)
        #expect(r.stdout == CLI.read("grammars/mixspec.schema.json"),
                "regenerate with: swift run mixspec schema > grammars/mixspec.schema.json")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        let required = object?["required"] as? [String]
        #expect(required == ["mixspec", "name", "domains", "objective"])
    }
}

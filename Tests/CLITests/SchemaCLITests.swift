import Foundation
import SpecModel
import Testing

@Suite struct SchemaCLITests {
    @Test(.mixspecBinary) func schemaCommandPrintsTheCommittedSchema() throws {
        let r = try CLI.run(["schema"])
        #expect(r.status == 0)
        #expect(r.stdout == CLI.read("grammars/mixspec.schema.json"),
                "regenerate with: swift run mixspec schema > grammars/mixspec.schema.json")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        // The top-level keys are required unless the spec extends a base that may hold them.
        let otherwise = object?["else"] as? [String: Any]
        #expect(otherwise?["required"] as? [String] == ["mixspec", "name", "domains", "objective"])
    }

    /// Whether python3 with `jsonschema` and `yaml` (PyYAML) is here: `.ci/run` installs them.
    static let hasValidator: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema, yaml"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// Every spec that `check` accepts (the examples and the valid golden specs, `extends` children
    /// included) is accepted by the committed schema under a real JSON Schema validator, as an
    /// editor would apply it to the YAML text.
    @Test(.enabled(if: hasValidator, "needs python3 with jsonschema and PyYAML (pip install jsonschema pyyaml)"))
    func theCommittedSchemaAcceptsEveryValidSpec() throws {
        let root = CLI.repoRoot.path
        let candidates = ["specs", "golden"].flatMap { folder in
            (FileManager.default.enumerator(atPath: root + "/" + folder)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { folder + "/" + $0 }
        }.sorted()
        let valid = candidates.filter { SpecLoader.load(path: root + "/" + $0).spec != nil }
        #expect(valid.count >= 8, "\(valid)")
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft7Validator(schema)
            for path in sys.argv[2:]:
                for error in validator.iter_errors(yaml.safe_load(open(path))):
                    print(path + ": " + "/".join(map(str, error.absolute_path)) + ": " + error.message[:200])
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, root + "/grammars/mixspec.schema.json"] + valid.map { root + "/" + $0 }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.isEmpty, "the schema rejects valid specs:\n\(text)")
    }
}

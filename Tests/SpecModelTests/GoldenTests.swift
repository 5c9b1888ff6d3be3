import Foundation
import Testing
import SpecSyntax
import TestSupport
@testable import SpecModel

/// Loads a repo file the way `mixspec check <relative>` run from the repo root would.
func loadRepoSpec(_ relative: String) -> LoadedSpec {
    let bytes = FileManager.default.contents(atPath: Repo.path(relative)).map { [UInt8]($0) } ?? []
    return SpecLoader.load(bytes: bytes, path: relative, absolutePath: Repo.path(relative), readFile: SpecLoader.readFromDisk)
}

@Suite struct GoldenTests {
    static let fixtures = Repo.files(in: "golden/fixtures", ext: "yaml")
    static let specs = Repo.files(in: "specs", ext: "yaml")

    @Test func thereAreEnoughFixturesAndSpecs() {
        #expect(Self.fixtures.count >= 40)
        #expect(Self.specs.count >= 3)
    }

    @Test(arguments: fixtures)
    func checkOutputMatchesGolden(_ name: String) throws {
        let loaded = loadRepoSpec("golden/fixtures/" + name)
        #expect(loaded.spec == nil, "\(name) should be invalid")
        let text = DiagnosticRenderer(colored: false).render(loaded.diagnostics, source: loaded.source)
        let golden = "golden/check/" + name.dropLast(5) + ".txt"
        try Golden.check(text, golden)
    }

    /// Each fixture ends with `# expect-errors: L:C …`: exactly the error positions reported.
    @Test(arguments: fixtures)
    func errorPositionsMatchTheFixtureMarkers(_ name: String) throws {
        let loaded = loadRepoSpec("golden/fixtures/" + name)
        let marker = try #require(loaded.source.lines.last { $0.hasPrefix("# expect-errors:") }, "\(name) has no marker")
        let expected = marker.dropFirst("# expect-errors:".count).split(separator: " ").map(String.init)
        let actual = loaded.diagnostics.filter { $0.severity == .error }.compactMap { d in d.range.map { "\($0.start.line):\($0.start.column)" } }
        #expect(actual == expected, "\(name)")
        #expect(!actual.isEmpty)
        for d in loaded.diagnostics {
            guard let r = d.range else { continue }
            let line = loaded.source.line(r.start.line)
            #expect(line != nil, "\(name): line \(r.start.line) outside the file")
            #expect(r.start.column >= 1 && r.start.column <= (line?.unicodeScalars.count ?? 0) + 1, "\(name): column outside the line")
        }
    }

    @Test(arguments: specs)
    func specsAreValidAndShowMatchesGolden(_ name: String) throws {
        let loaded = loadRepoSpec("specs/" + name)
        #expect(!loaded.diagnostics.containsErrors, "\(loaded.diagnostics.map(\.message))")
        let spec = try #require(loaded.spec)
        try Golden.check(spec.canonicalYAML, "golden/show/" + name)
        // The printed form is itself a spec that means the same thing.
        let path = "specs/" + name
        let again = SpecLoader.load(bytes: Array(spec.canonicalYAML.utf8), path: path, absolutePath: Repo.path(path),
                                    readFile: SpecLoader.readFromDisk)
        #expect(again.spec?.canonicalValue == spec.canonicalValue, "\(again.diagnostics.map(\.message))")
    }

    @Test func readmeFieldReferenceMatchesTheFieldTable() throws {
        let readme = try String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)
        #expect(readme.contains(FieldTable.markdownReference),
                "README's field table drifted; paste the output of: mixspec schema --format markdown")
    }

    @Test func committedSchemaMatchesGeneratedSchema() throws {
        try Golden.check(JSONSchemaGenerator.text, "grammars/mixspec.schema.json",
                         hint: "regenerate with: swift run mixspec schema > grammars/mixspec.schema.json")
    }
}

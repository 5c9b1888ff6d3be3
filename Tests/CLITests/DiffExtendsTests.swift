// `extends`: merge rules, located diagnostics in base files with a note naming the extending spec,
// cycles, missing bases, and `show` of the merged result.
import Foundation
import SpecModel
import SpecSyntax
import Testing

@Suite struct DiffExtendsTests {
    static let base = """
    mixspec: 1
    name: base
    domains:
      web: {tokens: 4M}
      code: {tokens: 1M}
    proxies:
      count: 48
      models:
        - {name: small, size: 1M, tokens: 20M}
      trainer: {command: [python3, train.py, "{mixture}", "{out}"]}
    regression: {model: [gbdt, linear], folds: 4, gbdt: {iterations: 300, leaves: 15}}
    objective: {minimize: loss.web}
    search: {candidates: 10k, top_k: 32, bounds: {code: [0, 0.5]}}
    verify:
      model: {size: 10M, tokens: 200M}

    """

    /// Loads `/specs/<main>` with the other files served from memory.
    func load(_ files: [String: String], main: String = "spec.yaml") -> LoadedSpec {
        let served = files
        return SpecLoader.load(bytes: Array(files[main, default: ""].utf8), path: main, absolutePath: "/specs/" + main,
                               readFile: { path in
                                   guard path.hasPrefix("/specs/") else { return nil }
                                   return served[String(path.dropFirst("/specs/".count))].map { Array($0.utf8) }
                               })
    }

    func messages(_ loaded: LoadedSpec) -> String {
        loaded.diagnostics.map { "\($0.range?.file ?? "-"):\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0): \($0.message)" }
            .joined(separator: "\n")
    }

    @Test func mergeRules() throws {
        let child = """
        extends: base.yaml
        name: child
        regression: {model: linear, gbdt: {leaves: 7}}
        search: {bounds: null, top_k: 64}
        verify: null
        domains:
          wiki: {tokens: 2M}
        """
        let loaded = load(["spec.yaml": child, "base.yaml": Self.base])
        let spec = try #require(loaded.spec, "\(messages(loaded))")
        #expect(spec.name == "child")
        #expect(spec.domainNames == ["web", "code", "wiki"])     // mappings merge, base order first
        #expect(spec.regression.models == [.linear])               // lists and scalars replace
        #expect(spec.regression.gbdt.leaves == 7 && spec.regression.gbdt.iterations == 300)  // deep merge
        #expect(spec.search.bounds.isEmpty && spec.search.topK == 64 && spec.search.candidates == 10_000)  // null removes
        #expect(spec.verify == nil)
        #expect(spec.proxies.count == 48)
        // `show` prints the merged result, without `extends`.
        #expect(spec.canonicalYAML.contains("name: child"))
        #expect(!spec.canonicalYAML.contains("extends"))
    }

    @Test func basesApplyInOrderAndChain() throws {
        let loaded = load([
            "spec.yaml": "extends: [base.yaml, more.yaml]\nname: child\n",
            "more.yaml": "extends: deeper/top.yaml\nsearch: {top_k: 16}\n",
            "deeper/top.yaml": "search: {candidates: 20k, top_k: 8}\n",
            "base.yaml": Self.base,
        ])
        let spec = try #require(loaded.spec, "\(messages(loaded))")
        #expect(spec.search.topK == 16)            // more.yaml over its own base
        #expect(spec.search.candidates == 20_000)  // deeper/top.yaml over base.yaml
        #expect(loaded.includedSources.map(\.path) == ["base.yaml", "more.yaml", "deeper/top.yaml"])
    }

    @Test func errorInBasePointsIntoTheBaseWithANoteNamingTheSpec() throws {
        let broken = Self.base.replacingOccurrences(of: "top_k: 32", with: "top_k: -3")
        let loaded = load(["spec.yaml": "name: child\nextends: base.yaml\n", "base.yaml": broken])
        #expect(loaded.spec == nil)
        let error = try #require(loaded.diagnostics.first { $0.severity == .error })
        #expect(error.range?.file == "base.yaml")
        #expect(error.range?.start.line == 13)
        let note = try #require(error.notes.first { $0.range != nil })
        #expect(note.message == "'base.yaml' is pulled in by 'extends' in spec.yaml")
        #expect(note.range?.file == "spec.yaml" && note.range?.start.line == 2 && note.range?.start.column == 10)
        // The snippets come from the file each range names.
        let text = DiagnosticRenderer(otherSources: loaded.includedSources).render(loaded.diagnostics, source: loaded.source)
        #expect(text.contains("base.yaml:13:"))
        #expect(text.contains("13 | search: {candidates: 10k, top_k: -3, bounds: {code: [0, 0.5]}}"))
        #expect(text.contains("2 | extends: base.yaml"))
    }

    @Test func overrideErrorPointsIntoTheSpec() throws {
        let loaded = load(["spec.yaml": "extends: base.yaml\nsearch:\n  top_kk: 5\n", "base.yaml": Self.base])
        let error = try #require(loaded.diagnostics.first)
        #expect(error.range?.file == "spec.yaml" && error.range?.start.line == 3)
        #expect(error.message.contains("did you mean 'top_k'"))
    }

    @Test func missingKeyIsReportedInTheSpec() throws {
        let base = Self.base.replacingOccurrences(of: "objective: {minimize: loss.web}\n", with: "")
        let loaded = load(["spec.yaml": "name: child\nextends: base.yaml\n", "base.yaml": base])
        #expect(messages(loaded) == "spec.yaml:1:1: missing required key 'objective'")
    }

    @Test func cycleIsALocatedError() throws {
        let loaded = load(["spec.yaml": "extends: a.yaml\nname: x\n", "a.yaml": "extends: ./b.yaml\n", "b.yaml": "extends: a.yaml\n"])
        #expect(loaded.spec == nil)
        let error = try #require(loaded.diagnostics.first)
        #expect(error.message == "'extends' cycle: a.yaml → b.yaml → a.yaml")
        #expect(error.range?.file == "b.yaml" && error.range?.start.line == 1 && error.range?.start.column == 10)
        #expect(error.notes.contains { $0.message == "'b.yaml' is pulled in by 'extends' in a.yaml" })
        #expect(error.notes.contains { $0.message == "'a.yaml' is pulled in by 'extends' in spec.yaml" })
        let selfLoop = load(["spec.yaml": "extends: spec.yaml\n"])
        #expect(selfLoop.diagnostics.first?.message == "'extends' cycle: spec.yaml → spec.yaml")
    }

    @Test func missingAndMalformedBases() throws {
        let missing = load(["spec.yaml": "name: x\nextends: [base.yaml, gone.yaml]\n", "base.yaml": Self.base])
        #expect(missing.spec == nil)
        #expect(messages(missing) == "spec.yaml:2:22: cannot read base spec 'gone.yaml' (looked for /specs/gone.yaml)")
        let wrongType = load(["spec.yaml": "extends: {a: 1}\n"])
        #expect(messages(wrongType) == "spec.yaml:1:10: 'extends' must be a path or a non-empty list of paths, found a mapping")
        let listBase = load(["spec.yaml": "extends: l.yaml\n", "l.yaml": "- 1\n"])
        #expect(messages(listBase) == "l.yaml:1:1: a base spec must be a mapping of keys, found a list")
        let badYAML = load(["spec.yaml": "extends: y.yaml\n", "y.yaml": "a: [1\n"])
        #expect(badYAML.spec == nil && badYAML.diagnostics.first?.range?.file == "y.yaml")
    }

    /// Each level names the next twice: without memoising resolved bases this would parse 2^30 files.
    @Test func diamondChainsStayLinearAndDepthIsBounded() throws {
        var files = ["spec.yaml": "extends: [l1.yaml, l1.yaml]\nname: deep\n", "l30.yaml": Self.base]
        for i in 1..<30 { files["l\(i).yaml"] = "extends: [l\(i + 1).yaml, l\(i + 1).yaml]\nsearch: {top_k: \(i)}\n" }
        let deep = load(files)
        let spec = try #require(deep.spec, "\(messages(deep))")
        #expect(spec.search.topK == 1 && spec.name == "deep")
        #expect(deep.includedSources.count == 30)

        var tooDeep = ["spec.yaml": "extends: d1.yaml\n", "d40.yaml": Self.base]
        for i in 1..<40 { tooDeep["d\(i).yaml"] = "extends: d\(i + 1).yaml\n" }
        let refused = load(tooDeep)
        #expect(refused.spec == nil)
        #expect(refused.diagnostics.first?.message == "'extends' nests deeper than 32 specs")
    }

    /// Paths written in a base are relative to the base; the loaded spec sees them relative to itself.
    @Test func filePathsInABaseAreRelativeToTheBase() throws {
        let base = Self.base.replacingOccurrences(of: "  web: {tokens: 4M}", with: "  web: {path: [data/web/*.txt, /abs/x.txt], tokens: 4M}")
            .replacingOccurrences(of: "  code: {tokens: 1M}", with: "  code: {path: ../shared/code.txt, tokens: 1M}")
        let loaded = load(["exp/spec.yaml": "extends: ../common/base.yaml\nname: child\ndomains:\n  wiki: {path: wiki.txt, tokens: 1M}\n",
                           "common/base.yaml": base], main: "exp/spec.yaml")
        let spec = try #require(loaded.spec, "\(messages(loaded))")
        #expect(spec.domains.map(\.source) == [.paths(["../common/data/web/*.txt", "/abs/x.txt"]), .paths(["../shared/code.txt"]),
                                                .paths(["wiki.txt"])])
        #expect(loaded.includedSources.map(\.path) == ["common/base.yaml"])
    }

    @Test func editorSchemaAcceptsExtends() throws {
        guard case .object(let root) = JSONSchemaGenerator.schema, case .object(let properties)? = root["properties"] else {
            Issue.record("schema root is not an object"); return
        }
        #expect(properties["extends"] != nil)
    }
}

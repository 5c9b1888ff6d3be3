import Testing
@testable import SpecSyntax

@Suite struct DiagnosticRendererTests {
    let source = SourceFile(path: "s.yaml", text: "regression:\n  modle: gbdt\n")

    var diagnostic: Diagnostic {
        let key = SourceRange(file: "s.yaml", start: SourceLocation(line: 2, column: 3), end: SourceLocation(line: 2, column: 8))
        return .error("unknown key 'modle' in 'regression'", at: key,
                      notes: [DiagnosticNote("known keys: model"), DiagnosticNote("section starts here", range: .point("s.yaml", line: 1, column: 1))],
                      fixIt: FixIt("replace 'modle' with 'model'", range: key, replacement: "model"))
    }

    @Test func rendersLocationSnippetUnderlineNotesAndFixIt() {
        let text = DiagnosticRenderer(colored: false).render([diagnostic], source: source)
        #expect(text == """
        s.yaml:2:3: error: unknown key 'modle' in 'regression'
        2 |   modle: gbdt
          |   ^~~~~
           = note: known keys: model
           = fix-it: replace 'modle' with 'model'
        s.yaml:1:1: note: section starts here
        1 | regression:
          | ^

        """)
    }

    @Test func colourOnlyWhenAsked() {
        let plain = DiagnosticRenderer(colored: false).render([diagnostic], source: source)
        let colored = DiagnosticRenderer(colored: true).render([diagnostic], source: source)
        #expect(!plain.contains("\u{1B}["))
        #expect(colored.contains("\u{1B}[1;31merror:"))
    }

    @Test func multiLineRangesUnderlineToTheEndOfTheFirstLine() {
        let r = SourceRange(file: "s.yaml", start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 2, column: 5))
        let text = DiagnosticRenderer().render([.error("x", at: r)], source: source)
        #expect(text.contains("| ^~~~~~~~~~~\n"))
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        let evil = SourceFile(path: "e.yaml", text: "na\u{1B}[31mme: x\n")
        let text = DiagnosticRenderer().render([.error("unknown key 'na\u{1B}[31mme'", at: .point("e.yaml", line: 1, column: 1))], source: evil)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("na\u{FFFD}[31mme"))
    }

    @Test func jsonCarriesTheSameFacts() {
        let json = DiagnosticJSON.render([("s.yaml", [diagnostic])])
        #expect(json.hasPrefix("{\"files\":[{\"path\":\"s.yaml\",\"valid\":false,\"diagnostics\":[{\"severity\":\"error\""))
        #expect(json.contains("\"line\":2,\"column\":3,\"endLine\":2,\"endColumn\":8"))
        #expect(json.contains("\"fixIt\":{\"message\":\"replace 'modle' with 'model'\",\"replacement\":\"model\""))
        #expect(Diagnostic.quote("a\"b\\\n\u{1}") == "\"a\\\"b\\\\\\n\\u0001\"")
    }

    @Test func suggestionsFindCloseWordsOnly() {
        #expect(Suggestions.closest(to: "modle", in: ["model", "folds"]) == "model")
        #expect(Suggestions.closest(to: "banana", in: ["model", "folds"]) == nil)
        #expect(Suggestions.distance("kitten", "sitting") == 3)
    }
}

import Foundation
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
    /// A long line shows a window of at most `snippetWidth` columns around the range, cut with
    /// `…`, and the caret still sits under the character the range starts at.
    @Test func longLinesShowABoundedWindowAroundTheRange() throws {
        let width = 100_000
        for column in [1, 150, 50_000, width - 3, width + 1] {
            var scalars = Array(repeating: Unicode.Scalar("x"), count: width)
            if column <= width { scalars[column - 1] = "Y" }
            let source = SourceFile(path: "l.yaml", text: String(String.UnicodeScalarView(scalars)))
            let text = DiagnosticRenderer().render([.error("here", at: .point("l.yaml", line: 1, column: column))], source: source)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let shown = Array(lines[1].dropFirst("1 | ".count).unicodeScalars)
            let caret = try #require(Array(lines[2].dropFirst("  | ".count).unicodeScalars).firstIndex(of: "^"))
            #expect(shown.count <= DiagnosticRenderer.snippetWidth + 2, "column \(column)")
            #expect(text.utf8.count < 1_000)
            if column <= width { #expect(shown[caret] == "Y", "column \(column)") } else { #expect(caret == shown.count) }
            #expect((shown.first == "\u{2026}") == (column > DiagnosticRenderer.snippetWidth / 4 + 1), "column \(column)")
        }
    }

    /// Past `DiagnosticLimits.perFile` diagnostics, one line counts the rest; `--json` lists as
    /// many and says how many it left out.
    @Test func diagnosticsPastTheCapAreCountedNotPrinted() {
        let many = (1...250).map { i -> Diagnostic in
            i % 50 == 0 ? .warning("w\(i)", at: .point("s.yaml", line: 1, column: 1)) : .error("e\(i)", at: .point("s.yaml", line: 2, column: 3))
        }
        let text = DiagnosticRenderer().render(many, source: source)
        #expect(text.components(separatedBy: ": error: ").count - 1 + text.components(separatedBy: ": warning: ").count - 1 == 100)
        #expect(text.hasSuffix("\u{2026}and 147 more errors and 3 more warnings in s.yaml\n"))
        var all = DiagnosticRenderer()
        all.limit = nil
        #expect(all.render(many, source: source).components(separatedBy: ": error: ").count - 1 == 245)
        let json = DiagnosticJSON.render([("s.yaml", many)])
        #expect(json.components(separatedBy: "\"severity\"").count - 1 == 100)
        #expect(json.hasSuffix("],\"truncated\":150}]}"))
        #expect(!DiagnosticJSON.render([("s.yaml", Array(many.prefix(100)))]).contains("truncated"))
    }

    @Test func suggestionsSkipCandidatesTooDifferentInLength() {
        let long = String(repeating: "a", count: 200_000)
        #expect(Suggestions.closest(to: long, in: ["model", "folds"]) == nil)
        #expect(Suggestions.closest(to: "model", in: [long, "modle"]) == "modle")
    }
    @Test func longMessagesKeepTheirStartAndEnd() {
        let value = String(repeating: "v", count: 100_000)
        let d = Diagnostic.error("expected a number for 'x', found '\(value)'; numbers may use suffixes", at: .point("s.yaml", line: 1, column: 1),
                                 notes: [DiagnosticNote(value)], fixIt: FixIt(value))
        let text = DiagnosticRenderer().render([d], source: source)
        #expect(text.utf8.count < 4 * DiagnosticRenderer.messageWidth)
        #expect(text.contains("s.yaml:1:1: error: expected a number for 'x', found 'vvv"))
        #expect(text.contains("v\u{2026}v") && text.contains("vvv'; numbers may use suffixes\n"))
    }
}

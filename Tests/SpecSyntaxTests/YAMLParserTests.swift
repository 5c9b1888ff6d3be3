import Testing
@testable import SpecSyntax

private func parse(_ text: String, limits: YAMLLimits = .standard) -> YAMLParseResult {
    YAMLParser.parse(bytes: Array(text.utf8), file: "t.yaml", limits: limits)
}

private func errors(_ r: YAMLParseResult) -> [Diagnostic] { r.diagnostics.filter { $0.severity == .error } }

@Suite struct YAMLParserTests {
    @Test func scalarRangesAreOneBasedAndExclusiveAtTheEnd() throws {
        let r = parse("a: hello\nb:\n  - x\n  - 'y z'\n")
        #expect(r.diagnostics.isEmpty)
        let root = try #require(r.root)
        let a = try #require(root["a"])
        #expect(a.scalar == "hello")
        #expect(a.range.start == SourceLocation(line: 1, column: 4))
        #expect(a.range.end == SourceLocation(line: 1, column: 9))
        let items = try #require(root["b"]?.items)
        #expect(items.count == 2)
        #expect(items[1].scalar == "y z")
        #expect(items[1].scalarStyle == .singleQuoted)
        #expect(items[1].range.start == SourceLocation(line: 4, column: 5))
    }

    @Test func flowAndBlockStylesAndComments() throws {
        let r = parse("# c\nm: {a: [1, 2], b: \"q\"}  # trailing\n")
        let m = try #require(r.root?["m"])
        #expect(m.isFlow)
        #expect(m["a"]?.items?.map(\.scalar) == ["1", "2"])
        #expect(m["b"]?.scalarStyle == .doubleQuoted)
        #expect(m.range.end == SourceLocation(line: 2, column: 23))
    }

    @Test func anchorsAndAliasesExpand() throws {
        let r = parse("a: &x {k: 1}\nb: *x\n")
        #expect(r.diagnostics.isEmpty)
        #expect(r.root?["b"]?["k"]?.scalar == "1")
    }

    @Test func duplicateKeyReportsSecondWithNoteAtFirst() throws {
        let r = parse("a: 1\nb: 2\na: 3\n")
        let e = try #require(errors(r).first)
        #expect(e.message == "duplicate key 'a'")
        #expect(e.range?.start == SourceLocation(line: 3, column: 1))
        #expect(e.notes.first?.range?.start == SourceLocation(line: 1, column: 1))
        #expect(r.root?["a"]?.scalar == "1")
    }

    @Test func undefinedAliasIsLocated() throws {
        let r = parse("a: 1\nb: *nope\n")
        let e = try #require(errors(r).first)
        #expect(e.message.contains("undefined alias '*nope'"))
        #expect(e.range?.start == SourceLocation(line: 2, column: 4))
    }

    @Test func mergeKeysAreRejected() {
        let r = parse("base: &b {x: 1}\nother:\n  <<: *b\n")
        #expect(errors(r).contains { $0.message.contains("merge keys") && $0.range?.start.line == 3 })
    }

    @Test func secondDocumentIsRejected() {
        let r = parse("a: 1\n---\nb: 2\n")
        #expect(errors(r).count == 1)
        #expect(errors(r).first?.range?.start.line == 2)
    }

    @Test func nonScalarKeysAreRejected() {
        let r = parse("? [a, b]\n: 1\n")
        #expect(errors(r).first?.message.contains("mapping keys must be plain strings") == true)
    }

    @Test func unknownTagsAreRejected() {
        let r = parse("a: !custom 1\nb: !!str 2\n")
        #expect(errors(r).count == 1)
        #expect(errors(r).first?.range?.start == SourceLocation(line: 1, column: 4))
    }

    @Test func billionLaughsFailsFastWithinBudget() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for i in 1..<names.count {
            let refs = Array(repeating: "*\(names[i - 1])", count: 10).joined(separator: ", ")
            text += "\(names[i]): &\(names[i]) [\(refs)]\n"
        }
        let r = parse(text)
        #expect(r.root == nil)
        #expect(errors(r).first?.message.contains("alias expansion exceeds") == true)
    }

    @Test func nestingDepthIsLimited() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let r = parse("a: \(deep)\n")
        #expect(errors(r).first?.message.contains("nesting is deeper than 64") == true)
        let ok = parse("a: " + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "\n")
        #expect(errors(ok).isEmpty)
    }

    @Test func sizeLimitIsEnforced() {
        let limits = YAMLLimits(maxBytes: 100, maxDepth: 64, maxAliasExpansion: 1000)
        let r = parse(String(repeating: "#", count: 101), limits: limits)
        #expect(errors(r).first?.message.contains("limit is 100 bytes") == true)
        let big = [UInt8](repeating: UInt8(ascii: " "), count: (8 << 20) + 1)
        let r2 = YAMLParser.parse(bytes: big, file: "big.yaml")
        #expect(r2.diagnostics.first?.message.contains("8 MiB") == true)
    }

    @Test func invalidUTF8IsLocated() {
        var bytes = Array("a: 1\nb: x".utf8)
        bytes.append(0xFF)
        let r = YAMLParser.parse(bytes: bytes, file: "t.yaml")
        #expect(r.diagnostics.first?.range?.start == SourceLocation(line: 2, column: 5))
        // Overlong encodings and surrogates are invalid too.
        #expect(UTF8Check.firstInvalid(in: [0xC0, 0x80]) != nil)
        #expect(UTF8Check.firstInvalid(in: [0xED, 0xA0, 0x80]) != nil)
        #expect(UTF8Check.firstInvalid(in: Array("héllo ✓".utf8)) == nil)
    }

    @Test func syntaxErrorsCarryPositionAndContext() throws {
        let r = parse("a: {b: 1\nc: 2\n")
        let e = try #require(errors(r).first)
        #expect(e.message.hasPrefix("YAML syntax error:"))
        #expect(e.range != nil)
        #expect(e.notes.first?.message.contains("flow mapping") == true)
        #expect(e.notes.first?.range?.start == SourceLocation(line: 1, column: 4))
    }

    @Test func crlfAndLoneCRCountLinesLikeLibyaml() throws {
        let r = parse("a: 1\r\nb: *x\r\n")
        #expect(errors(r).first?.range?.start == SourceLocation(line: 2, column: 4))
        let source = SourceFile(path: "t", text: "a\r\nb\rc\n")
        #expect(source.lines == ["a", "b", "c"])
    }

    @Test func emptyInputHasNoRoot() {
        let r = parse("")
        #expect(r.root == nil && r.diagnostics.isEmpty)
        let c = parse("# only a comment\n")
        #expect(c.root == nil && c.diagnostics.isEmpty)
    }

    /// The libyaml parser lives at a heap address it owns: parses on many threads at once, each
    /// stopping early (syntax error, limit) or running to the end, agree with a serial parse.
    @Test func concurrentParsesAgreeWithASerialOne() async {
        let texts = ["a: {b: [1, 2]}\nc: &x 3\nd: *x\n", "a: [1, 2\n", "a: 1\n---\nb: 2\n", "a: *missing\n", String(repeating: "k: [", count: 80)]
        let serial = texts.map { parse($0) }
        await withTaskGroup(of: (Int, YAMLParseResult).self) { group in
            for round in 0..<40 {
                let i = round % texts.count
                let text = texts[i]
                group.addTask { (i, parse(text)) }
            }
            for await (i, r) in group {
                #expect(r.diagnostics == serial[i].diagnostics && "\(r.root as Any)" == "\(serial[i].root as Any)", "text \(i)")
            }
        }
    }

    @Test func nullDetection() throws {
        let r = parse("a:\nb: ~\nc: null\nd: 'null'\n")
        let root = try #require(r.root)
        #expect(root["a"]?.isNull == true && root["b"]?.isNull == true && root["c"]?.isNull == true)
        #expect(root["d"]?.isNull == false)
    }
}

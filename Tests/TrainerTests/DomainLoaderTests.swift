import Foundation
import Testing
@testable import Trainer

@Suite struct DomainLoaderTests {
    @Test func globMatchesSortedRegularFilesOnly() throws {
        let files = try DomainLoader.resolveFiles(name: "web", patterns: ["text/*"], baseDirectory: fixtures())
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.txt", "b.txt", "c.md"])
        #expect(files.allSatisfy { $0.hasPrefix("/") })
    }

    @Test func severalPatternsAreMergedWithoutDuplicates() throws {
        let files = try DomainLoader.resolveFiles(name: "web", patterns: ["text/*.txt", "text/a.txt", "text/*/*.txt"],
                                                  baseDirectory: fixtures())
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.txt", "b.txt", "d.txt"])
    }

    @Test func textFilesBecomeDocuments() throws {
        let corpus = try DomainLoader.load(name: "web", source: .paths(["text/*.txt"]), baseDirectory: fixtures())
        let expected = Array("alpha text file\n".utf8) + [0] + Array("beta: ünïcödé ✓\n".utf8) + [0]
        #expect(corpus.documentCount == 2)
        #expect(corpus.tokenCount == Int64(expected.count))
        #expect(corpus == (try DomainCorpus(name: "web", stream: expected, files: corpus.files, documentCount: 2)))
        #expect(!corpus.validation.isEmpty && !corpus.train.isEmpty)
        #expect(corpus.files.count == 2)
    }

    @Test func jsonLinesReadTheTextFieldAndSkipBlankAndEmptyRecords() throws {
        let corpus = try DomainLoader.load(name: "wiki", source: .paths(["jsonl/good.jsonl"]), baseDirectory: fixtures())
        #expect(corpus.documentCount == 2)
        let expected = Array("first record".utf8) + [0] + Array("second é record".utf8) + [0]
        #expect(corpus == (try DomainCorpus(name: "wiki", stream: expected, files: corpus.files, documentCount: 2)))
    }

    @Test func malformedJSONLinesNameFileAndLine() throws {
        let base = fixtures()
        let cases: [(String, Int, String)] = [
            ("jsonl/malformed.jsonl", 3, "not valid JSON"),
            ("jsonl/missing-text.jsonl", 2, "record has no field \"text\""),
            ("jsonl/number-text.jsonl", 1, "field \"text\" is not a string"),
            ("jsonl/array.jsonl", 1, "expected a JSON object with a string field \"text\""),
        ]
        for (file, line, reason) in cases {
            #expect(throws: TrainerError.malformedJSONLines(domain: "wiki", path: base + "/" + file, line: line, reason: reason)) {
                try DomainLoader.load(name: "wiki", source: .paths([file]), baseDirectory: base)
            }
        }
        let error = TrainerError.malformedJSONLines(domain: "wiki", path: "/d/x.jsonl", line: 3, reason: "not valid JSON")
        #expect(error.description == "domain 'wiki': /d/x.jsonl:3: not valid JSON")
    }

    @Test func missingFilesAreReportedWithTheDomainAndPattern() throws {
        let base = fixtures()
        #expect(throws: TrainerError.noMatchingFiles(domain: "code", pattern: "text/*.py", directory: base)) {
            try DomainLoader.load(name: "code", source: .paths(["text/*.py"]), baseDirectory: base)
        }
        #expect(throws: TrainerError.noMatchingFiles(domain: "code", pattern: "nothing-here.txt", directory: base)) {
            try DomainLoader.load(name: "code", source: .paths(["text/a.txt", "nothing-here.txt"]), baseDirectory: base)
        }
        // A directory alone is not a match.
        #expect(throws: TrainerError.noMatchingFiles(domain: "code", pattern: "text/nested", directory: base)) {
            try DomainLoader.load(name: "code", source: .paths(["text/nested"]), baseDirectory: base)
        }
        let message = TrainerError.noMatchingFiles(domain: "code", pattern: "data/*.py", directory: "/specs").description
        #expect(message == "domain 'code': path 'data/*.py' matches no files (looked in /specs)")
    }

    @Test func nonUTF8TextIsLocatedToFileLineAndByte() throws {
        let dir = try temporaryDirectory(with: ["ok.txt": Array("fine\n".utf8), "bad.txt": Array("caf".utf8) + [0x0A, 0x61, 0xE9, 0x0A]])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: TrainerError.invalidUTF8(domain: "books", path: dir + "/bad.txt", byteOffset: 5, line: 2)) {
            try DomainLoader.load(name: "books", source: .paths(["*.txt"]), baseDirectory: dir)
        }
        let jsonl = try temporaryDirectory(with: ["x.jsonl": Array("{\"text\": \"a\"}\n{\"text\": \"".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)])
        defer { try? FileManager.default.removeItem(atPath: jsonl) }
        #expect(throws: TrainerError.invalidUTF8(domain: "books", path: jsonl + "/x.jsonl", byteOffset: 24, line: 2)) {
            try DomainLoader.load(name: "books", source: .paths(["x.jsonl"]), baseDirectory: jsonl)
        }
        #expect(TrainerError.invalidUTF8(domain: "books", path: "/d/bad.txt", byteOffset: 5, line: 2).description
                == "domain 'books': /d/bad.txt:2: invalid UTF-8 at byte offset 5")
    }

    @Test func emptyDomainsAreErrors() throws {
        let dir = try temporaryDirectory(with: ["empty.txt": [], "blank.jsonl": Array("\n\n{\"text\": \"\"}\n".utf8)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: TrainerError.emptyDomain(domain: "news", fileCount: 2)) {
            try DomainLoader.load(name: "news", source: .paths(["empty.txt", "blank.jsonl"]), baseDirectory: dir)
        }
        #expect(TrainerError.emptyDomain(domain: "news", fileCount: 2).description == "domain 'news' is empty: 2 files matched but hold no text")
    }

    @Test func baseDirectoryWithGlobCharactersIsTakenLiterally() throws {
        let parent = try temporaryDirectory(with: [:])
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let odd = parent + "/we[ir]d*dir"
        try FileManager.default.createDirectory(atPath: odd, withIntermediateDirectories: true)
        try Data("hello world\n".utf8).write(to: URL(fileURLWithPath: odd + "/x.txt"))
        let corpus = try DomainLoader.load(name: "odd", source: .paths(["*.txt"]), baseDirectory: odd)
        #expect(corpus.tokenCount == 13)
    }
}

@Suite struct DomainLoaderEdgeTests {
    @Test func noPatternsIsAnEmptyDomain() {
        #expect(throws: TrainerError.emptyDomain(domain: "x", fileCount: 0)) {
            try DomainLoader.load(name: "x", source: .paths([]), baseDirectory: "/")
        }
        #expect(TrainerError.emptyDomain(domain: "x", fileCount: 0).description == "domain 'x' is empty: no paths given")
    }

    @Test func absolutePatternsIgnoreTheBaseDirectory() throws {
        let corpus = try DomainLoader.load(name: "a", source: .paths([fixtures() + "/text/a.txt"]), baseDirectory: "/nonexistent")
        #expect(corpus.tokenCount == 17)
    }
}

import Foundation
import Testing

/// Data problems of domains (missing files, non-UTF-8 text, empty domains) are reported in one
/// pass, each located at its domain's entry in the spec, with exit status 1.
@Test func domainDataErrorsAreLocatedAtTheirSpecEntries() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-derr-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("hello world\n".utf8).write(to: folder.appendingPathComponent("web.txt"))
    try Data([0x68, 0x69, 0xFF, 0xFE, 0x0A]).write(to: folder.appendingPathComponent("bad.txt"))
    try Data().write(to: folder.appendingPathComponent("empty.txt"))
    let spec = """
    mixspec: 1
    name: derr
    domains:
      web: {path: web.txt}
      code: {path: "missing/*.txt"}
      wiki: {path: bad.txt}
      books: {path: empty.txt}
    proxies:
      count: 8
      models: [{name: s, size: 2k, tokens: 5k}]
    regression: {model: linear, folds: 2}
    objective:
      minimize: loss.web

    """
    try Data(spec.utf8).write(to: folder.appendingPathComponent("s.yaml"))
    let result = try CLI.run(["plan", "s.yaml"], directory: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("s.yaml:5:3: error: domain 'code': path 'missing/*.txt' matches no files"))
    #expect(result.stderr.contains("s.yaml:6:3: error: domain 'wiki':"))
    #expect(result.stderr.contains("bad.txt:1: invalid UTF-8 at byte offset 2"))
    #expect(result.stderr.contains("s.yaml:7:3: error: domain 'books' is empty"))
}

/// `check` looks at the data it can see (globs, sizes, the first bytes) and reports each problem
/// once, at the domain's `path:` entry; a pattern that names folders gets a hint.
@Test(.mixspecBinary) func checkReportsDataProblemsAtThePathEntries() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-preflight-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("data/web"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("data/bin"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("hello world\n".utf8).write(to: folder.appendingPathComponent("data/web/a.txt"))
    try Data().write(to: folder.appendingPathComponent("data/web/empty.txt"))
    try Data([0x61, 0x00, 0x62]).write(to: folder.appendingPathComponent("data/bin/x.bin"))
    try Data([0x68, 0x69, 0xFF, 0x0A]).write(to: folder.appendingPathComponent("data/bin/latin1.txt"))
    let spec = """
    mixspec: 1
    name: preflight
    domains:
      web: {path: data/web/*.txt}
      code: {path: data/nothing/*.txt}
      books: {path: data/web}
      bin: {path: [data/bin/*, data/bin/*]}
    proxies:
      count: 16
      models: [{name: s, size: 2k, tokens: 5k}]
    regression: {model: linear, folds: 2}
    objective:
      minimize: loss.web

    """
    try Data(spec.utf8).write(to: folder.appendingPathComponent("s.yaml"))
    let result = try CLI.run(["check", "s.yaml"], directory: folder)
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(lines.count == 5, "\(result.stderr)")
    #expect(result.stderr.contains("s.yaml:4:15: error: domain 'web': data/web/empty.txt is empty"))
    #expect(result.stderr.contains("s.yaml:5:16: error: domain 'code': path 'data/nothing/*.txt' matches no files"))
    #expect(result.stderr.contains("s.yaml:6:17: error: domain 'books': path 'data/web' matches no files") && result.stderr.contains("only folders"))
    #expect(result.stderr.contains("data/bin/x.bin is not text"))
    #expect(result.stderr.contains("data/bin/latin1.txt is not UTF-8 text"))
}

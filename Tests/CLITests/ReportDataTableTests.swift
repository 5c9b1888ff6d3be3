// The report's data table (issue 14) over real files: the files each glob matches, their bytes and
// the counted tokens reach the report task's parameters (its key), so editing a file's size or
// adding a file reruns the report and nothing reads the files at report time.
import Compiler
import Foundation
import Pipeline
import SpecModel
import TestSupport
import Testing

@Suite struct ReportDataTableTests {
    @Test func filesBytesAndTokensOfEachDomainAreReportParameters() throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder.path + "/data/web", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder.path + "/data/code", withIntermediateDirectories: true)
        func text(_ n: Int, _ seed: Int) -> String {
            (0..<n).map { i in "word\((i * 7 + seed) % 23) " }.joined()
        }
        try text(300, 1).write(toFile: folder.path + "/data/web/a.txt", atomically: true, encoding: .utf8)
        try text(200, 2).write(toFile: folder.path + "/data/web/b.txt", atomically: true, encoding: .utf8)
        try text(250, 3).write(toFile: folder.path + "/data/code/c.txt", atomically: true, encoding: .utf8)
        let size = { (path: String) in ((try? fm.attributesOfItem(atPath: folder.path + path)[.size]) as? NSNumber)?.int64Value ?? -1 }
        let spec = """
            mixspec: 1
            name: files
            domains:
              web: {path: data/web/*.txt}
              code: {path: data/code/*.txt}
            proxies:
              count: 8
              models: [{name: tiny, size: 8k, tokens: 20k}]
              trainer: builtin
            regression: {model: linear, folds: 2}
            objective: {minimize: loss.web}
            search: {candidates: 100, top_k: 4, availability: {target_tokens: 1M, max_epochs: 2}}

            """
        try spec.write(toFile: folder.path + "/spec.yaml", atomically: true, encoding: .utf8)
        let loaded = try #require(SpecLoader.load(path: folder.path + "/spec.yaml").spec)
        let session = try SpecSession(spec: loaded, storeOverride: folder.path + "/.mixspec")
        let report = try #require(session.compiled.graph.nodes.first { $0.id == session.compiled.report })
        let diagnostics = try ReportParameters.decode(report).diagnostics
        #expect(diagnostics.data.map(\.domain) == ["web", "code"])
        #expect(diagnostics.data.map(\.source) == ["data/web/*.txt", "data/code/*.txt"])
        #expect(diagnostics.data.map(\.files) == [2, 1])
        #expect(diagnostics.data[0].bytes == size("/data/web/a.txt") + size("/data/web/b.txt"))
        #expect(diagnostics.data[1].bytes == size("/data/code/c.txt"))
        #expect(diagnostics.data.allSatisfy { ($0.tokens ?? 0) > 0 })
        #expect(diagnostics.targetTokens == 1_000_000 && diagnostics.targetSource == "search.availability.target_tokens")
        #expect(diagnostics.maxEpochs == 2)
        #expect(diagnostics.models == ["tiny"] && diagnostics.proxySeeds == 1 && diagnostics.verifySeeds == nil)
    }
}

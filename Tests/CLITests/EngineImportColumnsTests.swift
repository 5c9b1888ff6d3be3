// `check` and `run` agree on which results column holds which domain (SpecModel.MixtureColumns):
// an exact name, else the single column ending in `_<domain>`; every column must be a domain.
import Foundation
import Testing

@Suite(.serialized, .engineCLI)
struct EngineImportColumnsTests {
    static func spec() -> String {
        """
        mixspec: 1
        name: columns
        domains:
          web: {tokens: 4M}
          code: {tokens: 1M}
        proxies:
          results: {mixtures: mixtures.csv, metrics: metrics.csv}
        regression: {model: linear, folds: 3}
        objective:
          minimize: loss
        search: {candidates: 500, top_k: 8}

        """
    }

    /// 12 runs; `loss` falls with the first column's weight.
    static func write(_ ws: Workspace, header: [String]) throws {
        var mixtures = (["run"] + header).joined(separator: ",") + "\n", metrics = "run,loss\n"
        for i in 0..<12 {
            let w = Double(i) / 11
            var row = [w, 1 - w]
            while row.count < header.count { row.append(0) }
            mixtures += "r\(i)," + row.map { String($0) }.joined(separator: ",") + "\n"
            metrics += "r\(i),\(3 - w + 0.01 * Double(i % 3))\n"
        }
        try ws.write(mixtures, to: "mixtures.csv")
        try ws.write(metrics, to: "metrics.csv")
        try ws.write(spec())
    }

    @Test func suffixedColumnsPassCheckAndImport() throws {
        let ws = try Workspace()
        try Self.write(ws, header: ["train_the_pile_web", "code"])
        let check = try ws.mixspec(["check", "spec.yaml"])
        #expect(check.status == 0, "\(check.summary)")
        let run = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(run.status == 0, "\(run.summary)")
        let mixture = try #require(run.json["mixture"] as? [String: Double], "\(run.summary)")
        #expect(mixture["web"]! > mixture["code"]!, "loss falls with web's weight: \(mixture)")
    }

    @Test func checkRejectsWhatImportWouldReject() throws {
        let cases: [([String], String)] = [
            (["a_web", "b_web", "code"], "domain 'web' matches several columns: a_web, b_web"),
            (["web", "source"], "no column for domain 'code'"),
            (["web", "code", "extra"], "columns extra match no domain of the spec"),
        ]
        for (header, message) in cases {
            let ws = try Workspace()
            try Self.write(ws, header: header)
            let check = try ws.mixspec(["check", "spec.yaml"])
            #expect(check.status == 1, "\(header): \(check.summary)")
            #expect(check.stderr.contains(message), "\(header): \(check.stderr)")
            #expect(check.stderr.contains("spec.yaml:7:23:"), "not located at the results entry: \(check.stderr)")
        }
    }

    /// A task's warnings reach the terminal and `run --json` of the run that raised them, and are
    /// shown again, marked as cached, when a later run reuses the result (issue 13).
    @Test func importWarningsReachTheTerminalAndAreRepeatedWhenCached() throws {
        let ws = try Workspace()
        try Self.write(ws, header: ["web", "code"])
        let text = String(decoding: try #require(ws.read("mixtures.csv")), as: UTF8.self)
        try ws.write(text.replacingOccurrences(of: "r3,0.2727272727272727,0.7272727272727273",
                                               with: "r3,0.2727272727272727,0.7273727272727273"), to: "mixtures.csv")
        let first = try ws.mixspec(["run", "spec.yaml", "--json"])
        try #require(first.status == 0, "\(first.summary)")
        #expect(first.stderr.contains("warning: import: "), "\(first.stderr)")
        #expect(first.stderr.contains("renormalised"), "\(first.stderr)")
        let warnings = first.json["warnings"] as? [[String: Any]] ?? []
        #expect(warnings.count == 1 && warnings.first?["task"] as? String == "import" && warnings.first?["cached"] as? Bool == false,
                "\(warnings)")
        let again = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(again.status == 0 && again.executed == 0, "\(again.summary)")
        #expect(again.stderr.contains("warning: import (cached): "), "\(again.stderr)")
        #expect((again.json["warnings"] as? [[String: Any]])?.first?["cached"] as? Bool == true)
    }
}

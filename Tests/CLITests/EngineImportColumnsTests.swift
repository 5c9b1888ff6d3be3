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
}

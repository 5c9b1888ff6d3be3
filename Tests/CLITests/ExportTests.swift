// `mixspec export`: a finished run's results in other stacks' layouts, through the real binary.
// The swarm-csv export must round-trip: a spec importing the exported CSVs fits the same models
// and finds the same mixture.
import Compiler
import Engine
import Foundation
import Pipeline
import SpecModel
import TestSupport
import Testing

@Suite(.serialized) struct ExportTests {
    static let spec = EngineCLI.spec(name: "exp", count: 12, topK: 8, regression: "{model: linear, folds: 3}")

    /// A workspace whose spec has run.
    func ranWorkspace() throws -> Workspace {
        let ws = try Workspace()
        try ws.write(Self.spec)
        let run = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])
        #expect(run.status == 0, "\(run.summary)")
        return ws
    }

    /// Writes `file`: the spec importing `mixtures` and `metrics` instead of training, named `name`; runs it.
    func runImporting(_ ws: Workspace, file: String, name: String, mixtures: String, metrics: String) throws {
        let imported = Self.spec.replacingOccurrences(of: "name: exp", with: "name: \(name)")
            .replacingOccurrences(of: "  count: 12\n  models:\n    - {name: tiny, size: 100k, tokens: 1000000}\n",
                                  with: "  results: {mixtures: \(mixtures), metrics: \(metrics)}\n")
            .replacingOccurrences(of: #"(?s)  trainer:\n    command: [^\n]*\n"#, with: "", options: .regularExpression)
        try ws.write(imported, to: file)
        let check = try ws.mixspec(["check", file])
        #expect(check.status == 0, "\(check.summary)")
        let run = try ws.mixspec(["run", file])
        #expect(run.status == 0, "\(run.summary)")
    }

    /// The stored output digests of a spec's first fit, its search and its collect task.
    func digests(_ ws: Workspace, _ path: String) throws -> (fit: String?, search: String?, collect: String?) {
        let session = try SpecSession(spec: try #require(SpecLoader.load(path: ws.path(path)).spec))
        let plan = session.plan()
        func digest(_ id: TaskID) -> String? { plan.entries.first { $0.id == id && $0.state == .cached }?.outputDigest }
        return (digest(session.compiled.fits[0]), digest(session.compiled.search), digest(session.compiled.collect))
    }

    /// The files of a folder, concatenated in name order (`n10` after `n9`) under `== name ==` lines.
    func folderText(_ ws: Workspace, _ folder: String) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: ws.path(folder))) ?? [])
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
        return names.map { "== \($0) ==\n" + String(decoding: ws.read(folder + "/" + $0) ?? Data(), as: UTF8.self) }.joined()
    }

    @Test(.engineCLI) func swarmCSVRoundTripsThroughImport() throws {
        let ws = try ranWorkspace()
        let export = try ws.mixspec(["export", "spec.yaml", "--format", "swarm-csv", "--out", "swarm"])
        #expect(export.status == 0, "\(export.summary)")
        #expect(export.stdout == "swarm/mixtures.csv\nswarm/metrics.csv\n")
        try Golden.check(folderText(ws, "swarm"), "golden/export/swarm-csv.txt")

        try runImporting(ws, file: "imported.yaml", name: "imported", mixtures: "swarm/mixtures.csv", metrics: "swarm/metrics.csv")

        // The import reproduces `collect`'s table exactly (weights and metrics are written with
        // Swift's shortest round-tripping decimal form, and a row summing to 1 within 1e-6 is not
        // renormalised): exporting the importing spec gives the same bytes. (The trained collect
        // also keeps each run's checkpoints for the report's curves, which a CSV does not carry, so
        // the two collect blobs differ.) The fit and the search read the same table: their stored
        // outputs are the same blobs, bit for bit.
        let original = try digests(ws, "spec.yaml"), reimported = try digests(ws, "imported.yaml")
        #expect(original.collect != nil && reimported.collect != nil)
        let again = try ws.mixspec(["export", "imported.yaml", "--format", "swarm-csv", "--out", "swarm-again"])
        #expect(again.status == 0, "\(again.summary)")
        #expect(folderText(ws, "swarm-again") == folderText(ws, "swarm"))
        #expect(original.fit != nil && original.fit == reimported.fit)
        #expect(original.search != nil && original.search == reimported.search)
        let weights = { (name: String) in
            ((try? JSONSerialization.jsonObject(with: ws.read("out/\(name)/mixture.json") ?? Data())) as? [String: Any])?["weights"] as? [String: Double]
        }
        #expect(weights("exp") != nil && weights("exp") == weights("imported"))
    }

    /// Olmix's CSVs are imported as they are (unnamed index, `run`, `name`, `index` columns are
    /// metadata; `train_web` matches domain `web` by its `_web` suffix): the same fit again.
    @Test(.engineCLI) func olmixCSVsImportAsTheyAre() throws {
        let ws = try ranWorkspace()
        try ws.write("web: train_web\ncode: train_code\nwiki: train_wiki\n", to: "names.yaml")
        let export = try ws.mixspec(["export", "spec.yaml", "--format", "olmix", "--names", "names.yaml", "--out", "olmix"])
        #expect(export.status == 0, "\(export.summary)")
        try runImporting(ws, file: "olmix.yaml", name: "from-olmix", mixtures: "olmix/ratios.csv", metrics: "olmix/metrics.csv")
        let original = try digests(ws, "spec.yaml").fit, fromOlmix = try digests(ws, "olmix.yaml").fit
        #expect(original != nil && original == fromOlmix)
    }

    @Test(.engineCLI) func formatsMatchTheirGoldens() throws {
        let ws = try ranWorkspace()
        try ws.write("# dataset names\nweb: train_web\ncode: train_code\nwiki: train_wiki\n", to: "names.yaml")
        try ws.write("domain,dataset\nweb,data/web_text_document\ncode,data/code_text_document\nwiki,data/wiki_text_document\n", to: "names.csv")
        for (format, names) in [("regmix", "names.yaml"), ("megatron", "names.csv"), ("olmix", "names.yaml")] {
            let r = try ws.mixspec(["export", "spec.yaml", "--format", format, "--names", names])
            #expect(r.status == 0, "\(r.summary)")
            #expect(r.stdout.split(separator: "\n").allSatisfy { $0.contains("out/exp/export/\(format)/") })
            try Golden.check(folderText(ws, "out/exp/export/\(format)"), "golden/export/\(format).txt")
        }
        // Without a map, the domain names are the dataset names.
        let plain = try ws.mixspec(["export", "spec.yaml", "--format", "megatron", "--out", "plain"])
        #expect(plain.status == 0)
        let line = String(decoding: ws.read("plain/data-path.txt") ?? Data(), as: UTF8.self)
        #expect(line.hasSuffix("\n") && line.split(separator: " ").count == 6 && line.contains(" web") && line.contains(" wiki"))
    }

    @Test(.engineCLI) func missingResultsAndBadMapsAreLocatedErrors() throws {
        let ws = try Workspace()
        try ws.write(Self.spec)
        let notRun = try ws.mixspec(["export", "spec.yaml", "--format", "swarm-csv"])
        #expect(notRun.status == 1 && notRun.stderr.contains("run it first: mixspec run"), "\(notRun.summary)")
        #expect(ws.read("out/exp/export/swarm-csv/mixtures.csv") == nil)
        _ = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])

        try ws.write("web: train_web\nwbe: train_web2\ncode: train_code\n", to: "bad.yaml")
        let bad = try ws.mixspec(["export", "spec.yaml", "--format", "regmix", "--names", "bad.yaml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.yaml:2:1: error: 'wbe' is not a domain of the spec; did you mean 'web'?"), "\(bad.summary)")
        #expect(bad.stderr.contains("bad.yaml:1:1: error: no dataset name for domain wiki"), "\(bad.summary)")

        try ws.write("web,train_web\ncode\nwiki,w\n", to: "bad.csv")
        let badCSV = try ws.mixspec(["export", "spec.yaml", "--format", "megatron", "--names", "bad.csv"])
        #expect(badCSV.status == 1 && badCSV.stderr.contains("bad.csv:2:1: error: expected two columns"), "\(badCSV.summary)")

        let usage = try ws.mixspec(["export", "spec.yaml", "--format", "nemo"])
        #expect(usage.status == 64 && usage.stderr.contains("swarm-csv, regmix, megatron, olmix"))
    }
}

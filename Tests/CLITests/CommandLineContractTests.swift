// Small promises of the command line (issue 13): `--version`, `help NOSUCH` is a usage error, the
// report path printed by `run` is valid from where the user stands, CSV fields never run as formulas.
import Foundation
import Testing

@Suite(.serialized)
struct CommandLineContractTests {
    @Test(.mixspecBinary) func versionAndUnknownHelpTopic() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3,
                "\(version.stdout)")
        let unknown = try CLI.run(["help", "statu"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown command 'statu'; did you mean 'status'?"), "\(unknown.stderr)")
        let known = try CLI.run(["help", "status"])
        #expect(known.status == 0 && known.stdout.contains("up to date"))
    }

    @Test(.engineCLI) func theReportPathIsPrintedFromTheWorkingDirectory() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(atPath: ws.path("specs"), withIntermediateDirectories: true)
        try ws.write(EngineCLI.spec().replacingOccurrences(of: "minimize: mean(loss.web, loss.code, loss.wiki)",
                                                          with: "minimize: loss.web"), to: "specs/spec.yaml")
        let run = try ws.mixspec(["run", "specs/spec.yaml"])
        try #require(run.status == 0, "\(run.summary)")
        #expect(run.stdout.contains("Report  specs/out/e2e/report.html"), "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: ws.path("specs/out/e2e/report.html")))
        // summary.json keeps paths relative to the spec's folder (it travels with the outputs).
        let summary = try #require(ws.read("specs/out/e2e/summary.json"))
        #expect(String(decoding: summary, as: UTF8.self).contains("\"out/e2e/report.html\""))
    }

    @Test(.engineCLI) func metricNamesCannotInjectSpreadsheetFormulas() throws {
        let ws = try Workspace()
        let script = """
            import json, sys
            w = json.load(open(sys.argv[1]))["weights"]
            json.dump({"metrics": {"=1+1": 1.0 + w["web"], "loss.web": 2.0 - w["web"]}}, open(sys.argv[2] + "/metrics.json", "w"))

            """
        try ws.write(script, to: "inject.py")
        try ws.write(EngineCLI.spec(trainer: "[python3, inject.py, \"{mixture}\", \"{out}\"]")
            .replacingOccurrences(of: "minimize: mean(loss.web, loss.code, loss.wiki)",
                                  with: "minimize: 'metric(\"=1+1\") + loss.web'"))
        let run = try ws.mixspec(["run", "spec.yaml"])
        try #require(run.status == 0, "\(run.summary)")
        let cv = String(decoding: try #require(ws.read("out/e2e/cv.csv")), as: UTF8.self)
        #expect(cv.contains("'=1+1"), "\(cv)")
        #expect(!cv.split(separator: "\n").contains { $0.split(separator: ",").dropFirst().first?.hasPrefix("=") == true })
    }
}

// The report in a real browser (issue 14): headless Chromium renders the full fixture's report.html;
// every chart's <svg> must have a non-zero rendered size and the page must log nothing to the
// console. The screenshot is kept under .build/browser-test/ (its path is printed). Skipped, with
// the reason, where Chromium or python3 is absent; .ci/run installs both.
import Foundation
import Reporting
import TestSupport
import Testing

enum Browser {
    /// Chromium's binary on PATH (Debian's package `chromium`), if any.
    static let chromium: String? = executable(["chromium", "chromium-browser"])
    static let python: String? = executable(["python3"])

    private static func executable(_ names: [String]) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in names { for dir in paths where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" } }
        return nil
    }

    /// What `check_report.py` measured.
    struct Probe: Decodable {
        struct SVG: Decodable { let id: String; let width: Double; let height: Double }
        let svgs: [SVG]
        let errors: [String]
        let console: [String]
        let height: Int
        let screenshot: String
    }

    /// Renders `html` in Chromium and returns the probe; the screenshot goes to `.build/browser-test/<name>.png`.
    static func check(_ html: String, name: String) throws -> Probe {
        let folder = Repo.path(".build/browser-test")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let report = folder + "/\(name).html", screenshot = folder + "/\(name).png"
        try html.write(toFile: report, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: screenshot)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/python3")
        process.arguments = [Repo.path("Tests/ReportingTests/Browser/check_report.py"), chromium ?? "chromium", report, screenshot]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BrowserError(message: "check_report.py exited \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
        }
        return try JSONDecoder().decode(Probe.self, from: stdout)
    }

    struct BrowserError: Error, CustomStringConvertible { let message: String; var description: String { message } }
}

@Suite("Report in a browser", .serialized)
struct ReportBrowserTests {
    @Test(.enabled(if: Browser.chromium != nil && Browser.python != nil, "needs chromium (Debian package chromium) and python3"))
    func everyChartRendersWithASizeAndThePageLogsNoErrors() throws {
        let html = ReportHTML.render(ReportFixtures.full())
        let probe = try Browser.check(html, name: "report-full")
        print("report screenshot: \(probe.screenshot)")
        let charts = html.components(separatedBy: "<svg ").count - 1
        #expect(charts == 10, "the full fixture draws every chart: mixture, CV, spread, swarm, weight-objective, linear, gain, partial dependence, scatters, curves")
        #expect(probe.svgs.count == charts)
        for svg in probe.svgs { #expect(svg.width > 0 && svg.height > 0, "\(svg.id) renders at \(svg.width)×\(svg.height)") }
        #expect(probe.errors.isEmpty, "\(probe.errors)")
        #expect(probe.console.isEmpty, "\(probe.console)")
        #expect(probe.height > 3000, "the page lays out all sections")
        let png = try #require(FileManager.default.contents(atPath: probe.screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
    }
}

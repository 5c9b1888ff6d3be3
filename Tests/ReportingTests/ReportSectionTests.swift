// One test per diagnostic section (issue 14): the full fixture renders the section's chart or table,
// and the same summary without that section's data renders the section's "missing" note instead.
import Reporting
import Testing

@Suite("Report diagnostic sections")
struct ReportSectionTests {
    /// The HTML of the section with `id`, from `<section id="…">` to its `</section>`.
    private func section(_ id: String, in html: String) -> String? {
        guard let start = html.range(of: "<section id=\"\(id)\">"),
              let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    private func rendered(_ edit: (inout RunDiagnostics) -> Void) -> String {
        var summary = ReportFixtures.full()
        var diagnostics = summary.diagnostics ?? RunDiagnostics()
        edit(&diagnostics)
        summary.diagnostics = diagnostics
        return ReportHTML.render(summary)
    }

    @Test func swarmCoverage() throws {
        let full = try #require(section("swarm", in: rendered { _ in }))
        #expect(full.contains("id=\"swarm-chart-title\""))
        #expect(full.contains("class=\"swarm-dot\""))
        #expect(full.contains("20.3%"), "share of zero weights of code (13 of 64 runs)")
        let missing = try #require(section("swarm", in: rendered { $0.swarm = nil }))
        #expect(!missing.contains("<svg"))
        #expect(missing.contains("No proxy runs were collected."))
    }

    @Test func weightVsObjective() throws {
        let full = try #require(section("weight-objective", in: rendered { _ in }))
        #expect(full.contains("id=\"weight-objective-chart-title\""))
        #expect(full.contains("class=\"found-line\""))
        let noObjective = try #require(section("weight-objective", in: rendered { $0.swarm?.objective = [] }))
        #expect(!noObjective.contains("<svg"))
        #expect(noObjective.contains("do not all report the objective"))
    }

    @Test func fittedModels() throws {
        let full = try #require(section("model", in: rendered { _ in }))
        #expect(full.contains("id=\"linear-chart-linear-loss-web-title\""))
        #expect(full.contains("[-0.5800, -0.4600]"))
        #expect(full.contains("id=\"gain-chart-gbdt-loss-web-title\""))
        #expect(full.contains("id=\"pd-chart-gbdt-loss-web-title\""))
        #expect(full.contains("<td>c</td><td class=\"num\">2.5000</td>"))
        let missing = try #require(section("model", in: rendered { $0.models = [] }))
        #expect(!missing.contains("<svg"))
        #expect(missing.contains("No fitted model details were recorded."))
    }

    @Test func scattersPerRegressorAndMetric() throws {
        let full = try #require(section("scatters", in: rendered { _ in }))
        #expect(full.contains("gbdt · loss.web"))
        #expect(full.contains("linear · objective"))
        let missing = try #require(section("scatters", in: rendered { $0.scatters = [] }))
        #expect(!missing.contains("<svg"))
    }

    @Test func trainingCurves() throws {
        let full = try #require(section("curves", in: rendered { _ in }))
        #expect(full.contains("class=\"band\""))
        #expect(full.contains("class=\"curve-found\""))
        #expect(full.contains("class=\"curve-baseline\""))
        let missing = try #require(section("curves", in: rendered { $0.curves = [] }))
        #expect(!missing.contains("<svg"))
        #expect(missing.contains("reported no checkpoints"))
    }

    @Test func noise() throws {
        let full = try #require(section("noise", in: rendered { _ in }))
        #expect(full.contains("Noise ceiling ρ"))
        #expect(full.contains("<td class=\"num\">0.997</td>"))
        #expect(full.contains("CV ρ <code>gbdt</code>"))
        let missing = try #require(section("noise", in: rendered { $0.noise = nil }))
        #expect(missing.contains("replicate noise is unknown"))
    }

    @Test func dataTable() throws {
        let full = try #require(section("data", in: rendered { _ in }))
        #expect(full.contains("<th class=\"num\">Epochs</th>"))
        #expect(full.contains("<td class=\"num worse\">5.00</td>"), "five epochs exceed the default mark of 4")
        #expect(full.contains("20M tokens"))
        let missing = try #require(section("data", in: rendered { $0.data = nil }))
        #expect(missing.contains("No domain data was recorded."))
    }

    @Test func rankConsistency() throws {
        let full = try #require(section("rank-consistency", in: rendered { _ in }))
        #expect(full.contains("<td class=\"num\">0.912</td>"))
        #expect(section("rank-consistency", in: rendered { $0.rankConsistency = [] }) == nil)
    }

    @Test func outputPathsAreLinksRelativeToTheReport() throws {
        let html = ReportHTML.render(ReportFixtures.full())
        let outputs = try #require(section("outputs", in: html))
        #expect(outputs.contains("<a href=\"summary.json\"><code>out/quickstart/summary.json</code></a>"))
        #expect(outputs.contains("<a href=\"mixture.json\">"))
        var elsewhere = ReportFixtures.full()
        elsewhere.outputs.others = [KeySetting("odd", "data/a b#c.csv")]
        #expect(ReportHTML.render(elsewhere).contains("<a href=\"../../data/a%20b%23c.csv\">"))
    }

    @Test func theReportStaysScriptFreeAndSelfContained() {
        let html = ReportHTML.render(ReportFixtures.full())
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\""))
        #expect(!html.contains("<link"))
    }
}

@Suite("Report point budget")
struct PointBudgetTests {
    @Test func aLargeSwarmDrawsAtMostTheBudgetPerRow() {
        var summary = ReportFixtures.full()
        let runs = 4000
        summary.diagnostics?.swarm = SwarmCoverage(
            runs: (0..<runs).map(String.init),
            weights: Dictionary(uniqueKeysWithValues: ReportFixtures.domains.map { d in (d, (0..<runs).map { Double($0 % 100) / 400 }) }),
            objective: (0..<runs).map { 3 + Double($0 % 7) / 10 }, zeroShare: [:])
        let html = ReportHTML.render(summary)
        let dots = html.components(separatedBy: "class=\"swarm-dot\"").count - 1
        #expect(dots == 1 + 1500 * ReportFixtures.domains.count, "one legend dot and 1500 per domain")
        #expect(html.contains("1500 of the 4000 runs are drawn"))
    }
}

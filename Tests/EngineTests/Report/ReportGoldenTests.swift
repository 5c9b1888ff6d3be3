// Golden outputs of every report rendering for fixed summaries.
import Engine
import Reporting
import Testing

@Suite("Report golden outputs")
struct ReportGoldenTests {
    @Test func htmlReportOfAFullRun() throws {
        try GoldenFile.check(ReportHTML.render(ReportFixtures.full()), named: "report-full.html")
    }

    @Test func htmlReportWithoutVerifyAndWithoutCrossValidation() throws {
        let html = ReportHTML.render(ReportFixtures.bare())
        #expect(html.contains("No cross-validation was run."))
        #expect(html.contains("has no <code>verify</code> section"))
        #expect(!html.contains("id=\"cv-chart\""))
        try GoldenFile.check(html, named: "report-bare.html")
    }

    @Test func summaryJSON() throws {
        try GoldenFile.check(ReportFixtures.full().jsonText(), named: "summary.json")
    }

    @Test func terminalSummaryPlainAndColoured() throws {
        try GoldenFile.check(TerminalSummary.render(ReportFixtures.full(), color: false), named: "terminal.txt")
        try GoldenFile.check(TerminalSummary.render(ReportFixtures.full(), color: true), named: "terminal-color.txt")
        try GoldenFile.check(TerminalSummary.render(ReportFixtures.bare(), color: false), named: "terminal-bare.txt")
    }

    @Test func comparisonAsTextMarkdownAndJSON() throws {
        let comparison = RunComparison(a: ReportFixtures.full(), b: ReportFixtures.alternative())
        try GoldenFile.check(ComparisonRender.text(comparison, color: false), named: "comparison.txt")
        try GoldenFile.check(ComparisonRender.markdown(comparison), named: "comparison.md")
        try GoldenFile.check(ComparisonRender.json(comparison), named: "comparison.json")
    }

    @Test func renderingIsDeterministic() throws {
        let a = ReportFixtures.full(), b = ReportFixtures.full()
        #expect(ReportHTML.render(a) == ReportHTML.render(b))
        #expect(try a.jsonText() == b.jsonText())
    }
}

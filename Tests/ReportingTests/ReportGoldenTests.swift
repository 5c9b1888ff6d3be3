// Golden outputs of every report rendering for fixed summaries.
import Reporting
import TestSupport
import Testing

@Suite("Report golden outputs")
struct ReportGoldenTests {
    @Test func htmlReportOfAFullRun() throws {
        try Golden.check(ReportHTML.render(ReportFixtures.full()), "golden/report/report-full.html")
    }

    @Test func htmlReportWithoutVerifyAndWithoutCrossValidation() throws {
        let html = ReportHTML.render(ReportFixtures.bare())
        #expect(html.contains("No cross-validation was run."))
        #expect(html.contains("has no <code>verify</code> section"))
        #expect(!html.contains("id=\"cv-chart\""))
        try Golden.check(html, "golden/report/report-bare.html")
    }

    @Test func summaryJSON() throws {
        try Golden.check(ReportFixtures.full().jsonText(), "golden/report/summary.json")
    }

    @Test func terminalSummaryPlainAndColoured() throws {
        try Golden.check(TerminalSummary.render(ReportFixtures.full(), color: false), "golden/report/terminal.txt")
        try Golden.check(TerminalSummary.render(ReportFixtures.full(), color: true), "golden/report/terminal-color.txt")
        try Golden.check(TerminalSummary.render(ReportFixtures.bare(), color: false), "golden/report/terminal-bare.txt")
    }

    @Test func comparisonAsTextMarkdownAndJSON() throws {
        let comparison = RunComparison(a: ReportFixtures.full(), b: ReportFixtures.alternative())
        try Golden.check(ComparisonRender.text(comparison, color: false), "golden/report/comparison.txt")
        try Golden.check(ComparisonRender.markdown(comparison), "golden/report/comparison.md")
        try Golden.check(ComparisonRender.json(comparison), "golden/report/comparison.json")
    }

    @Test func renderingIsDeterministic() throws {
        let a = ReportFixtures.full(), b = ReportFixtures.full()
        #expect(ReportHTML.render(a) == ReportHTML.render(b))
        #expect(try a.jsonText() == b.jsonText())
    }
}

// Comparing two runs: domain alignment, verdict, caveats.
import Foundation
import Reporting
import Testing

@Suite("Run comparison")
struct RunComparisonTests {
    @Test func theBetterVerifiedRunWins() throws {
        let c = RunComparison(a: ReportFixtures.full(), b: ReportFixtures.alternative())
        let verdict = try #require(c.verdict)
        #expect(verdict.better == "B")
        #expect(abs(verdict.gain - 0.0123) < 1e-12)
        #expect(c.notes.isEmpty)
        let reversed = try #require(RunComparison(a: ReportFixtures.alternative(), b: ReportFixtures.full()).verdict)
        #expect(reversed.better == "A")
    }

    @Test func differentObjectivesAreNotComparable() {
        var b = ReportFixtures.alternative()
        b.objective = ObjectiveSummary(direction: .minimize, text: "loss.code")
        let c = RunComparison(a: ReportFixtures.full(), b: b)
        #expect(c.verdict == nil)
        #expect(c.notes.contains { $0.contains("objectives differ") })
        #expect(ComparisonRender.text(c, color: false).contains("not comparable"))
    }

    @Test func domainsAreAlignedByName() {
        var b = ReportFixtures.alternative()
        b.domains = ["wiki", "web", "math"]
        b.found = ["wiki": 0.5, "web": 0.3, "math": 0.2]
        let c = RunComparison(a: ReportFixtures.full(), b: b)
        #expect(c.mixture.map(\.domain) == ["web", "code", "wiki", "books", "math"])
        #expect(c.mixture[1].b == nil && c.mixture[1].difference == nil)
        #expect(c.mixture[4].a == nil && c.mixture[4].b == 0.2)
        #expect(c.mixture[2].difference == 0.5 - (ReportFixtures.full().found["wiki"] ?? 0))
        #expect(c.notes.contains { $0.contains("domains differ") })
    }

    @Test func runsWithoutVerifyStillCompare() {
        let c = RunComparison(a: ReportFixtures.bare(), b: ReportFixtures.bare())
        #expect(c.verdict == nil)
        #expect(c.notes == ["Neither run was verified at target scale."])
        let markdown = ComparisonRender.markdown(c)
        #expect(markdown.contains("### Verify A: quickstart\n\nNot run."))
        #expect(markdown.contains("None recorded."))
    }

    @Test func theJSONDecodesBackToTheSameComparison() throws {
        let c = RunComparison(a: ReportFixtures.full(), b: ReportFixtures.alternative())
        let decoded = try JSONDecoder().decode(RunComparison.self, from: Data(ComparisonRender.json(c).utf8))
        #expect(decoded == c)
        #expect(c.b.improvements.map(\.baseline) == ["prior"])
    }
}

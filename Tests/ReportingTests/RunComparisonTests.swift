// Comparing two runs: domain alignment, verdict, caveats.
import Foundation
@testable import Reporting
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

    /// A summary whose found row was verified over `seeds` seeds with objective `mean ± std`.
    static func verified(_ mean: Double, std: Double?, seeds: Int, name: String) -> RunSummary {
        var s = ReportFixtures.full()
        s.specName = name
        s.verify = VerifyTable(model: "256k params, 20M tokens", metrics: [], rows: [
            VerifyRow(name: "found", role: .found, objective: mean, objectiveStd: std, seeds: seeds, metrics: [:]),
        ])
        return s
    }

    @Test func welchPValuesMatchTheTTable() {
        // Two-sided Student t: t = 2.228 at 10 df is the 95% point; t = 2, 10 df gives p = 0.0734;
        // t = 4.303 at 2 df is the 95% point; t = 0 gives 1.
        #expect(abs(DifferenceTest.twoSidedP(t: 2.228, df: 10) - 0.05) < 2e-4)
        #expect(abs(DifferenceTest.twoSidedP(t: -2, df: 10) - 0.07339) < 1e-4)
        #expect(abs(DifferenceTest.twoSidedP(t: 4.303, df: 2) - 0.05) < 2e-4)
        #expect(abs(DifferenceTest.twoSidedP(t: 1, df: 1) - 0.5) < 1e-9)
        #expect(DifferenceTest.twoSidedP(t: 0, df: 4) == 1)
    }

    @Test func aDifferenceSmallerThanTheNoiseIsNoVerdict() throws {
        // A and B differ by 0.0001 while their seeds spread by 0.004: no side is better.
        let c = RunComparison(a: Self.verified(2.8611, std: 0.0042, seeds: 3, name: "a"),
                              b: Self.verified(2.8610, std: 0.0040, seeds: 3, name: "b"))
        let verdict = try #require(c.verdict)
        #expect(verdict.verdict == .withinNoise)
        #expect((verdict.test.pValue ?? 0) > 0.9)
        let text = ComparisonRender.text(c, color: false)
        #expect(text.contains("Verdict  within noise: A and B differ by 0.0001"), "\(text)")
        #expect(!text.contains("is better by"))
        #expect(try ComparisonRender.json(c).contains("\"verdict\" : \"within noise\""))
    }

    @Test func aDifferenceBeyondTheNoiseIsAVerdict() throws {
        let c = RunComparison(a: Self.verified(2.90, std: 0.001, seeds: 3, name: "a"),
                              b: Self.verified(2.86, std: 0.002, seeds: 4, name: "b"))
        let verdict = try #require(c.verdict)
        #expect(verdict.verdict == .better && verdict.better == "B")
        #expect((verdict.test.pValue ?? 1) < 0.001)
        #expect(ComparisonRender.text(c, color: false).contains("B (b) is better by 0.0400"))
        let worse = try #require(RunComparison(a: Self.verified(2.86, std: 0.002, seeds: 4, name: "b"),
                                               b: Self.verified(2.90, std: 0.001, seeds: 3, name: "a")).verdict)
        #expect(worse.verdict == .worse && worse.better == "A")
    }

    @Test func oneSeedLeavesTheNoiseUnknown() throws {
        let c = RunComparison(a: Self.verified(2.90, std: nil, seeds: 1, name: "a"),
                              b: Self.verified(2.80, std: 0.002, seeds: 3, name: "b"))
        let verdict = try #require(c.verdict)
        #expect(verdict.verdict == .noiseUnknown && verdict.test.pValue == nil)
        let text = ComparisonRender.text(c, color: false)
        #expect(text.contains("Verdict  none, noise unknown (1 seed): A and B differ by 0.1000"), "\(text)")
        #expect(try ComparisonRender.json(c).contains("\"verdict\" : \"noise unknown\""))
    }

    @Test func verifyGainsWithinTheNoiseAreMarked() {
        let table = VerifyTable(model: "m", metrics: [], rows: [
            VerifyRow(name: "found", role: .found, objective: 2.8610, objectiveStd: 0.004, seeds: 3, metrics: [:]),
            VerifyRow(name: "prior", role: .baseline, objective: 2.8611, objectiveStd: 0.004, seeds: 3, metrics: [:]),
            VerifyRow(name: "uniform", role: .baseline, objective: 2.9600, objectiveStd: 0.004, seeds: 3, metrics: [:]),
        ])
        let gains = table.improvements(direction: .minimize)
        #expect(gains.map(\.verdict) == [.withinNoise, .better])
        #expect(gains[0].displayText == "+0.0001 (0.00%) within noise")
        let lines = TerminalSummary.verifyTable(table, direction: .minimize, color: false)
        #expect(lines.contains { $0.contains("+0.0001 (0.00%) within noise") })
        #expect(lines.last?.contains("Welch t-test") == true)
    }
}

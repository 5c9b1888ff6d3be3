// The small statistics and formatting the renderings rely on.
@testable import Reporting
import Testing

@Suite("Report statistics and formatting")
struct ReportStatisticsTests {
    @Test func quartilesMatchNumpysLinearInterpolation() throws {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 75, 100]) == [1, 1.75, 2.5, 3.25, 4]
        let s = try #require(FiveNumberSummary([4, 1, 3, 2]))
        #expect([s.min, s.lowerQuartile, s.median, s.upperQuartile, s.max] == [1, 1.75, 2.5, 3.25, 4])
        let one = try #require(FiveNumberSummary([0.3]))
        #expect(one.min == 0.3 && one.median == 0.3 && one.max == 0.3)
        #expect(FiveNumberSummary([]) == nil)
        #expect(FiveNumberSummary([.nan]) == nil)
    }

    @Test func candidateSpreadFollowsDomainOrder() {
        let spread = ReportFixtures.full().candidateSpread
        #expect(spread.map(\.domain) == ReportFixtures.domains)
        for entry in spread {
            let s = entry.spread
            #expect(s != nil)
            if let s { #expect(s.min <= s.lowerQuartile && s.lowerQuartile <= s.median && s.median <= s.upperQuartile && s.upperQuartile <= s.max) }
        }
    }

    @Test func bestRowAndImprovementsFollowTheDirection() throws {
        let table = VerifyTable(model: "m", metrics: [], rows: [
            VerifyRow(name: "found", role: .found, objective: 2.0, metrics: [:]),
            VerifyRow(name: "prior", role: .baseline, objective: 2.5, metrics: [:]),
            VerifyRow(name: "uniform", role: .baseline, objective: 1.5, metrics: [:]),
        ])
        #expect(table.bestRowIndex(direction: .minimize) == 2)
        #expect(table.bestRowIndex(direction: .maximize) == 1)
        let gains = table.improvements(direction: .minimize)
        #expect(gains.map(\.baseline) == ["prior", "uniform"])
        #expect(gains.map(\.gain) == [0.5, -0.5])
        #expect(gains[0].relativeGain == 0.2)
        #expect(table.improvements(direction: .maximize).map(\.gain) == [-0.5, 0.5])
        let nanTable = VerifyTable(model: "m", metrics: [], rows: [VerifyRow(name: "found", role: .found, objective: .nan, metrics: [:])])
        #expect(nanTable.bestRowIndex(direction: .minimize) == nil)
    }

    @Test func numberFormattingIsFixedAndNeverNegativeZero() {
        let f = ReportNumberFormat.self
        #expect(f.fixed(-0.00001, 3) == "0.000")
        #expect(f.fixed(2.87345, 2) == "2.87")
        #expect(f.fixed(.nan, 3) == "nan" && f.fixed(-.infinity, 3) == "-inf")
        #expect(f.signed(0.05, 2) == "+0.05" && f.signed(-0.05, 2) == "-0.05" && f.signed(0, 2) == "0.00")
        #expect(f.signedPercent(0.0197, 2) == "+1.97%")
        #expect(f.optional(nil, 3) == "—")
        #expect(f.compactCount(1_000_000) == "1M" && f.compactCount(32_000) == "32k" && f.compactCount(1_500) == "1.5k")
        #expect(f.compactCount(25_000_000_000) == "25B" && f.compactCount(900) == "900" && f.compactCount(1_250_000) == "1.25M")
        #expect(f.plain(0.5) == "0.5" && f.plain(15) == "15" && f.plain(2e-4) == "0.0002")
        #expect(f.error(0.000314) == "3.14e-04" && f.error(0.25) == "0.2500")
    }

    @Test func axisTicksAreRoundAndCoverTheRange() {
        let scale = AxisScale(low: 3.03, high: 3.42, count: 5)
        #expect(scale.step == 0.1)
        #expect(scale.ticks.map { scale.label($0) } == ["3.0", "3.1", "3.2", "3.3", "3.4", "3.5"])
        let weights = AxisScale(low: 0, high: 0.4, count: 5, includeZero: true)
        #expect(weights.ticks.map { weights.label($0) } == ["0.0", "0.1", "0.2", "0.3", "0.4"])
        let flat = AxisScale(low: 2, high: 2)
        #expect(flat.lower < 2 && flat.upper > 2)
        let broken = AxisScale(low: .nan, high: .infinity)
        #expect(broken.lower.isFinite && broken.upper.isFinite && broken.upper > broken.lower)
    }

    @Test func terminalBarsUseEighths() {
        #expect(TerminalText.bar(1, width: 4) == "████")
        #expect(TerminalText.bar(0.5, width: 3) == "█▌")
        #expect(TerminalText.bar(0, width: 4) == "")
        #expect(TerminalText.bar(0.001, width: 4) == "▏")
    }
}

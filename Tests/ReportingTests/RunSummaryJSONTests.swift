// summary.json: round trip, stable bytes, clear errors.
import Foundation
import Reporting
import Testing

@Suite("summary.json")
struct RunSummaryJSONTests {
    @Test func roundTripsEveryField() throws {
        for summary in [ReportFixtures.full(), ReportFixtures.bare(), ReportFixtures.hostile(), ReportFixtures.alternative()] {
            let decoded = try RunSummary.decode(json: summary.jsonData())
            #expect(decoded == summary)
            #expect(try decoded.jsonData() == summary.jsonData())
        }
    }

    @Test func keysAreSortedAndTheTextEndsInANewline() throws {
        let text = try ReportFixtures.full().jsonText()
        #expect(text.hasSuffix("}\n"))
        let topLevelKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topLevelKeys == topLevelKeys.sorted())
        #expect(topLevelKeys.contains("specName") && topLevelKeys.contains("verify"))
    }

    @Test func nonFiniteNumbersSurviveTheRoundTrip() throws {
        var summary = ReportFixtures.full()
        summary.predicted = PredictedObjectives(found: .nan, prior: .infinity, uniform: -.infinity)
        let decoded = try RunSummary.decode(json: summary.jsonData())
        #expect(decoded.predicted.found?.isNaN == true)
        #expect(decoded.predicted.prior == .infinity)
        #expect(decoded.predicted.uniform == -.infinity)
    }

    @Test func aMissingFieldIsNamedWithItsPath() throws {
        let json = try ReportFixtures.full().jsonText().replacingOccurrences(of: "\"spearman\" : 0.9731,", with: "")
        do {
            _ = try RunSummary.decode(json: Data(json.utf8))
            Issue.record("decoding should fail")
        } catch let error as RunSummaryDecodingError {
            #expect(error.description.contains("summary.crossValidation[0]"))
            #expect(error.description.contains("missing field 'spearman'"))
        }
    }

    @Test func anUnknownFormatVersionIsRejected() throws {
        var summary = ReportFixtures.full()
        summary.format = 99
        #expect(throws: RunSummaryDecodingError.self) { try RunSummary.decode(json: summary.jsonData()) }
    }

    @Test func malformedJSONIsAnErrorNotACrash() {
        #expect(throws: RunSummaryDecodingError.self) { try RunSummary.decode(json: Data("{\"format\": 1,".utf8)) }
    }
}

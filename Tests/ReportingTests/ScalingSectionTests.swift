// The report's scaling section (issue 11): well-formed, shows predictions beside verified values,
// the charts, every mixture's laws and leave-one-size-out; the terminal prints the predictions; a
// summary without `scaling` renders exactly as before (no section, no key in summary.json).
import Foundation
import Testing
@testable import Reporting

enum ScalingFixtures {
    static func summary() -> RunSummary {
        var s = ReportFixtures.full()
        let models = [ScalingModel(name: "s4k", size: 4000, tokens: 100_000), ScalingModel(name: "s8k", size: 8000, tokens: 100_000),
                      ScalingModel(name: "s<16k>", size: 16000, tokens: 100_000)]
        let metrics = ["loss.web", "loss.wiki"]
        func step(_ m: ScalingModel, _ shift: Double) -> StepLawSummary {
            let tokens = [25_000.0, 50_000, 100_000]
            return StepLawSummary(model: m.name, metrics: metrics, alpha: ScalingInterval(estimate: 0.4, low: 0.35, high: 0.45),
                                  irreducible: [2 + shift, 2.5 + shift], scale: [5000, 8000], converged: m.size != 8000,
                                  agreeingStarts: 20, starts: 28, fittedTokens: tokens,
                                  checkpoints: ([12_500.0] + tokens).map { t in
                                      CheckpointSummary(tokens: t, metrics: ["loss.web": 2 + shift + Foundation.pow(5000 / t, 0.4),
                                                                             "loss.wiki": 2.5 + shift + Foundation.pow(8000 / t, 0.4)])
                                  })
        }
        let size = SizeLawSummary(alpha: ScalingInterval(estimate: 0.3, low: 0.2, high: 0.4),
                                  irreducible: [ScalingInterval(estimate: 1.8, low: 1.7, high: 1.9), ScalingInterval(estimate: 2.2, low: 2.1, high: 2.3)],
                                  scale: [ScalingInterval(estimate: 100, low: 80, high: 120), ScalingInterval(estimate: 150, low: 120, high: 180)],
                                  observed: [[2.6, 2.5, 2.45], [3.1, 3.0, 2.95]],
                                  target: [ScalingInterval(estimate: 2.4, low: 2.35, high: 2.46), ScalingInterval(estimate: 2.9, low: 2.85, high: 2.96)],
                                  converged: true, leaveOneOut: [0.012, -0.02])
        let mixtures = (0..<4).map { i in
            ScalingMixture(run: "000\(i)", metrics: metrics, steps: models.enumerated().map { step($0.element, 0.1 * Double(2 - $0.offset)) }, size: size)
        }
        s.scaling = ScalingSummary(
            target: "32k params, 200k tokens", targetSize: 32000, targetTokens: 200_000, level: 0.95, regressor: "mixing-law", refits: 100,
            models: models,
            predictions: [ScalingPrediction(name: "found", objective: ScalingInterval(estimate: 2.61, low: 2.58, high: 2.64), metrics: [:]),
                          ScalingPrediction(name: "prior", objective: ScalingInterval(estimate: 2.70, low: 2.66, high: 2.73), metrics: [:]),
                          ScalingPrediction(name: "uniform", objective: ScalingInterval(estimate: 2.68, low: 2.65, high: 2.71), metrics: [:])],
            leaveOneOut: ["loss.web": 0.012, "loss.wiki": 0.02], mixtures: mixtures)
        return s
    }
}

@Suite struct ScalingSectionTests {
    @Test func theSectionIsWellFormedAndShowsLawsChartsAndPredictions() throws {
        let html = ReportHTML.render(ScalingFixtures.summary())
        let strict = StrictXMLChecker(html)
        #expect(strict.problem == nil, "\(strict.problem ?? "")")
        #expect(html.contains("<section id=\"scaling\">"))
        // Three charted mixtures × two metrics × (steps, size), counted in the section alone (the
        // report's other sections draw their own charts).
        let section = html.components(separatedBy: "<section id=\"scaling\">").dropFirst().first?
            .components(separatedBy: "</section>").first ?? ""
        #expect(section.components(separatedBy: "<svg").count - 1 == 12)
        #expect(html.contains("2.6100 [2.5800, 2.6400]"))
        #expect(html.contains("s&lt;16k&gt;"), "model names are escaped")
        #expect(html.contains("Fitted laws of all 4 mixtures"))
        #expect(html.contains("0.400*"), "a step law that did not converge is marked")
        #expect(html.contains("+1.20%") && html.contains("1.20%"))
    }

    @Test func theTerminalPrintsTheTargetScalePredictions() {
        let text = TerminalSummary.render(ScalingFixtures.summary(), color: false)
        #expect(text.contains("Predicted at target scale  (32k params, 200k tokens, 95% intervals)"))
        #expect(text.contains("  found    2.6100 [2.5800, 2.6400]"))
        #expect(text.contains("leave-one-size-out: mean |error| up to 2.00%"))
    }

    @Test func summariesWithoutScalingAreUnchanged() throws {
        let plain = ReportFixtures.full()
        #expect(!ReportHTML.render(plain).contains("id=\"scaling\""))
        #expect(!TerminalSummary.render(plain, color: false).contains("Predicted at target scale"))
        let json = String(decoding: try plain.jsonData(), as: UTF8.self)
        #expect(!json.contains("\"scaling\""))
        let scaled = ScalingFixtures.summary()
        #expect(try RunSummary.decode(json: try scaled.jsonData()) == scaled)
    }
}

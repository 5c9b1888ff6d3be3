// The bytes the scaling pipeline's kinds store (Data Mixing Laws' step, size and summary tasks).
import Compiler
import Foundation
import Methods

/// `step-law`: one proxy run's step law.
struct StepLawPayload: Codable, Equatable {
    /// The metrics fitted (curves of the law), sorted.
    var metrics: [String]
    var result: StepLawResult
    /// Every checkpoint the run reported (replicates averaged), ascending, for the report's plot.
    var checkpoints: [StepPayload]
}

/// `size-law`: one mixture's size law and its predicted target-scale losses.
struct SizeLawPayload: Codable, Equatable {
    var mixture: Int
    /// Metrics (curves), sorted: those every proxy's step law has.
    var metrics: [String]
    /// Proxy sizes in input order.
    var sizes: [Double]
    var result: SizeLawResult
}

/// `scaling-summary`: what the report shows of the nested pipeline.
struct ScalingSummaryPayload: Codable, Equatable {
    /// One entry per mixture, in collect's order.
    struct Mixture: Codable, Equatable {
        var run: String
        var weights: [Double]
        var metrics: [String]
        /// Step laws per proxy model, in the spec's model order.
        var steps: [StepLawPayload]
        var size: SizeLawResult
    }
    /// The predicted objective at the target scale with its bootstrap interval.
    struct Prediction: Codable, Equatable {
        var name: String
        var weights: [Double]
        var objective: Interval
        var metrics: [String: Interval]
    }
    var regressor: String
    /// Proxy models (spec order), the target and the interval coverage, for the report.
    var models: [ScalingSummaryParameters.Model]
    var target: ScaleSettings
    var level: Double
    var mixtures: [Mixture]
    var predictions: [Prediction]
    /// Replicates the objective's interval refitted.
    var refits: Int
}

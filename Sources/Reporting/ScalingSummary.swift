// What summary.json and the report hold of Data Mixing Laws' nested pipeline (issue 11): per mixture
// the fitted step laws (one per proxy model) and the size law, with intervals; leave-one-size-out
// errors; and the predicted target-scale objective of the found mixture and the baselines.
import Foundation

/// The nested step → size → mixture pipeline's outcome; nil in summaries of specs without `scaling`.
public struct ScalingSummary: Codable, Sendable, Equatable {
    /// The target, e.g. `1B params, 100B tokens`.
    public var target: String
    public var targetSize: Double
    public var targetTokens: Double
    /// Coverage of every interval, e.g. 0.95.
    public var level: Double
    /// The regressor refitted for the objective's interval, and how many replicates it refitted.
    public var regressor: String
    public var refits: Int
    /// Proxy models in spec order.
    public var models: [ScalingModel]
    /// Found, prior and uniform at the target scale.
    public var predictions: [ScalingPrediction]
    /// Per metric: mean absolute relative error of leave-one-size-out over the mixtures (nil with fewer than three sizes).
    public var leaveOneOut: [String: Double]?
    public var mixtures: [ScalingMixture]

    public init(target: String, targetSize: Double, targetTokens: Double, level: Double, regressor: String, refits: Int,
                models: [ScalingModel], predictions: [ScalingPrediction], leaveOneOut: [String: Double]?, mixtures: [ScalingMixture]) {
        self.target = target; self.targetSize = targetSize; self.targetTokens = targetTokens; self.level = level
        self.regressor = regressor; self.refits = refits; self.models = models; self.predictions = predictions
        self.leaveOneOut = leaveOneOut; self.mixtures = mixtures
    }
}

/// A proxy model of the size law.
public struct ScalingModel: Codable, Sendable, Equatable {
    public var name: String
    public var size: Double
    public var tokens: Double
    public init(name: String, size: Double, tokens: Double) { self.name = name; self.size = size; self.tokens = tokens }
}

/// An estimate with its bootstrap interval.
public struct ScalingInterval: Codable, Sendable, Equatable {
    public var estimate: Double
    public var low: Double
    public var high: Double
    public init(estimate: Double, low: Double, high: Double) { self.estimate = estimate; self.low = low; self.high = high }
}

/// The predicted objective (and metrics) of one mixture at the target scale.
public struct ScalingPrediction: Codable, Sendable, Equatable {
    /// `found`, `prior` or `uniform`.
    public var name: String
    public var objective: ScalingInterval
    public var metrics: [String: ScalingInterval]
    public init(name: String, objective: ScalingInterval, metrics: [String: ScalingInterval]) {
        self.name = name; self.objective = objective; self.metrics = metrics
    }
}

/// One mixture's laws.
public struct ScalingMixture: Codable, Sendable, Equatable {
    public var run: String
    /// Metrics (curves of the laws), sorted.
    public var metrics: [String]
    /// One per proxy model, in spec order.
    public var steps: [StepLawSummary]
    public var size: SizeLawSummary
    public init(run: String, metrics: [String], steps: [StepLawSummary], size: SizeLawSummary) {
        self.run = run; self.metrics = metrics; self.steps = steps; self.size = size
    }
}

/// L(D) = E + (D0/D)^α for one run, one curve per metric of `ScalingMixture.metrics` order
/// (a run's own metric list may be longer; `metrics` names its curves).
public struct StepLawSummary: Codable, Sendable, Equatable {
    public var model: String
    public var metrics: [String]
    public var alpha: ScalingInterval
    /// E and D0 per curve.
    public var irreducible: [Double]
    public var scale: [Double]
    public var converged: Bool
    public var agreeingStarts: Int
    public var starts: Int
    /// Tokens of the checkpoints the law was fitted to.
    public var fittedTokens: [Double]
    /// Every checkpoint: tokens and each metric (in `metrics` order; NaN-free, missing ones omitted as null).
    public var checkpoints: [CheckpointSummary]
    public init(model: String, metrics: [String], alpha: ScalingInterval, irreducible: [Double], scale: [Double], converged: Bool,
                agreeingStarts: Int, starts: Int, fittedTokens: [Double], checkpoints: [CheckpointSummary]) {
        self.model = model; self.metrics = metrics; self.alpha = alpha; self.irreducible = irreducible; self.scale = scale
        self.converged = converged; self.agreeingStarts = agreeingStarts; self.starts = starts
        self.fittedTokens = fittedTokens; self.checkpoints = checkpoints
    }

    /// The law's value for curve `k` at `tokens`.
    public func predict(_ k: Int, at tokens: Double) -> Double {
        guard irreducible.indices.contains(k), scale.indices.contains(k), tokens > 0, scale[k] > 0 else { return .nan }
        return irreducible[k] + Foundation.pow(scale[k] / tokens, alpha.estimate)
    }
}

/// One observed checkpoint.
public struct CheckpointSummary: Codable, Sendable, Equatable {
    public var tokens: Double
    public var metrics: [String: Double]
    public init(tokens: Double, metrics: [String: Double]) { self.tokens = tokens; self.metrics = metrics }
}

/// L(N) = E + (N0/N)^α across the proxy sizes at the target's tokens; curves in `ScalingMixture.metrics` order.
public struct SizeLawSummary: Codable, Sendable, Equatable {
    public var alpha: ScalingInterval
    public var irreducible: [ScalingInterval]
    public var scale: [ScalingInterval]
    /// The size law's data: per metric, per proxy size, the step law at the target tokens.
    public var observed: [[Double]]
    /// Per metric, the predicted loss at the target scale.
    public var target: [ScalingInterval]
    public var converged: Bool
    /// Per metric, leave-one-size-out relative error; nil with fewer than three sizes.
    public var leaveOneOut: [Double]?
    public init(alpha: ScalingInterval, irreducible: [ScalingInterval], scale: [ScalingInterval], observed: [[Double]],
                target: [ScalingInterval], converged: Bool, leaveOneOut: [Double]?) {
        self.alpha = alpha; self.irreducible = irreducible; self.scale = scale; self.observed = observed
        self.target = target; self.converged = converged; self.leaveOneOut = leaveOneOut
    }

    /// The law's value for curve `k` at `size`.
    public func predict(_ k: Int, at size: Double) -> Double {
        guard irreducible.indices.contains(k), scale.indices.contains(k), size > 0, scale[k].estimate > 0 else { return .nan }
        return irreducible[k].estimate + Foundation.pow(scale[k].estimate / size, alpha.estimate)
    }
}

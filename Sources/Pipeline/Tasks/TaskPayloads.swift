// The bytes each task kind stores: small Codable JSON documents. Encoded with sorted keys so
// equal values give equal bytes (early cutoff relies on it).
import ContentStore
import Foundation
import Methods
import Reporting

/// `sample`: the swarm's mixtures, in index order.
struct SwarmPayload: Codable, Equatable {
    var domains: [String]
    var mixtures: [[Double]]
}

/// `train` and `verify`: one training run's outcome.
struct TrainPayload: Codable, Equatable {
    var weights: [Double]
    var metrics: [String: Double]
    var steps: [StepPayload]
    /// Actual parameter count (built-in trainer only).
    var parameterCount: Int?
    /// Passes over each domain's training data (built-in trainer only).
    var epochs: [String: Double]?
}

/// Metrics at one checkpoint of a training run.
struct StepPayload: Codable, Equatable {
    var step: Int64
    var tokens: Int64
    var metrics: [String: Double]
}

/// `import` and `collect`: the runs the regression learns from.
struct RunTablePayload: Codable, Equatable {
    var domains: [String]
    /// Metric names present in every run, sorted.
    var metrics: [String]
    var runs: [RunRow]
}

/// One proxy run: its id, weights in domain order, and metrics (averaged over seeds).
struct RunRow: Codable, Equatable {
    var id: String
    var weights: [Double]
    var metrics: [String: Double]
    /// Each replicate's metrics, in seed order; nil with one seed (the report's noise figures).
    var replicates: [[String: Double]]? = nil
    /// The first replicate's checkpoints, at most `CollectTask.maxSteps` (the report's training curves).
    var steps: [StepPayload]? = nil
    /// With `scaling`, in `collect`: each metric's bootstrap replicates of the predicted target-scale loss.
    var samples: [String: [Double]]? = nil
    /// With `scaling`, in `import`: long-form checkpoints per proxy model name, ascending in tokens.
    var checkpoints: [String: [StepPayload]]? = nil
}

/// `fit`: one fitted model per target metric.
struct FitPayload: Codable, Equatable {
    var regressor: String
    var models: [String: FittedModel]
    /// What each model says per domain (coefficients, gain, partial dependence), for the report and `mixspec model`.
    var details: FittedModelSummary?
}

/// `cross-validate`: honest k-fold figures per metric and for the objective itself.
struct CrossValidationPayload: Codable, Equatable {
    var regressor: String
    var folds: Int
    var scores: [String: AgreementScore]
    /// Scores of the objective computed from out-of-fold metric predictions.
    var objective: AgreementScore
    /// Out-of-fold predicted vs actual objective per run.
    var points: [ObjectivePoint]
    /// Out-of-fold predictions of each metric, in the order of `points` (the report's per-metric scatters).
    var predictions: [String: [Double]]?
}

/// How well out-of-fold predictions agree with observations.
struct AgreementScore: Codable, Equatable {
    var spearman: Double
    var pearson: Double
    var mse: Double

    init(predicted: [Double], observed: [Double]) {
        spearman = Agreement.spearman(predicted, observed)
        pearson = Agreement.pearson(predicted, observed)
        mse = Agreement.meanSquaredError(predicted, observed)
    }

    init(_ score: CVScore) { spearman = score.spearman; pearson = score.pearson; mse = score.mse }
}

struct ObjectivePoint: Codable, Equatable {
    var run: String
    var predicted: Double
    var actual: Double
}

/// `search`: the found mixture and what the model predicts for it and for the baselines.
struct SearchPayload: Codable, Equatable {
    var regressor: String
    var weights: [Double]
    var objective: Double
    var metrics: [String: Double]
    var priorObjective: Double
    var uniformObjective: Double
    var top: [[Double]]
    var topObjectives: [Double]
    var drawn: Int
    var accepted: Int
}

enum PayloadCoding {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data?, task: String) throws -> T {
        guard let data else { throw EngineError.taskFailed("missing input from \(task)") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(type, from: data) } catch {
            throw EngineError.taskFailed("stored output of \(task) is unreadable: \(error)")
        }
    }
}

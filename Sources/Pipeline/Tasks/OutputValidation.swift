// A task's output is checked before it is recorded (DESIGN.md §5): a trainer that reports an absurd
// or non-finite number, a regressor that fits non-finite coefficients, an objective that evaluates
// to inf — each fails its own task with the reason, and nothing invalid reaches the cache, so
// fixing the cause (or `run --rerun`) recovers.
import ContentStore
import Foundation
import Methods

enum OutputValidation {
    /// The largest magnitude accepted for a reported metric: losses, accuracies and perplexities
    /// are far below it; 1e308 is a bug in the trainer.
    static let plausibleMagnitude = 1e15

    /// A training run's metrics (final and per checkpoint) and the weights it trained on.
    static func check(_ payload: TrainPayload) throws -> TrainPayload {
        guard !payload.metrics.isEmpty else { throw EngineError.taskFailed("the trainer reported no metrics") }
        try checkMetrics(payload.metrics, where: "")
        for step in payload.steps { try checkMetrics(step.metrics, where: " at step \(step.step)") }
        guard payload.weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw EngineError.taskFailed("the mixture holds a negative or non-finite weight: \(payload.weights)")
        }
        return payload
    }

    private static func checkMetrics(_ metrics: [String: Double], where place: String) throws {
        for (name, value) in metrics.sorted(by: { $0.key < $1.key }) where !(value.isFinite && abs(value) <= plausibleMagnitude) {
            throw EngineError.taskFailed("the trainer reported \(name) = \(value)\(place), which is not a plausible metric "
                + "(finite, |x| ≤ \(plausibleMagnitude)); nothing was recorded — fix the trainer and run again")
        }
    }

    /// Fitted models must survive their own encoding and predict finite values on the rows they learned from.
    static func check(_ payload: FitPayload, on x: Matrix) throws -> FitPayload {
        let decoded: FitPayload
        do {
            decoded = try PayloadCoding.decode(FitPayload.self, from: try PayloadCoding.encode(payload), task: "fit")
        } catch {
            throw EngineError.taskFailed("the fitted model does not load back: \(error)")
        }
        for (metric, model) in decoded.models.sorted(by: { $0.key < $1.key }) {
            let predictions = try model.predict(x)
            if let bad = predictions.first(where: { !$0.isFinite }) {
                throw EngineError.taskFailed("the \(payload.regressor) model of \(metric) predicts \(bad) on its own training rows "
                    + "(non-finite coefficients); check the metrics for extreme values")
            }
        }
        return payload
    }

    /// Objective values must be finite: a division by zero in the objective is an error, never output.
    static func checkObjective(_ values: [Double], runs: [String], what: String) throws {
        for (value, run) in zip(values, runs) where !value.isFinite {
            throw EngineError.taskFailed("the objective \(what) is \(value) for run \(run); it must be finite (a division by zero or a huge metric?)")
        }
    }

    /// The search's figures must all be finite.
    static func check(_ payload: SearchPayload) throws -> SearchPayload {
        let figures = [("found mixture", payload.objective), ("prior", payload.priorObjective), ("uniform mixture", payload.uniformObjective)]
        for (what, value) in figures where !value.isFinite {
            throw EngineError.taskFailed("the predicted objective of the \(what) is \(value); it must be finite (a division by zero in the objective?)")
        }
        for (name, value) in payload.metrics.sorted(by: { $0.key < $1.key }) where !value.isFinite {
            throw EngineError.taskFailed("the predicted \(name) of the found mixture is \(value)")
        }
        guard payload.weights.allSatisfy(\.isFinite), payload.topObjectives.allSatisfy(\.isFinite) else {
            throw EngineError.taskFailed("the search produced non-finite weights or objectives")
        }
        return payload
    }
}

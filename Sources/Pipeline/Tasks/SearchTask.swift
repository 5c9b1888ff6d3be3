// `search`: simulate candidates with the chosen regressor and average the top-k (RegMix).
import Compiler
import ContentStore
import Engine
import Foundation
import Methods

enum SearchTask {
    static func run(_ p: Compiler.SearchParameters, _ upstream: [Data], log: TaskLog) throws -> SearchPayload {
        let fitCount = p.regressors.count
        guard fitCount > 0, upstream.count == (fitCount > 1 ? 2 * fitCount : 1) else {
            throw EngineError.taskFailed("search has \(upstream.count) inputs for \(fitCount) regressors")
        }
        let (chosen, scores) = try RegressorSelection.chosen(fits: fitCount, crossValidations: upstream.dropFirst(fitCount).map { Optional($0) })
        if !scores.isEmpty {
            log.write("mixspec: regressor chosen by CV objective Spearman: \(p.regressors[chosen]) (\(scores.map { String(format: "%.4f", $0) }.joined(separator: ", ")))")
        }
        let fit = try PayloadCoding.decode(FitPayload.self, from: upstream[chosen], task: "fit/\(p.regressors[chosen])")
        let s = p.search
        let lower = p.domains.map { s.bounds[$0]?.low ?? 0 }
        let upper = p.domains.map { s.bounds[$0]?.high ?? 1 }
        var availability: Methods.Availability?
        if let a = s.availability {
            // A domain whose size is unknown is not limited by availability.
            let tokens = p.tokens.map { $0.map(Double.init) ?? .infinity }
            availability = Methods.Availability(tokens: tokens, targetTokens: Double(a.targetTokens), maxEpochs: a.maxEpochs)
        }
        let parameters = Methods.SearchParameters(
            prior: p.prior, candidates: s.candidates, topK: s.topK, seed: s.seed,
            minStrength: s.strength, maxStrength: s.strength, strengthCount: 1,
            lowerBounds: lower, upperBounds: upper, availability: availability)
        let result = try MixtureSearch.run(parameters, models: fit.models, objective: try p.objective.parsed().evaluable)
        log.write("mixspec: \(result.accepted) of \(result.drawn) candidates satisfy the constraints")
        return try OutputValidation.check(SearchPayload(regressor: fit.regressor, weights: result.weights, objective: result.objective, metrics: result.metrics,
                             priorObjective: result.priorObjective, uniformObjective: result.uniformObjective,
                             top: result.top.map(\.weights), topObjectives: result.top.map(\.objective),
                             drawn: result.drawn, accepted: result.accepted))
    }
}

import Testing
@testable import Methods

@Suite struct SearchTests {
    /// A linear "loss" that prefers domain 2, then domain 0.
    static let models: [String: FittedModel] = [
        "loss.a": .linear(LinearModel(intercept: 3, coefficients: [-1, 0.5, -2, 1], rank: 4)),
        "loss.b": .linear(LinearModel(intercept: 1, coefficients: [0, 1, 0, 0], rank: 4)),
    ]
    static let prior = [0.4, 0.3, 0.2, 0.1]

    @Test func findsTheCheapestDomainWithoutConstraints() throws {
        let p = SearchParameters(prior: Self.prior, candidates: 20_000, topK: 16, seed: 7)
        let r = try MixtureSearch.run(p, models: Self.models, objective: Objective(.minimize, .metric("loss.a")))
        #expect(r.weights[2] > 0.8)
        #expect(abs(r.weights.reduce(0, +) - 1) < 1e-12)
        #expect(r.top.count == 16)
        #expect(r.objective < r.priorObjective && r.objective < r.uniformObjective)
        #expect(zip(r.top, r.top.dropFirst()).allSatisfy { $0.objective <= $1.objective })
        #expect(r.accepted == 20_000)
        // Index-stable: the top candidates are the same when more are drawn after them.
        var more = p
        more.candidates = 40_000
        let r2 = try MixtureSearch.run(more, models: Self.models, objective: Objective(.minimize, .metric("loss.a")))
        #expect(r2.top.first!.objective <= r.top.first!.objective)
        #expect(try MixtureSearch.run(p, models: Self.models, objective: Objective(.minimize, .metric("loss.a"))) == r)
    }

    @Test func boundsAndAvailabilityAreRespected() throws {
        let availability = Availability(tokens: [100, 100, 10, 100], targetTokens: 100, maxEpochs: 2)  // domain 2 ≤ 0.2
        let p = SearchParameters(
            prior: Self.prior, candidates: 20_000, topK: 32, seed: 7,
            lowerBounds: [0, 0, 0, 0.05], upperBounds: [0.5, 1, 1, 1], availability: availability)
        let r = try MixtureSearch.run(p, models: Self.models, objective: Objective(.minimize, .metric("loss.a")))
        for c in r.top {
            #expect(c.weights[0] <= 0.5)
            #expect(c.weights[2] <= 0.2)
            #expect(c.weights[3] >= 0.05)
        }
        #expect(r.weights[2] <= 0.2 && r.weights[2] > 0.15)
        #expect(r.accepted < 20_000)
        // Maximising the same formula with a negation gives the same answer.
        let neg = try MixtureSearch.run(p, models: Self.models, objective: Objective(.maximize, .negate(.metric("loss.a"))))
        #expect(neg.weights == r.weights)
    }

    @Test func impossibleOrUnmetConstraintsAreErrors() {
        let objective = Objective(.minimize, .metric("loss.a"))
        let tooLow = SearchParameters(prior: Self.prior, candidates: 100, upperBounds: [0.2, 0.2, 0.2, 0.2])
        #expect(throws: MethodsError.self) { try MixtureSearch.run(tooLow, models: Self.models, objective: objective) }
        let tooHigh = SearchParameters(prior: Self.prior, candidates: 100, lowerBounds: [0.5, 0.5, 0, 0])
        #expect(throws: MethodsError.self) { try MixtureSearch.run(tooHigh, models: Self.models, objective: objective) }
        // Feasible but no draw lands inside.
        let rare = SearchParameters(prior: Self.prior, candidates: 50, lowerBounds: [0, 0, 0, 0.97])
        #expect(throws: MethodsError.self) { try MixtureSearch.run(rare, models: Self.models, objective: objective) }
        let missing = SearchParameters(prior: Self.prior, candidates: 10)
        #expect(throws: MethodsError.self) { try MixtureSearch.run(missing, models: Self.models, objective: Objective(.minimize, .metric("loss.z"))) }
    }
}

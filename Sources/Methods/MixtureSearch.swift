import Foundation
import Parallel
import SeededRandom

/// Per-domain availability: weight·targetTokens ≤ tokens·maxEpochs.
public struct Availability: Sendable, Equatable {
    /// Available tokens per domain.
    public var tokens: [Double]
    /// Tokens the target model trains on.
    public var targetTokens: Double
    /// How many times a domain may be repeated.
    public var maxEpochs: Double

    /// Creates the constraint.
    public init(tokens: [Double], targetTokens: Double, maxEpochs: Double) {
        self.tokens = tokens; self.targetTokens = targetTokens; self.maxEpochs = maxEpochs
    }
}

/// Parameters of the RegMix simulation search.
public struct SearchParameters: Sendable, Equatable {
    /// Prior weights per domain (normalised internally); candidates are Dirichlet(prior·strength).
    public var prior: [Double]
    /// Number of candidates drawn.
    public var candidates: Int
    /// How many of the best candidates are averaged.
    public var topK: Int
    /// Seed; candidate i depends only on (parameters, seed, i).
    public var seed: UInt64
    /// Strength range; one of `strengthCount` log-spaced values is picked per candidate.
    /// The default, a single strength 1, is RegMix's Dirichlet(prior).
    public var minStrength: Double
    /// Largest strength.
    public var maxStrength: Double
    /// Number of strengths.
    public var strengthCount: Int
    /// Lower bound per domain (nil = 0).
    public var lowerBounds: [Double]?
    /// Upper bound per domain (nil = 1).
    public var upperBounds: [Double]?
    /// Token availability (nil = unconstrained).
    public var availability: Availability?

    /// Creates search parameters.
    public init(
        prior: [Double], candidates: Int = 100_000, topK: Int = 128, seed: UInt64 = 7,
        minStrength: Double = 1, maxStrength: Double = 1, strengthCount: Int = 1,
        lowerBounds: [Double]? = nil, upperBounds: [Double]? = nil, availability: Availability? = nil
    ) {
        self.prior = prior; self.candidates = candidates; self.topK = topK; self.seed = seed
        self.minStrength = minStrength; self.maxStrength = maxStrength; self.strengthCount = strengthCount
        self.lowerBounds = lowerBounds; self.upperBounds = upperBounds; self.availability = availability
    }
}

/// One evaluated candidate.
public struct SearchCandidate: Sendable, Equatable {
    /// Candidate index (its stream number).
    public var index: Int
    /// Mixture weights.
    public var weights: [Double]
    /// Predicted objective.
    public var objective: Double
}

/// Outcome of a search.
public struct SearchResult: Sendable, Equatable {
    /// The answer: mean of the top-k candidates' weights.
    public var weights: [Double]
    /// Predicted objective of `weights`.
    public var objective: Double
    /// Predicted metrics of `weights`.
    public var metrics: [String: Double]
    /// Predicted objective of the (normalised) prior.
    public var priorObjective: Double
    /// Predicted objective of uniform weights.
    public var uniformObjective: Double
    /// The top-k candidates, best first.
    public var top: [SearchCandidate]
    /// Candidates drawn.
    public var drawn: Int
    /// Candidates inside the bounds and availability.
    public var accepted: Int
}

/// RegMix's simulation step: draw candidates around the prior, keep those inside the constraints,
/// predict the objective with the fitted models, average the best k.
public enum MixtureSearch {
    /// Candidates evaluated per batch (bounded memory for 1M-candidate searches).
    static let batchSize = 65_536

    /// Runs the search. `models` maps metric names to fitted models over the same domains as `prior`.
    public static func run(_ p: SearchParameters, models: [String: FittedModel], objective: Objective) throws -> SearchResult {
        let prior = try normalisedPrior(p.prior, what: "search prior")
        let d = prior.count
        guard p.candidates >= 1 else { throw MethodsError("search needs at least one candidate") }
        guard p.topK >= 1 else { throw MethodsError("search top_k must be ≥ 1") }
        guard p.minStrength > 0, p.minStrength <= p.maxStrength, p.maxStrength.isFinite, p.strengthCount >= 1 else {
            throw MethodsError("search strength range [\(p.minStrength), \(p.maxStrength)] must satisfy 0 < min ≤ max")
        }
        let (lower, upper) = try effectiveBounds(p, prior: prior)
        let strengths = logSpaced(from: p.minStrength, to: p.maxStrength, count: p.strengthCount)
        var predictors = [String: ModelPredictor]()
        for name in objective.formula.metricNames {
            guard let model = models[name] else {
                throw MethodsError("objective uses metric '\(name)', but no model predicts it; fitted: \(models.keys.sorted().joined(separator: ", "))")
            }
            guard model.featureCount == d else {
                throw MethodsError("model for '\(name)' expects \(model.featureCount) domains, the search has \(d)")
            }
            predictors[name] = model.predictor()
        }
        let draw: @Sendable (Int) -> [Double] = { i in
            var rng = Xoshiro256StarStar(seed: p.seed, index: UInt64(i))
            let s = strengths.count == 1 ? strengths[0] : strengths[rng.nextInt(below: strengths.count)]
            return rng.nextDirichlet(alpha: prior.map { $0 * s })
        }
        var scored = [(value: Double, index: Int)]()
        var batchStart = 0
        while batchStart < p.candidates {
            let count = min(batchSize, p.candidates - batchStart)
            var flat = [Double](repeating: 0, count: count * d)
            var inside = [Bool](repeating: false, count: count)
            let start = batchStart
            flat.withUnsafeMutableBufferPointer { fb in
                inside.withUnsafeMutableBufferPointer { ib in
                    let out = DisjointWrites(base: fb.baseAddress!), ok = DisjointWrites(base: ib.baseAddress!)
                    parallelRanges(count: count, minimumPerTask: 1024) { range in
                        for r in range {
                            let w = draw(start + r)
                            var good = true
                            for j in 0..<d {
                                out[r * d + j] = w[j]
                                if w[j] < lower[j] || w[j] > upper[j] { good = false }
                            }
                            ok[r] = good
                        }
                    }
                }
            }
            let kept = (0..<count).filter { inside[$0] }
            if !kept.isEmpty {
                var values = [Double]()
                values.reserveCapacity(kept.count * d)
                for r in kept { values.append(contentsOf: flat[(r * d)..<((r + 1) * d)]) }
                let matrix = Matrix(unchecked: kept.count, d, values)
                let objectiveValues = try evaluate(objective, predictors, matrix)
                for (k, r) in kept.enumerated() where !objectiveValues[k].isNaN {
                    scored.append((objectiveValues[k], start + r))
                }
            }
            batchStart += count
        }
        guard !scored.isEmpty else {
            throw MethodsError("no candidate out of \(p.candidates) satisfies the bounds and availability constraints; widen the bounds, raise max_epochs, or draw more candidates")
        }
        let better: ((value: Double, index: Int), (value: Double, index: Int)) -> Bool = { a, b in
            a.value != b.value ? objective.isBetter(a.value, than: b.value) : a.index < b.index
        }
        scored.sort(by: better)
        let top = scored.prefix(p.topK).map { SearchCandidate(index: $0.index, weights: draw($0.index), objective: $0.value) }
        var mean = [Double](repeating: 0, count: d)
        for c in top { for j in 0..<d { mean[j] += c.weights[j] / Double(top.count) } }
        let uniform = [Double](repeating: 1 / Double(d), count: d)
        let probe = try Matrix(rowArrays: [mean, prior, uniform])
        var columns = [String: [Double]]()
        for (name, predictor) in predictors { columns[name] = try predictor.predict(probe) }
        let probeValues = try objective.formula.evaluate(columns: columns, count: 3)
        return SearchResult(
            weights: mean, objective: probeValues[0], metrics: columns.mapValues { $0[0] },
            priorObjective: probeValues[1], uniformObjective: probeValues[2], top: top,
            drawn: p.candidates, accepted: scored.count)
    }

    static func evaluate(_ objective: Objective, _ predictors: [String: ModelPredictor], _ x: Matrix) throws -> [Double] {
        var columns = [String: [Double]]()
        for (name, predictor) in predictors { columns[name] = try predictor.predict(x) }
        return try objective.formula.evaluate(columns: columns, count: x.rows)
    }

    /// Lower and upper bound per domain after folding in availability; throws when they cannot
    /// contain any mixture.
    static func effectiveBounds(_ p: SearchParameters, prior: [Double]) throws -> ([Double], [Double]) {
        let d = prior.count
        var lower = p.lowerBounds ?? [Double](repeating: 0, count: d)
        var upper = p.upperBounds ?? [Double](repeating: 1, count: d)
        guard lower.count == d, upper.count == d else { throw MethodsError("search bounds need one entry per domain (\(d))") }
        if let a = p.availability {
            guard a.tokens.count == d else { throw MethodsError("availability needs token counts for all \(d) domains") }
            guard a.targetTokens > 0, a.maxEpochs > 0 else { throw MethodsError("availability target_tokens and max_epochs must be > 0") }
            for j in 0..<d {
                guard a.tokens[j] >= 0, a.tokens[j].isFinite else { throw MethodsError("available tokens of domain \(j) must be finite and ≥ 0") }
                upper[j] = min(upper[j], a.tokens[j] * a.maxEpochs / a.targetTokens)
            }
        }
        for j in 0..<d {
            if prior[j] == 0 { upper[j] = 0 }  // Dirichlet never gives weight to a zero-prior domain
            lower[j] = max(lower[j], 0)
            if lower[j] > upper[j] {
                throw MethodsError("domain \(j): lower bound \(lower[j]) exceeds its upper bound \(upper[j]) (after availability and prior)")
            }
        }
        let low = lower.reduce(0, +), high = upper.reduce(0, +)
        if low > 1 + 1e-12 { throw MethodsError("search lower bounds sum to \(low) > 1; no mixture can satisfy them") }
        if high < 1 - 1e-12 { throw MethodsError("search upper bounds (with availability) sum to \(high) < 1; no mixture can satisfy them") }
        return (lower, upper)
    }
}

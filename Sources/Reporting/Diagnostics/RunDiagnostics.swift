// What a researcher needs to see *why* the answer is what it is (issue 14): the swarm's coverage,
// the fitted models, every out-of-fold scatter, training curves, replicate noise, the data table and
// the rank agreement between proxy sizes. One optional member of the summary, so a summary written
// before it existed still reads; each part is empty or nil when its data was not produced.

/// Diagnostics of a run, from the outputs of collect, fit, cross-validate, search and verify.
public struct RunDiagnostics: Codable, Sendable, Equatable {
    /// The proxy swarm: every run's weights and objective (sections 1 and 2).
    public var swarm: SwarmCoverage?
    /// The fitted model of every regressor, per target metric (section 3).
    public var models: [FittedModelSummary]
    /// Out-of-fold predicted vs actual, per regressor and target (section 4).
    public var scatters: [CrossValidationScatter]
    /// Validation metrics against training tokens, per metric (section 5).
    public var curves: [TrainingCurve]
    /// Replicate noise and the best Spearman it allows (section 6); nil without replicates.
    public var noise: NoiseSummary?
    /// Per-domain data, prior and repetition at target scale (section 7).
    public var data: DataTable?
    /// Spearman between the proxy models' rankings of the swarm; empty with one model.
    public var rankConsistency: [RankAgreement]

    public init(swarm: SwarmCoverage? = nil, models: [FittedModelSummary] = [], scatters: [CrossValidationScatter] = [],
                curves: [TrainingCurve] = [], noise: NoiseSummary? = nil, data: DataTable? = nil,
                rankConsistency: [RankAgreement] = []) {
        self.swarm = swarm; self.models = models; self.scatters = scatters; self.curves = curves
        self.noise = noise; self.data = data; self.rankConsistency = rankConsistency
    }
}

/// The swarm the regression learned from: weights per domain (columns in run order) and each run's objective.
public struct SwarmCoverage: Codable, Sendable, Equatable {
    /// Run ids, in the order of every column.
    public var runs: [String]
    /// Each domain's weight in every run, keyed by domain.
    public var weights: [String: [Double]]
    /// The objective of every run (from its collected metrics); empty when the runs lack its metrics.
    public var objective: [Double]
    /// Share of runs in which the domain's weight is exactly 0, keyed by domain.
    public var zeroShare: [String: Double]
    public init(runs: [String], weights: [String: [Double]], objective: [Double], zeroShare: [String: Double]) {
        self.runs = runs; self.weights = weights; self.objective = objective; self.zeroShare = zeroShare
    }
}

/// One regressor's fitted models, one per target metric.
public struct FittedModelSummary: Codable, Sendable, Equatable {
    /// `linear`, `gbdt` or `mixing-law`.
    public var regressor: String
    public var targets: [ModelTargetSummary]
    public init(regressor: String, targets: [ModelTargetSummary]) { self.regressor = regressor; self.targets = targets }
}

/// The fitted model of one target metric; exactly one of the kind-specific parts is set.
public struct ModelTargetSummary: Codable, Sendable, Equatable {
    /// The metric the model predicts.
    public var target: String
    public var linear: LinearModelSummary?
    public var mixingLaw: MixingLawSummary?
    public var gbdt: GBDTModelSummary?
    public init(target: String, linear: LinearModelSummary? = nil, mixingLaw: MixingLawSummary? = nil, gbdt: GBDTModelSummary? = nil) {
        self.target = target; self.linear = linear; self.mixingLaw = mixingLaw; self.gbdt = gbdt
    }
}

/// A linear model: intercept and one slope per domain, each with a bootstrap interval.
public struct LinearModelSummary: Codable, Sendable, Equatable {
    public var intercept: EstimateInterval
    /// Slope per domain.
    public var coefficients: [String: EstimateInterval]
    /// Numerical rank of the centred design (weights summing to 1 leave one direction unidentified).
    public var rank: Int
    /// Bootstrap resamples behind the intervals.
    public var resamples: Int
    public init(intercept: EstimateInterval, coefficients: [String: EstimateInterval], rank: Int, resamples: Int) {
        self.intercept = intercept; self.coefficients = coefficients; self.rank = rank; self.resamples = resamples
    }
}

/// An estimate with a 95% interval.
public struct EstimateInterval: Codable, Sendable, Equatable {
    public var value: Double
    public var low: Double
    public var high: Double
    public init(value: Double, low: Double, high: Double) { self.value = value; self.low = low; self.high = high }
}

/// A mixing law L(r) = c + k·exp(Σ t_j r_j).
public struct MixingLawSummary: Codable, Sendable, Equatable {
    public var c: Double
    public var k: Double
    /// Exponent coefficient per domain.
    public var t: [String: Double]
    public init(c: Double, k: Double, t: [String: Double]) { self.c = c; self.k = k; self.t = t }
}

/// A boosted-tree model: split gain per domain and partial-dependence curves.
public struct GBDTModelSummary: Codable, Sendable, Equatable {
    /// Total split gain per domain (LightGBM's `importance_type="gain"`).
    public var gain: [String: Double]
    /// Number of trees.
    public var trees: Int
    /// Mean prediction over the training mixtures with the domain's weight set to each grid value.
    public var partialDependence: [String: [CurvePoint]]
    public init(gain: [String: Double], trees: Int, partialDependence: [String: [CurvePoint]]) {
        self.gain = gain; self.trees = trees; self.partialDependence = partialDependence
    }
}

/// A point of a curve.
public struct CurvePoint: Codable, Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// One metric's training curves: a band over the swarm and the verify runs drawn on top.
public struct TrainingCurve: Codable, Sendable, Equatable {
    public var metric: String
    /// Per training-token count reached by swarm runs: min, median and max over those runs.
    public var band: [CurveBandPoint]
    /// Verify runs' curves (the found mixture's first), named like `found s0`.
    public var lines: [NamedCurve]
    public init(metric: String, band: [CurveBandPoint], lines: [NamedCurve]) {
        self.metric = metric; self.band = band; self.lines = lines
    }
}

/// The swarm's spread at one token count.
public struct CurveBandPoint: Codable, Sendable, Equatable {
    public var tokens: Double
    public var low: Double
    public var median: Double
    public var high: Double
    /// Runs that reported the metric at this token count.
    public var n: Int
    public init(tokens: Double, low: Double, median: Double, high: Double, n: Int) {
        self.tokens = tokens; self.low = low; self.median = median; self.high = high; self.n = n
    }
}

/// A named curve (tokens → value).
public struct NamedCurve: Codable, Sendable, Equatable {
    public var name: String
    public var points: [CurvePoint]
    public init(name: String, points: [CurvePoint]) { self.name = name; self.points = points }
}

/// Replicate noise per target, and the noise ceiling of the objective's cross-validation.
public struct NoiseSummary: Codable, Sendable, Equatable {
    /// Training replicates per proxy mixture.
    public var proxySeeds: Int
    /// Verify replicates per mixture (nil without verify).
    public var verifySeeds: Int?
    /// The objective first, then each metric.
    public var rows: [NoiseRow]
    public init(proxySeeds: Int, verifySeeds: Int?, rows: [NoiseRow]) {
        self.proxySeeds = proxySeeds; self.verifySeeds = verifySeeds; self.rows = rows
    }
}

/// The noise of one target (the objective or a metric).
public struct NoiseRow: Codable, Sendable, Equatable {
    public var target: String
    /// Pooled standard deviation between proxy replicates of one mixture (nil with one seed).
    public var proxyStd: Double?
    /// Standard deviation of the per-run means across the swarm (the signal plus the noise).
    public var swarmStd: Double?
    /// Best Spearman any regressor can reach against these noisy means (nil with one seed); see README.
    public var ceiling: Double?
    /// Pooled standard deviation between verify replicates (nil with one verify seed).
    public var verifyStd: Double?
    public init(target: String, proxyStd: Double?, swarmStd: Double?, ceiling: Double?, verifyStd: Double?) {
        self.target = target; self.proxyStd = proxyStd; self.swarmStd = swarmStd; self.ceiling = ceiling; self.verifyStd = verifyStd
    }
}

/// The data behind each domain and how much of it the found mixture draws at target scale.
public struct DataTable: Codable, Sendable, Equatable {
    /// Training tokens of the target scale (verify model, else `search.availability.target_tokens`); nil when neither is set.
    public var targetTokens: Int64?
    /// Where `targetTokens` comes from.
    public var targetSource: String?
    /// `search.availability.max_epochs`, if set.
    public var maxEpochs: Double?
    public var rows: [DataRow]
    public init(targetTokens: Int64?, targetSource: String?, maxEpochs: Double?, rows: [DataRow]) {
        self.targetTokens = targetTokens; self.targetSource = targetSource; self.maxEpochs = maxEpochs; self.rows = rows
    }
}

/// One domain's data.
public struct DataRow: Codable, Sendable, Equatable {
    public var domain: String
    /// The spec's source: glob patterns, `synthetic (seed n)`, or `none`.
    public var source: String
    /// Files matched (nil for synthetic or data-less domains).
    public var files: Int?
    /// Bytes of the matched files or generated text (nil without data).
    public var bytes: Int64?
    /// Available tokens (the spec's, else counted); nil when unknown.
    public var tokens: Int64?
    public var prior: Double
    public var found: Double?
    /// found × target tokens.
    public var drawn: Double?
    /// drawn ÷ available tokens: passes over the domain's data at target scale.
    public var epochs: Double?
    public init(domain: String, source: String, files: Int?, bytes: Int64?, tokens: Int64?, prior: Double, found: Double?,
                drawn: Double?, epochs: Double?) {
        self.domain = domain; self.source = source; self.files = files; self.bytes = bytes; self.tokens = tokens
        self.prior = prior; self.found = found; self.drawn = drawn; self.epochs = epochs
    }
}

/// How well two proxy models agree on the ranking of the swarm by the objective.
public struct RankAgreement: Codable, Sendable, Equatable {
    public var modelA: String
    public var modelB: String
    public var spearman: Double
    /// Mixtures both models trained.
    public var n: Int
    public init(modelA: String, modelB: String, spearman: Double, n: Int) {
        self.modelA = modelA; self.modelB = modelB; self.spearman = spearman; self.n = n
    }
}

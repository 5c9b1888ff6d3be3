// The numbers a finished run reports (issue 5): one plain value that the engine fills in and the
// renderers (HTML report, terminal summary, comparison) read. It is also `summary.json`.
// Mixture weights are keyed by domain name (like the `{mixture}` file of DESIGN.md §6); `domains`
// carries the spec order, which every rendering follows.

/// Everything a finished run reports, in one value: the source of `summary.json` and of every rendering.
public struct RunSummary: Codable, Sendable, Equatable {
    /// Version of this summary format; bumped when fields change meaning.
    public var format: Int
    /// The spec's name (`out/<name>/`).
    public var specName: String
    /// The spec's description, if any.
    public var description: String?
    /// Key settings of the spec, in display order.
    public var settings: [KeySetting]
    /// Domain names in spec order.
    public var domains: [String]
    /// Prior weights (token share or explicit), keyed by domain.
    public var prior: [String: Double]
    /// The found mixture (mean of the top-k candidates), keyed by domain.
    public var found: [String: Double]
    /// The objective that was optimised.
    public var objective: ObjectiveSummary
    /// The chosen regressor's predictions of the objective for the found, prior and uniform mixtures.
    public var predicted: PredictedObjectives
    /// The regressor used for the search (best by cross-validation when several were compared).
    public var chosenRegressor: String?
    /// Cross-validation figures per regressor and target; empty when no cross-validation ran.
    public var crossValidation: [CrossValidationScore]
    /// Out-of-fold predictions of the chosen regressor; `nil` when no cross-validation ran.
    public var cvScatter: CrossValidationScatter?
    /// The top-k candidates of the search (each keyed by domain); their mean is `found`.
    public var topCandidates: [[String: Double]]
    /// Verification at target scale; `nil` when the spec has no `verify`.
    public var verify: VerifyTable?
    /// Files the run wrote.
    public var outputs: OutputPaths
    /// Why the answer is what it is: swarm, models, scatters, curves, noise, data (nil in summaries written before them).
    public var diagnostics: RunDiagnostics?
    /// Data Mixing Laws' nested pipeline (specs with `scaling`); nil otherwise.
    public var scaling: ScalingSummary?

    /// The current summary format.
    public static let currentFormat = 1

    public init(format: Int = RunSummary.currentFormat, specName: String, description: String?,
                settings: [KeySetting], domains: [String], prior: [String: Double], found: [String: Double],
                objective: ObjectiveSummary, predicted: PredictedObjectives, chosenRegressor: String?,
                crossValidation: [CrossValidationScore], cvScatter: CrossValidationScatter?,
                topCandidates: [[String: Double]], verify: VerifyTable?, outputs: OutputPaths, diagnostics: RunDiagnostics? = nil,
                scaling: ScalingSummary? = nil) {
        self.format = format; self.specName = specName; self.description = description
        self.settings = settings; self.domains = domains; self.prior = prior; self.found = found
        self.objective = objective; self.predicted = predicted; self.chosenRegressor = chosenRegressor
        self.crossValidation = crossValidation; self.cvScatter = cvScatter
        self.topCandidates = topCandidates; self.verify = verify; self.outputs = outputs; self.diagnostics = diagnostics
        self.scaling = scaling
    }
}

/// One row of the key-settings table: a label and its value, both display text.
public struct KeySetting: Codable, Sendable, Equatable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) { self.label = label; self.value = value }
}

/// The objective's canonical text and direction.
public struct ObjectiveSummary: Codable, Sendable, Equatable {
    /// `minimize` or `maximize`.
    public enum Direction: String, Codable, Sendable, Equatable { case minimize, maximize }
    public var direction: Direction
    /// Canonical objective text, e.g. `0.7 * loss.web + 0.3 * loss.code`.
    public var text: String
    public init(direction: Direction, text: String) { self.direction = direction; self.text = text }

    /// Whether objective value `a` is strictly better than `b` in this direction.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        direction == .minimize ? a < b : a > b
    }
}

/// Predicted objective values (from the chosen regressor) for the reference mixtures.
public struct PredictedObjectives: Codable, Sendable, Equatable {
    public var found: Double?
    public var prior: Double?
    public var uniform: Double?
    public init(found: Double?, prior: Double?, uniform: Double?) {
        self.found = found; self.prior = prior; self.uniform = uniform
    }
}

/// Honest k-fold figures of one regressor on one target (a metric or the objective itself).
public struct CrossValidationScore: Codable, Sendable, Equatable {
    /// Regressor name (`linear`, `gbdt`, `mixing-law`).
    public var regressor: String
    /// What was predicted: a metric name, or `objective`.
    public var target: String
    public var spearman: Double
    public var pearson: Double
    public var mse: Double
    /// Number of out-of-fold predictions the figures are computed on.
    public var n: Int
    public init(regressor: String, target: String, spearman: Double, pearson: Double, mse: Double, n: Int) {
        self.regressor = regressor; self.target = target; self.spearman = spearman
        self.pearson = pearson; self.mse = mse; self.n = n
    }
}

/// Out-of-fold predicted objective against the actual objective of every proxy run.
public struct CrossValidationScatter: Codable, Sendable, Equatable {
    /// Which regressor made the predictions.
    public var regressor: String
    /// Spearman rank correlation of predicted vs actual over `points`.
    public var spearman: Double
    public var points: [CrossValidationPoint]
    /// What was predicted: `objective` or a metric name (nil in summaries written before per-metric scatters).
    public var target: String?
    public init(regressor: String, spearman: Double, points: [CrossValidationPoint], target: String? = nil) {
        self.regressor = regressor; self.spearman = spearman; self.points = points; self.target = target
    }
}

/// One proxy run in the cross-validation scatter.
public struct CrossValidationPoint: Codable, Sendable, Equatable {
    /// Run id (task id or imported run id).
    public var run: String
    public var predicted: Double
    public var actual: Double
    public init(run: String, predicted: Double, actual: Double) {
        self.run = run; self.predicted = predicted; self.actual = actual
    }
}

/// Verification at target scale: the objective (and the metrics it reads) for the found mixture and baselines.
public struct VerifyTable: Codable, Sendable, Equatable {
    /// Description of the target model, e.g. `256k params, 20M tokens`.
    public var model: String
    /// Metric columns, in display order.
    public var metrics: [String]
    /// Rows: the found mixture and each baseline, in display order.
    public var rows: [VerifyRow]
    public init(model: String, metrics: [String], rows: [VerifyRow]) {
        self.model = model; self.metrics = metrics; self.rows = rows
    }
}

/// One verified mixture.
public struct VerifyRow: Codable, Sendable, Equatable {
    /// Whether the row is the found mixture or a baseline to beat.
    public enum Role: String, Codable, Sendable, Equatable { case found, baseline }
    /// Display name: `found`, `prior`, `uniform`, or a named baseline.
    public var name: String
    public var role: Role
    /// The objective at target scale (mean over verify seeds).
    public var objective: Double
    /// Standard deviation of the objective over verify seeds; `nil` with one seed.
    public var objectiveStd: Double?
    /// How many verify seeds the objective is averaged over (`nil` in summaries written before it was recorded).
    public var seeds: Int?
    /// Metric values keyed by metric name.
    public var metrics: [String: Double]
    public init(name: String, role: Role, objective: Double, objectiveStd: Double? = nil, seeds: Int? = nil, metrics: [String: Double]) {
        self.name = name; self.role = role; self.objective = objective
        self.objectiveStd = objectiveStd; self.seeds = seeds; self.metrics = metrics
    }
}

/// Where the run's outputs were written (display paths, relative or absolute as the engine chose).
public struct OutputPaths: Codable, Sendable, Equatable {
    public var report: String?
    public var summary: String?
    /// Further outputs (e.g. `mixture` → `out/x/mixture.json`), in display order.
    public var others: [KeySetting]
    public init(report: String?, summary: String?, others: [KeySetting] = []) {
        self.report = report; self.summary = summary; self.others = others
    }
}

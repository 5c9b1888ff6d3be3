// Parameters of the nested scaling pipeline's kinds (Data Mixing Laws): a step law per proxy run, a
// size law per mixture, and the summary that bootstraps the predicted objective. Keys follow the
// hermetic rule: a step law never sees the target (changing it refits size laws only), and a size law
// sees the sizes of the proxies it reads (adding a proxy size refits size laws, no step law).

/// `scaling.bootstrap`, as the spec spells it.
public struct BootstrapSettings: Codable, Sendable, Equatable {
    public var samples: Int
    public var seed: UInt64
    public var level: Double
}

/// `scaling.target`.
public struct ScaleSettings: Codable, Sendable, Equatable {
    public var size: Int64
    public var tokens: Int64
}

/// `step-law`: one proxy run's step law. Inputs: the run's train tasks (one per replicate seed,
/// averaged per checkpoint), or the `import` task when `imported` is set.
public struct StepLawParameters: TaskParameters {
    public static let kind = TaskKind.stepLaw
    public struct Steps: Codable, Sendable, Equatable {
        public var fromTokens: Int64?
        enum CodingKeys: String, CodingKey { case fromTokens = "from_tokens" }
    }
    public struct Scaling: Codable, Sendable, Equatable {
        public var steps: Steps
        public var bootstrap: BootstrapSettings
        public var huberDelta: Double
        enum CodingKeys: String, CodingKey { case steps, bootstrap, huberDelta = "huber_delta" }
    }
    /// The run the law is fitted to, for imported results: its row in the mixtures file and the model
    /// name in the long-form metrics.
    public struct Imported: Codable, Sendable, Equatable {
        public var mixture: Int
        public var model: String
    }
    public var scaling: Scaling
    /// How messages name the run (`<model>/<mixture>`).
    public var run: String
    public var imported: Imported?
}

/// `size-law`: one mixture's size law and its prediction at the target scale. Inputs: the mixture's
/// step laws, one per proxy model, in the order of `sizes`.
public struct SizeLawParameters: TaskParameters {
    public static let kind = TaskKind.sizeLaw
    public struct Scaling: Codable, Sendable, Equatable {
        public var target: ScaleSettings
        public var bootstrap: BootstrapSettings
        public var huberDelta: Double
        enum CodingKeys: String, CodingKey { case target, bootstrap, huberDelta = "huber_delta" }
    }
    public var scaling: Scaling
    /// Parameters of each input's proxy model.
    public var sizes: [Int64]
    /// Index of the mixture (in the swarm or the imported rows), for messages.
    public var mixture: Int
}

/// `scaling-summary`: the fitted laws for the report, and the predicted objective's bootstrap
/// interval for the found mixture and the baselines (the chosen regressor refitted on each replicate
/// of the target-scale losses). Inputs: `collect`, `search`, the size laws (one per mixture, in
/// collect's order), then the step laws, model by model in `models` order, each in mixture order.
public struct ScalingSummaryParameters: TaskParameters {
    public static let kind = TaskKind.scalingSummary
    public struct Model: Codable, Sendable, Equatable {
        public var name: String
        public var size: Int64
        public var tokens: Int64
    }
    public struct Scaling: Codable, Sendable, Equatable {
        public var target: ScaleSettings
        public var bootstrap: BootstrapSettings
    }
    public var domains: [String]
    public var prior: [Double]
    public var objective: ObjectiveSettings
    /// Every regressor of the spec; the one the search chose is refitted.
    public var regressors: [RegressorSettings]
    public var models: [Model]
    public var scaling: Scaling
    /// Replicates refitted for the objective's interval (at most the bootstrap's samples).
    public var refits: Int

    /// The most replicates the objective's interval refits: each refits the regressor, so the laws'
    /// bootstrap may use more replicates than the objective's does.
    public static let maximumRefits = 100
}

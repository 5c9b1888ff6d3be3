// One parameter type per task kind. Each holds exactly what its executor uses; upstream outputs and
// input files arrive beside it, in the order the comments give.

/// `sample`: the swarm table. No inputs.
public struct SampleParameters: TaskParameters {
    public static let kind = TaskKind.sample
    public struct Proxies: Codable, Sendable, Equatable {
        public var count: Int
        public var sampler: SamplerSettings
    }
    public var domains: [String]
    /// The token prior the swarm is drawn around, in domain order.
    public var prior: [Double]
    public var proxies: Proxies
}

/// `train`: one proxy run. No upstream inputs (the mixture is recomputed from the sampler, prior and
/// index, so growing the swarm keeps every training); input files: the trainer's code.
public struct TrainParameters: TaskParameters {
    public static let kind = TaskKind.train
    public struct Proxies: Codable, Sendable, Equatable {
        public var sampler: SamplerSettings
        public var model: ModelSettings
        public var trainer: TrainerSettings
    }
    public var domains: [String]
    public var prior: [Double]
    public var proxies: Proxies
    /// Index of the mixture in the swarm.
    public var mixture: Int
    /// Replicate seed.
    public var seed: Int
    /// Each domain's data, for the built-in trainer (a command trainer owns its data).
    public var data: [String: DomainDataSettings]?
    /// The run id a command trainer sees (`{run}`, `MIXSPEC_RUN`); nil for the built-in trainer.
    public var run: String?
}

/// `verify`: one training of the target model. Input 0 is `search` when `mixture` is nil (the found
/// mixture); input files: the trainer's code.
public struct VerifyParameters: TaskParameters {
    public static let kind = TaskKind.verify
    public struct Verify: Codable, Sendable, Equatable {
        public var model: ModelSettings
        public var trainer: TrainerSettings
    }
    public var domains: [String]
    public var verify: Verify
    /// Explicit weights in domain order; nil for the found mixture.
    public var mixture: [Double]?
    public var seed: Int
    public var data: [String: DomainDataSettings]?
    public var run: String?
}

/// `import`: finished runs from CSV. Input files: the two CSVs, named as the spec writes them.
public struct ImportParameters: TaskParameters {
    public static let kind = TaskKind.importResults
    public struct Results: Codable, Sendable, Equatable {
        public var mixtures: String
        public var metrics: String
    }
    public struct Proxies: Codable, Sendable, Equatable { public var results: Results }
    public var domains: [String]
    public var proxies: Proxies
    /// With `scaling`: long-form metrics (run, model, tokens or step, metrics…), one row per checkpoint.
    public var scaling: ImportScaling?
}

/// What `import` reads of `scaling`: the long-form layout, `steps.tokens_per_step`, and the proxy
/// models' names (rows of another model are left out with a warning, never silently).
public struct ImportScaling: Codable, Sendable, Equatable {
    public struct Steps: Codable, Sendable, Equatable {
        public var tokensPerStep: Int64?
        enum CodingKeys: String, CodingKey { case tokensPerStep = "tokens_per_step" }
    }
    public var steps: Steps
    /// `proxies.models[].name`, in the spec's order.
    public var models: [String]
}

/// `collect`: the table the regression learns from. Input 0 is `sample` or `import`; inputs 1… are
/// the train tasks listed in `runs`, in that order (replicates are averaged per mixture).
public struct CollectParameters: TaskParameters {
    public static let kind = TaskKind.collect
    /// Which train input holds which mixture index and replicate.
    public struct Run: Codable, Sendable, Equatable {
        public var mixture: Int
        public var seed: Int
    }
    public var domains: [String]
    /// True when input 0 is an import (its table is passed through).
    public var imported: Bool
    public var runs: [Run]
    /// With `scaling`: inputs 1… are size laws, one per run in `runs` (seed 0), and the table holds
    /// their predicted target-scale losses with bootstrap replicates.
    public var scaled: Bool?
}

/// `fit`: one regressor per target metric. Input 0 is `collect`.
public struct FitParameters: TaskParameters {
    public static let kind = TaskKind.fit
    public var regression: RegressorSettings
    /// The metrics the objective reads, sorted.
    public var metrics: [String]
}

/// `cross-validate`: k-fold figures per metric and for the objective. Input 0 is `collect`.
public struct CrossValidateParameters: TaskParameters {
    public static let kind = TaskKind.crossValidate
    public struct Regression: Codable, Sendable, Equatable {
        public var folds: Int
        public var seed: UInt64
        public var regressor: RegressorSettings
    }
    public var regression: Regression
    public var metrics: [String]
    /// The objective: its out-of-fold score is what chooses between regressors.
    public var objective: ObjectiveSettings
}

/// `search`: the found mixture. Inputs: the fit of each regressor in `regressors`, then (with two or
/// more) their cross-validations in the same order.
public struct SearchParameters: TaskParameters {
    public static let kind = TaskKind.search
    public struct Availability: Codable, Sendable, Equatable {
        public var targetTokens: Int64
        public var maxEpochs: Double
        enum CodingKeys: String, CodingKey { case targetTokens = "target_tokens", maxEpochs = "max_epochs" }
    }
    public struct Search: Codable, Sendable, Equatable {
        public var candidates: Int
        public var topK: Int
        public var seed: UInt64
        public var strength: Double
        public var bounds: [String: WeightRange]
        public var availability: Availability?
        enum CodingKeys: String, CodingKey { case candidates, seed, strength, bounds, availability, topK = "top_k" }
    }
    public var domains: [String]
    public var prior: [Double]
    /// Available tokens per domain (nil: unknown, not limited by availability).
    public var tokens: [Int64?]
    public var objective: ObjectiveSettings
    public var search: Search
    /// Regressor kinds in the spec's order.
    public var regressors: [String]
}

/// `report`: the run summary. Inputs: `collect`, the cross-validations (one per regressor, in order),
/// `search`, the verify tasks listed in `verifications`, the fits (one per regressor, in order), then
/// one `collect` per further proxy model (`diagnostics.models` after the first), in that order.
public struct ReportParameters: TaskParameters {
    public static let kind = TaskKind.report
    /// One row of the report's settings table.
    public struct Setting: Codable, Sendable, Equatable {
        public var label: String
        public var value: String
    }
    /// One verify input: its mixture's name and replicate.
    public struct Verification: Codable, Sendable, Equatable {
        public var name: String
        public var seed: Int
    }
    public var name: String
    public var description: String?
    /// The settings table, rendered from the resolved spec at compile time.
    public var settings: [Setting]
    public var domains: [String]
    public var prior: [Double]
    public var objective: ObjectiveSettings
    public var regressors: [String]
    /// The target model, e.g. "256k params, 20M tokens" (nil without verify).
    public var verifyModel: String?
    public var verifications: [Verification]
    /// What the diagnostic sections need beyond the upstream outputs.
    public var diagnostics: Diagnostics
    /// True with `scaling`: the last input is `scaling-summary`.
    public var scaling: Bool?

    enum CodingKeys: String, CodingKey {
        case name, description, settings, domains, prior, objective, regressors, verifications, diagnostics, scaling
        case verifyModel = "verify_model"
    }
}

// The typed, resolved spec v1 (DESIGN.md §3): the contract between the front end and the
// compiler. Every value here is already validated, defaulted and unit-normalised.
// Field names follow the YAML keys; the compiler hashes exactly these values.

/// A fully resolved, validated mixspec spec (format version 1).
public struct Spec: Sendable, Equatable {
    /// Format version (always 1 for now).
    public var version: Int
    /// Spec name: `[a-z0-9][a-z0-9_-]*`; names the output folder `out/<name>/`.
    public var name: String
    public var description: String?
    /// Data domains in the order written; that order is kept in every output.
    public var domains: [Domain]
    public var proxies: Proxies
    public var regression: Regression
    public var objective: Objective
    public var search: Search
    public var verify: Verify?
    /// Data Mixing Laws' nested step → size → mixture pipeline; nil fits the first proxy model's final metrics.
    public var scaling: Scaling?
    /// Absolute path of the spec file (for resolving relative paths); not part of any hash.
    public var sourcePath: String

    public init(version: Int, name: String, description: String?, domains: [Domain], proxies: Proxies,
                regression: Regression, objective: Objective, search: Search, verify: Verify?, scaling: Scaling? = nil,
                sourcePath: String) {
        self.version = version; self.name = name; self.description = description; self.domains = domains
        self.proxies = proxies; self.regression = regression; self.objective = objective
        self.search = search; self.verify = verify; self.scaling = scaling; self.sourcePath = sourcePath
    }

    /// Domain names in spec order.
    public var domainNames: [String] { domains.map(\.name) }

    /// The folder holding the spec file: relative paths and trainer commands resolve against it.
    public var baseDirectory: String {
        guard let slash = sourcePath.lastIndex(of: "/") else { return "." }
        return slash == sourcePath.startIndex ? "/" : String(sourcePath[..<slash])
    }

    /// `path` resolved against the spec file's folder (absolute paths are kept).
    public func resolvePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = baseDirectory
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}

/// One data domain.
public struct Domain: Sendable, Equatable {
    public var name: String
    public var source: DomainSource
    /// Available tokens; `nil` means "count from the files" (resolved by the engine).
    public var tokens: Int64?
    /// Explicit prior weight; `nil` means token share.
    public var prior: Double?
    public init(name: String, source: DomainSource, tokens: Int64?, prior: Double?) {
        self.name = name; self.source = source; self.tokens = tokens; self.prior = prior
    }
}

/// Where a domain's text comes from.
public enum DomainSource: Sendable, Equatable {
    /// No data: legal with imported results or an external trainer.
    case none
    /// Glob patterns relative to the spec file (`.txt`-like UTF-8 files and `.jsonl` with a `text` field).
    case paths([String])
    /// The built-in seeded generator of hermetic demo text.
    case synthetic(seed: UInt64)
}

/// The proxy swarm: which mixtures, which models, how they are trained.
public struct Proxies: Sendable, Equatable {
    public var count: Int
    public var models: [ProxyModel]
    public var seeds: Int
    public var sampler: Sampler
    public var trainer: TrainerSpec
    /// Import finished runs instead of training.
    public var results: Results?
    /// `proxies.trainer.inputs`: globs (relative to the spec file) of files a command trainer's
    /// results depend on, beyond those its argv names.
    public var trainerInputs: [String]
    public init(count: Int, models: [ProxyModel], seeds: Int, sampler: Sampler, trainer: TrainerSpec, results: Results?,
                trainerInputs: [String] = []) {
        self.count = count; self.models = models; self.seeds = seeds; self.sampler = sampler
        self.trainer = trainer; self.results = results; self.trainerInputs = trainerInputs
    }
}

/// One proxy model: a parameter count and a training budget in tokens.
public struct ProxyModel: Sendable, Equatable {
    public var name: String
    public var size: Int64
    public var tokens: Int64
    public init(name: String, size: Int64, tokens: Int64) { self.name = name; self.size = size; self.tokens = tokens }
}

/// RegMix Dirichlet swarm parameters (DESIGN.md §8).
public struct Sampler: Sendable, Equatable {
    public var seed: UInt64
    public var temperature: Double
    public var strength: ClosedRange<Double>
    public var maxUsage: Double
    public var minWeight: Double
    public init(seed: UInt64, temperature: Double, strength: ClosedRange<Double>, maxUsage: Double, minWeight: Double) {
        self.seed = seed; self.temperature = temperature; self.strength = strength
        self.maxUsage = maxUsage; self.minWeight = minWeight
    }
}

/// How proxies are trained (DESIGN.md §6).
public enum TrainerSpec: Sendable, Equatable {
    case builtin
    /// An argv template with placeholders; optional Slurm submission.
    case command(argv: [String], slurm: Slurm?)
}

/// Slurm submission settings for a command trainer.
public struct Slurm: Sendable, Equatable {
    public var partition: String?
    public var time: String?
    public var gpus: Int?
    public var cpus: Int?
    public var memory: String?
    public var extraArgs: [String]
    /// Submit ready tasks together as one job array (`sbatch --array`); false: one job per task.
    public var array: Bool
    /// Most elements of one array running at once (`--array=…%N`); nil: no cap.
    public var arrayLimit: Int?
    /// Times a preempted or node-failed job is submitted again before its task fails.
    public var retries: Int
    /// The default number of `retries`.
    public static let defaultRetries = 2

    public init(partition: String?, time: String?, gpus: Int?, cpus: Int?, memory: String?, extraArgs: [String],
                array: Bool = true, arrayLimit: Int? = nil, retries: Int = Slurm.defaultRetries) {
        self.partition = partition; self.time = time; self.gpus = gpus; self.cpus = cpus
        self.memory = memory; self.extraArgs = extraArgs
        self.array = array; self.arrayLimit = arrayLimit; self.retries = retries
    }
}

/// Paths (relative to the spec file, as written) of imported finished runs.
public struct Results: Sendable, Equatable {
    public var mixtures: String
    public var metrics: String
    public init(mixtures: String, metrics: String) { self.mixtures = mixtures; self.metrics = metrics }
}

/// The regressor family.
public enum RegressorKind: String, Sendable, Equatable, CaseIterable {
    case linear, gbdt
    case mixingLaw = "mixing-law"
}

/// Regression settings: one or more regressors (best by CV when several) and their hyperparameters.
public struct Regression: Sendable, Equatable {
    public var models: [RegressorKind]
    public var folds: Int
    public var seed: UInt64
    public var linear: LinearParameters
    public var gbdt: GBDTParameters
    public var mixingLaw: MixingLawParameters
    public init(models: [RegressorKind], folds: Int, seed: UInt64, linear: LinearParameters,
                gbdt: GBDTParameters, mixingLaw: MixingLawParameters) {
        self.models = models; self.folds = folds; self.seed = seed
        self.linear = linear; self.gbdt = gbdt; self.mixingLaw = mixingLaw
    }
}

public struct LinearParameters: Sendable, Equatable {
    /// Ridge penalty (0 = ordinary least squares).
    public var ridge: Double
    public init(ridge: Double) { self.ridge = ridge }
}

/// LightGBM-compatible defaults as RegMix sets them.
public struct GBDTParameters: Sendable, Equatable {
    public var iterations: Int
    public var learningRate: Double
    public var leaves: Int
    public var minSamplesLeaf: Int
    public var bins: Int
    public var minSumHessian: Double
    public init(iterations: Int, learningRate: Double, leaves: Int, minSamplesLeaf: Int, bins: Int, minSumHessian: Double) {
        self.iterations = iterations; self.learningRate = learningRate; self.leaves = leaves
        self.minSamplesLeaf = minSamplesLeaf; self.bins = bins; self.minSumHessian = minSumHessian
    }
}

public struct MixingLawParameters: Sendable, Equatable {
    public var huberDelta: Double
    public var starts: Int
    public var seed: UInt64
    public init(huberDelta: Double, starts: Int, seed: UInt64) {
        self.huberDelta = huberDelta; self.starts = starts; self.seed = seed
    }
}

/// What to optimise.
public struct Objective: Sendable, Equatable {
    public enum Direction: String, Sendable, Equatable { case minimize, maximize }
    public var direction: Direction
    /// The expression, parsed.
    public var expression: ObjectiveExpression
    /// Its canonical text (stable spacing); used for display and hashing.
    public var text: String { expression.canonicalText }
    public init(direction: Direction, expression: ObjectiveExpression) {
        self.direction = direction; self.expression = expression
    }
}

/// The objective expression language (grammars/objective.ebnf).
public indirect enum ObjectiveExpression: Sendable, Equatable {
    case number(Double)
    /// A metric by name: `loss.web` or `metric("any literal")`.
    case metric(String)
    case negate(ObjectiveExpression)
    case binary(BinaryOperator, ObjectiveExpression, ObjectiveExpression)
    case call(Function, [ObjectiveExpression])

    public enum BinaryOperator: String, Sendable, Equatable { case add = "+", subtract = "-", multiply = "*", divide = "/" }
    public enum Function: String, Sendable, Equatable, CaseIterable { case mean, sum, min, max }

    /// Every metric name the expression reads, sorted and unique.
    public var metricNames: [String] {
        var names = Set<String>()
        func walk(_ e: ObjectiveExpression) {
            switch e {
            case .number: break
            case .metric(let n): names.insert(n)
            case .negate(let x): walk(x)
            case .binary(_, let l, let r): walk(l); walk(r)
            case .call(_, let args): args.forEach(walk)
            }
        }
        walk(self)
        return names.sorted()
    }
}

/// Simulation search (RegMix): candidates, top-k, constraints.
public struct Search: Sendable, Equatable {
    public var candidates: Int
    public var topK: Int
    public var seed: UInt64
    /// Dirichlet concentration multiplier applied to the prior for candidate draws.
    public var strength: Double
    /// Per-domain bounds, keyed by domain name.
    public var bounds: [String: ClosedRange<Double>]
    public var availability: Availability?
    public init(candidates: Int, topK: Int, seed: UInt64, strength: Double,
                bounds: [String: ClosedRange<Double>], availability: Availability?) {
        self.candidates = candidates; self.topK = topK; self.seed = seed; self.strength = strength
        self.bounds = bounds; self.availability = availability
    }
}

/// weight·target_tokens ≤ tokens·max_epochs for every domain.
public struct Availability: Sendable, Equatable {
    public var targetTokens: Int64
    public var maxEpochs: Double
    public init(targetTokens: Int64, maxEpochs: Double) { self.targetTokens = targetTokens; self.maxEpochs = maxEpochs }
}

/// Verification at target scale against baselines.
public struct Verify: Sendable, Equatable {
    public var model: ProxyModel
    public var baselines: [Baseline]
    public var seeds: Int
    public init(model: ProxyModel, baselines: [Baseline], seeds: Int) {
        self.model = model; self.baselines = baselines; self.seeds = seeds
    }
}

/// A baseline mixture to verify against.
public enum Baseline: Sendable, Equatable {
    case prior
    case uniform
    /// An explicit, named mixture (weights keyed by domain name).
    case mixture(name: String, weights: [String: Double])

    /// Its name in task ids and reports: `MixtureName.prior`, `MixtureName.uniform` or the mixture's own.
    public var name: String {
        switch self {
        case .prior: return MixtureName.prior
        case .uniform: return MixtureName.uniform
        case .mixture(let name, _): return name
        }
    }
}

/// `scaling`: predict each mixture's losses at a target scale from the proxies' checkpoints (step
/// law) and sizes (size law), then learn the mixture → loss regression on those predictions.
public struct Scaling: Sendable, Equatable {
    /// Parameters (non-embedding) and training tokens of the target.
    public var targetSize: Int64
    public var targetTokens: Int64
    /// Checkpoints at or after this many tokens fit the step law; nil: each run's later half.
    public var fromTokens: Int64?
    /// Tokens per step for long-form metrics with a `step` column.
    public var tokensPerStep: Int64?
    /// Bootstrap replicates, seed and interval coverage.
    public var bootstrapSamples: Int
    public var bootstrapSeed: UInt64
    public var level: Double
    /// Huber threshold on log residuals of the step and size fits.
    public var huberDelta: Double

    public init(targetSize: Int64, targetTokens: Int64, fromTokens: Int64?, tokensPerStep: Int64?,
                bootstrapSamples: Int, bootstrapSeed: UInt64, level: Double, huberDelta: Double) {
        self.targetSize = targetSize; self.targetTokens = targetTokens; self.fromTokens = fromTokens
        self.tokensPerStep = tokensPerStep; self.bootstrapSamples = bootstrapSamples
        self.bootstrapSeed = bootstrapSeed; self.level = level; self.huberDelta = huberDelta
    }
}

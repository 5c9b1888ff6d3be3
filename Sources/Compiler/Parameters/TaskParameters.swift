// Typed task parameters (DESIGN.md §5, "hermetic tasks"). Each task kind has one Codable value type;
// the compiler encodes it into the task's key material and the executor decodes it back. An executor
// receives its decoded parameters, its upstream outputs and its declared input files — nothing else —
// so a key covers what a task uses by construction. Field names mirror spec paths
// (`proxies.sampler.seed`, `search.top_k`) so that `plan` and `explain` name the spec field that changed.
import SpecModel

/// The parameters of one task kind.
public protocol TaskParameters: Codable, Sendable, Equatable {
    /// The kind these parameters belong to.
    static var kind: TaskKind { get }
}

extension TaskParameters {
    /// The canonical value hashed into the task's key.
    public var canonical: CanonicalValue {
        // Encoding our own parameter types cannot fail: they hold only strings, numbers, arrays and maps.
        (try? CanonicalEncoder.encode(self)) ?? .null
    }

    /// Decodes the parameters of `node`; throws when the node is of another kind or the shapes disagree.
    public static func decode(_ node: TaskNode) throws -> Self {
        guard node.kind == kind else { throw ParameterError(task: node.id, message: "is a \(node.kind.rawValue) task, not \(kind.rawValue)") }
        do {
            return try CanonicalDecoder.decode(Self.self, from: node.parameters)
        } catch {
            throw ParameterError(task: node.id, message: "has unreadable parameters: \(error)")
        }
    }
}

/// Parameters that do not decode as the kind's type (a compiler/executor mismatch or a foreign store).
public struct ParameterError: Error, CustomStringConvertible, Sendable {
    public var task: TaskID
    public var message: String
    public var description: String { "task \(task) \(message)" }
}

/// A `[low, high]` pair, encoded as a two-element array.
public struct WeightRange: Codable, Sendable, Equatable {
    public var low: Double
    public var high: Double
    public init(_ range: ClosedRange<Double>) { low = range.lowerBound; high = range.upperBound }

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        low = try c.decode(Double.self)
        high = try c.decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(low)
        try c.encode(high)
    }
}

/// RegMix Dirichlet swarm settings, as `proxies.sampler` spells them.
public struct SamplerSettings: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var temperature: Double
    public var strength: WeightRange
    public var maxUsage: Double
    public var minWeight: Double

    enum CodingKeys: String, CodingKey {
        case seed, temperature, strength
        case maxUsage = "max_usage", minWeight = "min_weight"
    }

    public init(_ s: Sampler) {
        seed = s.seed; temperature = s.temperature; strength = WeightRange(s.strength)
        maxUsage = s.maxUsage; minWeight = s.minWeight
    }
}

/// A model as training sees it. `name` is present only where it reaches the trainer (a command's
/// `{model.name}` and `MIXSPEC_MODEL_NAME`): for the built-in trainer renaming a model retrains nothing.
public struct ModelSettings: Codable, Sendable, Equatable {
    public var name: String?
    public var size: Int64
    public var tokens: Int64
}

/// Who trains: the built-in trainer (with its implementation version) or a command's argv template.
/// Slurm resources are not here: where a job runs does not change its result.
public enum TrainerSettings: Codable, Sendable, Equatable {
    case builtin(version: Int)
    case command(argv: [String])

    enum CodingKeys: String, CodingKey { case builtin, command }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let version = try c.decodeIfPresent(Int.self, forKey: .builtin) {
            self = .builtin(version: version)
        } else {
            self = .command(argv: try c.decode([String].self, forKey: .command))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .builtin(let version): try c.encode(version, forKey: .builtin)
        case .command(let argv): try c.encode(argv, forKey: .command)
        }
    }

    /// True for a command trainer (it sees the run id and model name, so they are in its keys).
    public var isCommand: Bool {
        if case .command = self { return true }
        return false
    }
}

/// One domain's data as the built-in trainer reads it: where (globs relative to the spec's folder, or
/// the synthetic generator's seed) and the content digest of exactly those bytes.
public struct DomainDataSettings: Codable, Sendable, Hashable {
    public var path: [String]?
    public var synthetic: UInt64?
    public var digest: String?
}

/// The objective as the spec spells it: exactly one of `minimize` / `maximize`, in canonical text.
public struct ObjectiveSettings: Codable, Sendable, Equatable {
    public var minimize: String?
    public var maximize: String?

    public init(_ o: Objective) {
        switch o.direction {
        case .minimize: minimize = o.text
        case .maximize: maximize = o.text
        }
    }

    /// The direction and the expression, parsed back from the canonical text.
    public func parsed() throws -> Objective {
        guard let text = minimize ?? maximize else { throw ObjectiveSettingsError(message: "no objective direction") }
        switch parseObjective(text) {
        case .success(let expression): return Objective(direction: minimize != nil ? .minimize : .maximize, expression: expression)
        case .failure(let error): throw ObjectiveSettingsError(message: "objective '\(text)' does not parse: \(error)")
        }
    }
}

/// An objective in parameters that does not parse back (never for parameters this compiler wrote).
public struct ObjectiveSettingsError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// One regressor and its hyperparameters, as `regression.<kind>` spells them; only the chosen kind's
/// section is present, so tuning gbdt does not refit the linear model.
public struct RegressorSettings: Codable, Sendable, Equatable {
    public struct Linear: Codable, Sendable, Equatable { public var ridge: Double }
    public struct GBDT: Codable, Sendable, Equatable {
        public var iterations: Int
        public var learningRate: Double
        public var leaves: Int
        public var minSamplesLeaf: Int
        public var bins: Int
        public var minSumHessian: Double
        enum CodingKeys: String, CodingKey {
            case iterations, leaves, bins
            case learningRate = "learning_rate", minSamplesLeaf = "min_samples_leaf", minSumHessian = "min_sum_hessian"
        }
    }
    public struct MixingLaw: Codable, Sendable, Equatable {
        public var huberDelta: Double
        public var starts: Int
        public var seed: UInt64
        enum CodingKeys: String, CodingKey { case starts, seed, huberDelta = "huber_delta" }
    }

    /// `linear`, `gbdt` or `mixing-law`.
    public var model: String
    public var linear: Linear?
    public var gbdt: GBDT?
    public var mixingLaw: MixingLaw?

    enum CodingKeys: String, CodingKey { case model, linear, gbdt, mixingLaw = "mixing_law" }

    public init(_ kind: RegressorKind, _ r: Regression) {
        model = kind.rawValue
        switch kind {
        case .linear: linear = Linear(ridge: r.linear.ridge)
        case .gbdt:
            let g = r.gbdt
            gbdt = GBDT(iterations: g.iterations, learningRate: g.learningRate, leaves: g.leaves,
                        minSamplesLeaf: g.minSamplesLeaf, bins: g.bins, minSumHessian: g.minSumHessian)
        case .mixingLaw:
            let m = r.mixingLaw
            mixingLaw = MixingLaw(huberDelta: m.huberDelta, starts: m.starts, seed: m.seed)
        }
    }
}

// Upper bounds on the numbers a spec may hold. Each keeps every later computation on user
// numbers (task counts, token sums, 2 · min_samples_leaf, …) far inside Int64 and keeps a typo
// (`count: 10M` for 10k) from making `plan` allocate millions of tasks. They are declared in
// FieldTable (so `mixspec schema` shows them as `maximum`) or checked by the cross-field rules.

/// Upper bounds on spec numbers (README, "Limits").
public enum SpecLimits {
    /// `proxies.count`: mixtures in the swarm.
    public static let mixtures: Int64 = 1_000_000
    /// Train tasks of one spec: `proxies.count` × `proxies.seeds` × number of proxy models.
    public static let trainTasks: Int64 = 1_000_000
    /// `proxies.seeds` and `verify.seeds`: training replicates per mixture.
    public static let seeds: Int64 = 1_000
    /// `search.candidates` and `search.top_k`.
    public static let candidates: Int64 = 100_000_000
    /// `regression.gbdt.iterations`: boosting rounds.
    public static let iterations: Int64 = 1_000_000
    /// `regression.gbdt.min_samples_leaf` (the swarm itself holds at most `mixtures` runs when trained).
    public static let minSamplesLeaf: Int64 = 1_000_000
    /// `regression.gbdt.leaves`.
    public static let leaves: Int64 = 131_072
    /// `regression.gbdt.bins`.
    public static let bins: Int64 = 65_535
    /// `regression.folds`.
    public static let folds: Int64 = 1_000
    /// `regression.mixing_law.starts`: L-BFGS restarts.
    public static let starts: Int64 = 10_000
    /// Most elements of one Slurm array running at once (`%N`; Slurm's own MaxArraySize is ≤ 4,000,001).
    public static let slurmArrayLimit: Int64 = 4_000_001
    /// Most resubmissions of a preempted or node-failed job.
    public static let slurmRetries: Int64 = 100
    /// `scaling.bootstrap.samples`: each replicate refits a law per mixture and the regressor once.
    public static let bootstrapSamples: Int64 = 10_000
    /// Tokens and parameter counts: a domain's `tokens`, a model's `size` and `tokens`,
    /// `search.availability.target_tokens` (10^15 = 1000T).
    public static let tokens: Int64 = 1_000_000_000_000_000
    /// The declared `tokens` of all domains together (10^18): the sum stays far inside Int64
    /// however many domains a spec lists.
    public static let totalTokens: Int64 = 1_000_000_000_000_000_000
    /// Relative weights: a domain's `prior`, a baseline's weights (sums stay finite).
    public static let weight: Double = 1e15
    /// Dirichlet strengths (`proxies.sampler.strength`, `search.strength`) and `proxies.sampler.max_usage`.
    public static let strength: Double = 1e6
    /// `search.availability.max_epochs`.
    public static let epochs: Double = 1e6
}

/// The names of the mixtures `verify` trains: the found one and the built-in baselines. Task
/// ids (`verify/<name>/s<seed>`) and report rows use them, so a named baseline may not.
public enum MixtureName {
    /// The mixture the search found.
    public static let found = "found"
    /// The token prior (or the domains' explicit priors).
    public static let prior = "prior"
    /// Equal weights on every domain.
    public static let uniform = "uniform"
    /// Built-in baselines, as written in `verify.baselines`.
    public static let builtinBaselines = [prior, uniform]
    /// Names a named baseline may not take.
    public static let reserved: Set<String> = [found, prior, uniform]
}

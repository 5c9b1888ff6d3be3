// The spec language v1 (DESIGN.md §3), key by key, in canonical order. Cross-field rules
// (exactly one objective direction, bounds that can sum to 1, swarm size, …) live in
// SpecBuilder; everything a single key can say about itself is here.

/// The declarations of spec format v1.
public enum FieldTable {
    /// The top-level keys in canonical order.
    public static let root: [Field] = [
        Field("mixspec", .integer(minimum: 1, maximum: nil), .required,
              doc: "Format version of the spec; this mixspec reads version 1."),
        Field("name", .string(format: .specName), .required,
              doc: "Name of the experiment; names the output folder out/<name>/."),
        Field("description", .string(format: nil), .optional, doc: "Free text shown in reports."),
        Field("domains", .map(key: .domainName, value: .object(domain), nullValues: true), .required,
              doc: "Data domains, at least two, in the order every output keeps."),
        Field("proxies", .object(proxies), .defaulted, doc: "The swarm of small proxy runs."),
        Field("regression", .object(regression), .defaulted,
              doc: "The regressor from mixture weights to metrics."),
        Field("objective", .object(objective), .required,
              doc: "What to optimise: exactly one of minimize or maximize."),
        Field("search", .object(search), .defaulted, doc: "Simulation search over candidate mixtures (RegMix)."),
        Field("verify", .object(verify), .optional,
              doc: "Train a larger target model on the found mixture and on baselines."),
        Field("scaling", .object(scaling), .optional,
              doc: "Data Mixing Laws' nested pipeline: step and size laws predict each mixture's losses at the target scale, and the regression learns those."),
    ]

    static let domain: [Field] = [
        Field("path", .oneOf([.string(format: nil), .list(.string(format: nil), minItems: 1, maxItems: nil)],
                             summary: "a glob or a list of globs"), .optional,
              doc: "Glob(s) of data files, relative to the spec file; exclusive with synthetic."),
        Field("synthetic", .object([
            Field("seed", .seed, .required, doc: "Seed of the built-in generator."),
        ]), .optional, doc: "Built-in seeded generator of hermetic demo text; exclusive with path."),
        Field("tokens", tokenCount, .optional, doc: "Available tokens; counted from the files when omitted."),
        Field("prior", weightValue, .optional,
              doc: "Prior weight; default is the domain's token share. Set on every domain or none."),
    ]

    static let model: [Field] = [
        Field("name", .string(format: .label), .required, doc: "Model name, used in task ids."),
        Field("size", tokenCount, .required, doc: "Parameter count (e.g. 1M)."),
        Field("tokens", tokenCount, .required, doc: "Training tokens (e.g. 1B)."),
    ]

    static let proxies: [Field] = [
        Field("count", .integer(minimum: 1, maximum: SpecLimits.mixtures), .defaulted, default: .int(64),
              doc: "Mixtures in the swarm (RegMix used 512); with results, the imported rows."),
        Field("models", .list(.object(model), minItems: 1, maxItems: nil), .optional,
              doc: "Proxy models, one or more; required unless results are imported."),
        Field("seeds", .integer(minimum: 1, maximum: SpecLimits.seeds), .defaulted, default: .int(1),
              doc: "Training replicates per mixture."),
        Field("sampler", .object(sampler), .defaulted, doc: "RegMix Dirichlet swarm parameters."),
        Field("trainer", .oneOf([.enumeration(["builtin"]), .object(commandTrainer)],
                                summary: "'builtin' or a mapping with 'command'"), .defaulted, default: .string("builtin"),
              doc: "builtin (in-process CPU trainer) or {command: [argv...]} with optional slurm."),
        Field("results", .object([
            Field("mixtures", .string(format: nil), .required,
                  doc: "CSV: header row; first column = run id; one column per domain."),
            Field("metrics", .string(format: nil), .required,
                  doc: "CSV: header row; first column = run id; one column per metric."),
        ]), .optional, doc: "Import finished runs instead of training (paths relative to the spec file)."),
    ]

    static let sampler: [Field] = [
        Field("seed", .seed, .defaulted, default: .int(42), doc: "Seed of the swarm; mixture i depends on (seed, i) only."),
        Field("temperature", .positive, .defaulted, default: .double(0.5),
              doc: "Prior sharpening prior^T, renormalised (applied when T < 1)."),
        Field("strength", .list(strengthValue, minItems: 2, maxItems: 2), .defaulted,
              default: .array([.double(0.1), .int(5)]),
              doc: "Range [low, high] of Dirichlet strengths, 15 log-spaced values."),
        Field("max_usage", strengthValue, .defaulted, default: .int(15),
              doc: "Upper bound per domain: min(prior · max_usage, 1)."),
        Field("min_weight", .number(minimum: 0, maximum: 1, exclusiveMinimum: false, exclusiveMaximum: true),
              .defaulted, default: .double(2e-4), doc: "Weights below this are zeroed, then renormalised."),
    ]

    static let commandTrainer: [Field] = [
        Field("command", .list(.string(format: nil), minItems: 1, maxItems: nil), .required,
              doc: "argv template with placeholders {mixture} {out} {model.name} {model.size} {tokens} {seed} {run}."),
        Field("inputs", .list(.string(format: nil), minItems: 1, maxItems: nil), .optional,
              doc: "Globs of further files the command's results depend on (code, configs), relative to the spec file; their contents are in every train and verify key, like files named in the command itself."),
        Field("slurm", .object([
            Field("partition", .string(format: nil), .optional, doc: "sbatch --partition."),
            Field("time", .string(format: nil), .optional, doc: "sbatch --time (e.g. 02:00:00)."),
            Field("gpus", .seed, .optional, doc: "sbatch --gpus."),
            Field("cpus", .count, .optional, doc: "sbatch --cpus-per-task."),
            Field("memory", .string(format: nil), .optional, doc: "sbatch --mem (e.g. 32G)."),
            Field("extra_args", .list(.string(format: nil), minItems: 0, maxItems: nil), .defaulted,
                  default: .array([]), doc: "Further sbatch arguments, verbatim."),
            Field("array", .boolean, .optional,
                  doc: "Submit ready tasks together as one job array (sbatch --array, split at the cluster's MaxArraySize); false submits one job per task. Default true."),
            Field("array_limit", .integer(minimum: 1, maximum: SpecLimits.slurmArrayLimit), .optional,
                  doc: "Most elements of one job array running at once (--array=…%N)."),
            Field("retries", .integer(minimum: 0, maximum: SpecLimits.slurmRetries), .defaulted, default: .int(2),
                  doc: "Times a preempted or node-failed job is submitted again before its task fails."),
        ]), .optional, doc: "Submit the command with sbatch instead of running it locally."),
    ]

    static let regressorKinds = RegressorKind.allCases.map(\.rawValue)

    static let regression: [Field] = [
        Field("model", .oneOf([.enumeration(regressorKinds),
                               .list(.enumeration(regressorKinds), minItems: 1, maxItems: nil)],
                              summary: "a regressor name or a list of them"), .defaulted, default: .string("gbdt"),
              doc: "linear | gbdt | mixing-law; a list compares them and keeps the best by cross-validation."),
        Field("folds", .integer(minimum: 2, maximum: SpecLimits.folds), .defaulted, default: .int(5),
              doc: "Folds of the k-fold cross-validation."),
        Field("seed", .seed, .defaulted, default: .int(0), doc: "Seed of the fold assignment."),
        Field("linear", .object([
            Field("ridge", .nonNegative, .defaulted, default: .int(0), doc: "Ridge penalty (0 = least squares)."),
        ]), .defaulted, doc: "Linear regression settings."),
        Field("gbdt", .object([
            Field("iterations", .integer(minimum: 1, maximum: SpecLimits.iterations), .defaulted, default: .int(1000), doc: "Boosting rounds."),
            Field("learning_rate", .number(minimum: 0, maximum: 1, exclusiveMinimum: true, exclusiveMaximum: false),
                  .defaulted, default: .double(0.01), doc: "Shrinkage per round."),
            Field("leaves", .integer(minimum: 2, maximum: SpecLimits.leaves), .defaulted, default: .int(31),
                  doc: "Maximum leaves per tree (leaf-wise growth)."),
            Field("min_samples_leaf", .integer(minimum: 1, maximum: SpecLimits.minSamplesLeaf), .defaulted, default: .int(20), doc: "Minimum samples in a leaf."),
            Field("bins", .integer(minimum: 2, maximum: SpecLimits.bins), .defaulted, default: .int(255),
                  doc: "Histogram bins per feature."),
            Field("min_sum_hessian", .nonNegative, .defaulted, default: .double(1e-3),
                  doc: "Minimum sum of hessians in a leaf."),
        ]), .defaulted, doc: "Gradient-boosted trees, LightGBM defaults as RegMix uses them."),
        Field("mixing_law", .object([
            Field("huber_delta", .positive, .defaulted, default: .double(0.05), doc: "Huber loss threshold (0.05: the authors' setting; see README)."),
            Field("starts", .integer(minimum: 1, maximum: SpecLimits.starts), .defaulted, default: .int(8), doc: "Multi-start L-BFGS restarts."),
            Field("seed", .seed, .defaulted, default: .int(0), doc: "Seed of the starting points."),
        ]), .defaulted, doc: "Data Mixing Laws fit settings."),
    ]

    static let objective: [Field] = [
        Field("minimize", .expression, .optional, doc: "Expression to minimise, e.g. loss.web or mean(loss.a, loss.b)."),
        Field("maximize", .expression, .optional, doc: "Expression to maximise."),
    ]

    /// Token and parameter counts (SpecLimits.tokens).
    static let tokenCount = SchemaType.integer(minimum: 1, maximum: SpecLimits.tokens)
    /// Relative weights: priors and baseline weights.
    static let weightValue = SchemaType.number(minimum: 0, maximum: SpecLimits.weight, exclusiveMinimum: false, exclusiveMaximum: false)
    /// Dirichlet strengths and max_usage.
    static let strengthValue = SchemaType.number(minimum: 0, maximum: SpecLimits.strength, exclusiveMinimum: true, exclusiveMaximum: false)

    static let unitInterval = SchemaType.number(minimum: 0, maximum: 1, exclusiveMinimum: false, exclusiveMaximum: false)

    static let search: [Field] = [
        Field("candidates", .integer(minimum: 1, maximum: SpecLimits.candidates), .defaulted, default: .int(100_000),
              doc: "Candidate mixtures simulated."),
        Field("top_k", .integer(minimum: 1, maximum: SpecLimits.candidates), .defaulted, default: .int(128), doc: "The answer is the mean of the top-k candidates."),
        Field("seed", .seed, .defaulted, default: .int(7), doc: "Seed of the candidate draws."),
        Field("strength", strengthValue, .defaulted, default: .int(1), doc: "Dirichlet concentration multiplier on the prior."),
        Field("bounds", .map(key: .domainName, value: .list(unitInterval, minItems: 2, maxItems: 2), nullValues: false),
              .defaulted, default: .object([:]), doc: "Per-domain weight bounds [low, high] within [0, 1]."),
        Field("availability", .object([
            Field("target_tokens", tokenCount, .required, doc: "Tokens the target model trains on."),
            Field("max_epochs", .number(minimum: 0, maximum: SpecLimits.epochs, exclusiveMinimum: true, exclusiveMaximum: false), .required, doc: "Most passes over any domain."),
        ]), .optional, doc: "weight · target_tokens ≤ tokens · max_epochs for every domain."),
    ]

    static let verify: [Field] = [
        Field("model", .object([
            Field("name", .string(format: .label), .defaulted, default: .string("target"), doc: "Target model name."),
            Field("size", tokenCount, .required, doc: "Parameter count."),
            Field("tokens", tokenCount, .required, doc: "Training tokens."),
        ]), .required, doc: "The target model."),
        Field("baselines", .list(.oneOf([.enumeration(MixtureName.builtinBaselines), .object([
            Field("name", .string(format: .label), .required, doc: "Baseline name."),
            Field("weights", .map(key: .domainName, value: weightValue, nullValues: false), .required,
                  doc: "Weight per domain (renormalised; missing domains get 0)."),
        ])], summary: "'prior', 'uniform' or a mapping with name and weights"), minItems: 0, maxItems: nil), .defaulted,
              default: .array(MixtureName.builtinBaselines.map(CanonicalValue.string)), doc: "Mixtures to compare the found one against."),
        Field("seeds", .integer(minimum: 1, maximum: SpecLimits.seeds), .defaulted, default: .int(1), doc: "Training replicates per mixture."),
    ]

    static let scaling: [Field] = [
        Field("target", .object([
            Field("size", tokenCount, .required, doc: "Parameters of the target model (non-embedding), at least the largest proxy's."),
            Field("tokens", tokenCount, .required, doc: "Training tokens of the target model."),
        ]), .required, doc: "The scale whose losses the regression learns."),
        Field("steps", .object([
            Field("from_tokens", tokenCount, .optional,
                  doc: "Checkpoints at or after this many tokens fit the step law (at least three per run); default: the later half of each run's checkpoints."),
            Field("tokens_per_step", tokenCount, .optional,
                  doc: "Tokens per step, for long-form metrics with a 'step' column instead of 'tokens'."),
        ]), .defaulted, doc: "Which checkpoints the step law is fitted to."),
        Field("bootstrap", .object([
            Field("samples", .integer(minimum: 10, maximum: SpecLimits.bootstrapSamples), .defaulted, default: .int(200),
                  doc: "Bootstrap replicates behind every interval."),
            Field("seed", .seed, .defaulted, default: .int(0), doc: "Seed of the bootstrap draws."),
            Field("level", .number(minimum: 0, maximum: 1, exclusiveMinimum: true, exclusiveMaximum: true), .defaulted,
                  default: .double(0.95), doc: "Coverage of the intervals."),
        ]), .defaulted, doc: "Residual bootstrap intervals on fitted laws, extrapolated losses and the predicted objective."),
        Field("huber_delta", .positive, .defaulted, default: .double(1e-3),
              doc: "Huber threshold on the log-space residuals of the step and size fits."),
    ]
}

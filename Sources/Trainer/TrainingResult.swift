// What one training run reports.

/// Validation metrics after a number of steps (one entry of `steps`).
public struct TrainingCheckpoint: Sendable, Equatable {
    /// Gradient steps done.
    public var step: Int
    /// Tokens trained on so far.
    public var tokens: Int64
    /// `loss.<domain>` → mean validation cross-entropy (nats per byte).
    public var metrics: [String: Double]
}

/// The outcome of `BuiltinTrainer.train`.
public struct TrainingResult: Sendable, Equatable {
    /// The shape trained.
    public var shape: ModelShape
    /// Actual trainable parameters.
    public var parameterCount: Int
    /// Tokens trained on (always the configuration's `tokens`).
    public var tokens: Int64
    /// Gradient steps taken.
    public var stepCount: Int
    /// Final metrics: `loss.<domain>` for every domain, in nats per byte.
    public var metrics: [String: Double]
    /// Log-spaced checkpoints, the final one last.
    public var steps: [TrainingCheckpoint]
    /// Tokens drawn from each domain.
    public var tokensPerDomain: [String: Int64]
    /// Passes over each domain's training part (tokens drawn / training bytes).
    public var epochs: [String: Double]
    /// Matrix-product FLOPs of training (forward + backward), excluding evaluation.
    public var flops: Double
}

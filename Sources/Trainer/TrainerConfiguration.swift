// What one training run does.

/// Settings of one built-in training run. `size`, `tokens` and `seed` come from the spec; the
/// rest are the trainer's defaults (part of its implementation version).
public struct TrainerConfiguration: Sendable, Equatable, Hashable {
    /// Requested parameter count; the model uses the nearest shape (`ModelShape.fitting`).
    public var size: Int64
    /// Exact number of predicted bytes to train on.
    public var tokens: Int64
    /// Seed of initialisation and data cursors.
    public var seed: UInt64
    /// Bytes of context.
    public var context: Int
    /// Predicted positions per gradient step.
    public var batchSize: Int
    /// Peak Adam learning rate (linear warm-up over 2 % of steps, cosine decay to 10 %).
    public var learningRate: Double
    /// Validation bytes scored per domain (a fixed, evenly spread subset; all when fewer).
    public var validationTokens: Int
    /// Log-spaced intermediate evaluations (at tokens/2, tokens/4, …) besides the final one.
    public var checkpoints: Int
    /// Consecutive positions read from one domain before the sampler picks again.
    public var windowLength: Int

    /// Largest model the built-in trainer accepts.
    public static let maximumSize: Int64 = 50_000_000

    public init(size: Int64, tokens: Int64, seed: UInt64, context: Int = 8, batchSize: Int = 64,
                learningRate: Double = 0.01, validationTokens: Int = 8192, checkpoints: Int = 5,
                windowLength: Int = 16) {
        self.size = size; self.tokens = tokens; self.seed = seed; self.context = context
        self.batchSize = batchSize; self.learningRate = learningRate
        self.validationTokens = validationTokens; self.checkpoints = checkpoints
        self.windowLength = windowLength
    }

    /// The model shape this configuration trains.
    public var shape: ModelShape { ModelShape.fitting(parameters: size, context: context) }

    /// Throws `TrainerError.invalidConfiguration` for out-of-range settings.
    public func validate() throws {
        func fail(_ message: String) throws -> Never { throw TrainerError.invalidConfiguration(message) }
        if size < 1 { try fail("size must be at least 1 parameter, got \(size)") }
        if size > Self.maximumSize { try fail("size \(size) exceeds the built-in trainer's limit of \(Self.maximumSize) parameters") }
        if tokens < 1 { try fail("tokens must be at least 1, got \(tokens)") }
        if !(1...64).contains(context) { try fail("context must be in 1…64 bytes, got \(context)") }
        if !(1...8192).contains(batchSize) { try fail("batch size must be in 1…8192, got \(batchSize)") }
        if !(learningRate.isFinite && learningRate > 0) { try fail("learning rate must be positive, got \(learningRate)") }
        if validationTokens < 1 { try fail("validation tokens must be at least 1, got \(validationTokens)") }
        if !(0...32).contains(checkpoints) { try fail("checkpoints must be in 0…32, got \(checkpoints)") }
        if windowLength < 1 { try fail("window length must be at least 1, got \(windowLength)") }
    }
}

// The model's dimensions, chosen from a requested parameter count.

/// A byte-level MLP language model: the previous `context` bytes are embedded (a shared
/// 256×`embedding` table), concatenated, passed through one tanh layer of `hidden` units and a
/// 256-way softmax that predicts the next byte.
public struct ModelShape: Sendable, Equatable, Hashable {
    /// Bytes of context the model sees.
    public var context: Int
    /// Embedding width per byte.
    public var embedding: Int
    /// Hidden units.
    public var hidden: Int

    /// Vocabulary size (bytes).
    public static let vocabulary = 256

    /// A shape with the given dimensions (all ≥ 1).
    public init(context: Int, embedding: Int, hidden: Int) {
        self.context = context; self.embedding = embedding; self.hidden = hidden
    }

    /// Width of the concatenated context embedding.
    public var inputWidth: Int { context * embedding }

    /// Exact number of trainable parameters.
    public var parameterCount: Int {
        let v = Self.vocabulary
        return v * embedding + inputWidth * hidden + hidden + hidden * v + v
    }

    /// Multiply-accumulates of one forward pass for one predicted byte.
    public var forwardMACs: Int { inputWidth * hidden + hidden * Self.vocabulary }

    /// FLOPs of forward + backward for one predicted byte, matrix products only
    /// (forward 2·MACs, backward 4·MACs: weight gradients and input gradients).
    public var trainingFLOPsPerToken: Int { 6 * forwardMACs }

    /// The shape closest to `parameters` for a given context: embedding width ≈ √P / 12
    /// (clamped to 4…64), then the multiple of 8 hidden units that brings the count nearest to P (≥ 8).
    public static func fitting(parameters: Int64, context: Int) -> ModelShape {
        let p = Double(max(parameters, 1))
        let embedding = min(64, max(4, Int((p.squareRoot() / 12).rounded())))
        let fixed = Double(vocabulary * embedding + vocabulary)
        let perHidden = Double(context * embedding + 1 + vocabulary)
        // Multiples of 8 keep every matrix product on whole SIMD8 tiles.
        let hidden = max(8, 8 * Int(((p - fixed) / perHidden / 8).rounded()))
        return ModelShape(context: context, embedding: embedding, hidden: hidden)
    }
}

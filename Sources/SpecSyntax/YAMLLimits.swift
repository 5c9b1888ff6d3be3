/// Resource limits that keep hostile or broken input from exhausting time or memory.
public struct YAMLLimits: Sendable {
    /// Largest accepted file, in bytes.
    public var maxBytes: Int
    /// Deepest accepted nesting of collections.
    public var maxDepth: Int
    /// Total nodes that alias expansion may add (billion-laughs guard).
    public var maxAliasExpansion: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 64, maxAliasExpansion: Int = 100_000) {
        self.maxBytes = maxBytes; self.maxDepth = maxDepth; self.maxAliasExpansion = maxAliasExpansion
    }

    /// The limits mixspec uses.
    public static let standard = YAMLLimits()
}

// Facts about domains that the compiler needs but cannot know without I/O (token counts of
// files, content digests). The engine resolves them first and passes them in, so compilation
// itself stays a pure function of (spec, facts).
import SpecModel

/// What the engine learned about one domain's data.
public struct DomainFacts: Sendable, Equatable {
    /// Available tokens: the spec's `tokens`, else counted from the files; nil when the domain has no data.
    public var tokens: Int64?
    /// Content digest of the domain's data (files or synthetic generator identity); nil without data.
    public var contentDigest: String?
    /// Files matched by the domain's globs (nil for synthetic or data-less domains).
    public var files: Int?
    /// Bytes of the domain's files or generated text (nil without data).
    public var bytes: Int64?

    public init(tokens: Int64?, contentDigest: String?, files: Int? = nil, bytes: Int64? = nil) {
        self.tokens = tokens; self.contentDigest = contentDigest; self.files = files; self.bytes = bytes
    }
}

/// Facts for every domain, keyed by domain name.
public typealias DomainFactTable = [String: DomainFacts]

extension Spec {
    /// The prior over domains, in domain order: explicit `prior` weights when every domain has one,
    /// otherwise token shares when every domain's tokens are known, otherwise uniform.
    public func priorWeights(facts: DomainFactTable) -> [Double] {
        let explicit = domains.compactMap(\.prior)
        if explicit.count == domains.count, explicit.reduce(0, +) > 0 {
            return normalised(explicit)
        }
        // Summed as doubles: a sum of user-given Int64 counts could overflow.
        let tokens = domains.compactMap { facts[$0.name]?.tokens ?? $0.tokens }.map(Double.init)
        if tokens.count == domains.count, tokens.reduce(0, +) > 0 {
            return normalised(tokens)
        }
        return Array(repeating: 1.0 / Double(domains.count), count: domains.count)
    }

    /// Available tokens per domain in domain order (nil where unknown).
    public func availableTokens(facts: DomainFactTable) -> [Int64?] {
        domains.map { facts[$0.name]?.tokens ?? $0.tokens }
    }
}

private func normalised(_ v: [Double]) -> [Double] {
    let total = v.reduce(0, +)
    return v.map { $0 / total }
}

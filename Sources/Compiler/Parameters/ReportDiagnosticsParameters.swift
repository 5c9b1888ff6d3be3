// What the report's diagnostic sections (issue 14) read from the spec and the resolved domain facts:
// the proxy models behind the further collect inputs, the replicate counts, each domain's data and
// the target scale at which the found mixture's repetition is computed.
import SpecModel

extension ReportParameters {
    /// Spec-side inputs of the diagnostic sections.
    public struct Diagnostics: Codable, Sendable, Equatable {
        /// One domain's data as the spec and the resolved facts describe it.
        public struct DataSource: Codable, Sendable, Equatable {
            public var domain: String
            /// Glob patterns, `synthetic (seed n)`, or `none`.
            public var source: String
            public var files: Int?
            public var bytes: Int64?
            /// Available tokens (the spec's, else counted).
            public var tokens: Int64?
        }
        /// Proxy model names in spec order (empty when results are imported); inputs after the fits
        /// are the collects of the models after the first.
        public var models: [String]
        public var proxySeeds: Int
        /// Verify replicates; nil without verify.
        public var verifySeeds: Int?
        public var data: [DataSource]
        /// Training tokens at target scale: the verify model's, else `search.availability.target_tokens`.
        public var targetTokens: Int64?
        /// Which field `targetTokens` comes from.
        public var targetSource: String?
        public var maxEpochs: Double?

        enum CodingKeys: String, CodingKey {
            case models, data
            case proxySeeds = "proxy_seeds", verifySeeds = "verify_seeds", targetTokens = "target_tokens"
            case targetSource = "target_source", maxEpochs = "max_epochs"
        }

        /// The diagnostics inputs of `spec` with the engine's domain facts.
        public init(_ spec: Spec, facts: DomainFactTable) {
            models = spec.proxies.results == nil && spec.scaling == nil ? spec.proxies.models.map(\.name) : []
            proxySeeds = spec.proxies.results == nil ? spec.proxies.seeds : 1
            verifySeeds = spec.verify?.seeds
            data = spec.domains.map { domain in
                let source: String
                switch domain.source {
                case .none: source = "none"
                case .paths(let patterns): source = patterns.joined(separator: ", ")
                case .synthetic(let seed): source = "synthetic (seed \(seed))"
                }
                let fact = facts[domain.name]
                return DataSource(domain: domain.name, source: source, files: fact?.files, bytes: fact?.bytes,
                                  tokens: fact?.tokens ?? domain.tokens)
            }
            if let verify = spec.verify {
                targetTokens = verify.model.tokens; targetSource = "verify.model.tokens"
            } else if let availability = spec.search.availability {
                targetTokens = availability.targetTokens; targetSource = "search.availability.target_tokens"
            }
            maxEpochs = spec.search.availability?.maxEpochs
        }
    }
}

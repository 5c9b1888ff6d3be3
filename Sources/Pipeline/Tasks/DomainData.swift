// Domain data for the built-in trainer: loaded once per run, on first use, shared by every
// training task (the corpora are immutable byte arrays, so sharing across threads is safe).
import ContentStore
import Foundation
import SpecModel
import Trainer

/// Lazily loaded corpora of a spec's domains, in domain order.
final class DomainData: @unchecked Sendable {
    private let spec: Spec
    private let lock = NSLock()
    private var loaded: Result<[DomainCorpus], Error>?

    init(spec: Spec) { self.spec = spec }

    /// The corpora; the first call reads the files (or generates synthetic text).
    func corpora() throws -> [DomainCorpus] {
        lock.lock(); defer { lock.unlock() }
        if let loaded { return try loaded.get() }
        let result = Result { try spec.domains.map { try DomainData.load($0, spec: spec) } }
        loaded = result
        return try result.get()
    }

    static func load(_ domain: Domain, spec: Spec) throws -> DomainCorpus {
        guard let source = corpusSource(domain.source) else {
            throw EngineError.taskFailed("domain '\(domain.name)' has no data (no `path` or `synthetic`), so the built-in trainer cannot train on it")
        }
        return try DomainLoader.load(name: domain.name, source: source, baseDirectory: spec.baseDirectory)
    }

    /// The trainer's view of a domain source; nil for a domain without data.
    static func corpusSource(_ source: DomainSource) -> CorpusSource? {
        switch source {
        case .none: return nil
        case .paths(let patterns): return .paths(patterns)
        case .synthetic(let seed): return .synthetic(seed: seed)
        }
    }
}

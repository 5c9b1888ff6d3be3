// Domain corpora for the built-in trainer, loaded once per run on first use and shared by every
// training task with the same data settings (the corpora are immutable byte arrays, so sharing
// across threads is safe).
import Compiler
import ContentStore
import Foundation
import Trainer

/// Corpora loaded from `DomainDataSettings`, memoised by those settings.
final class CorpusCache: @unchecked Sendable {
    private let baseDirectory: String
    private let lock = NSLock()
    private var loaded: [[String: DomainDataSettings]: Result<[DomainCorpus], Error>] = [:]

    init(baseDirectory: String) { self.baseDirectory = baseDirectory }

    /// The corpora of `domains`, in that order; the first call for given settings reads the files
    /// (or generates the synthetic text).
    func corpora(domains: [String], data: [String: DomainDataSettings]) throws -> [DomainCorpus] {
        lock.lock(); defer { lock.unlock() }
        if let known = loaded[data] { return try known.get() }
        let result = Result { try domains.map { try load($0, data[$0]) } }
        loaded[data] = result
        return try result.get()
    }

    private func load(_ name: String, _ settings: DomainDataSettings?) throws -> DomainCorpus {
        guard let source = settings.flatMap(Self.corpusSource) else {
            throw EngineError.taskFailed("domain '\(name)' has no data (no `path` or `synthetic`), so the built-in trainer cannot train on it")
        }
        return try DomainLoader.load(name: name, source: source, baseDirectory: baseDirectory)
    }

    private static func corpusSource(_ s: DomainDataSettings) -> CorpusSource? {
        if let seed = s.synthetic { return .synthetic(seed: seed) }
        if let patterns = s.path { return .paths(patterns) }
        return nil
    }
}

// Reading a domain's documents from files (plain UTF-8 text or JSON Lines) or from the generator.
import Foundation

/// Where a domain's text comes from (the trainer's view of the spec's `path` / `synthetic` keys).
public enum CorpusSource: Sendable, Equatable {
    /// Glob patterns, relative to the base directory (or absolute). Files ending in `.jsonl` are
    /// read as JSON Lines with a string field `text` per record; all other files as UTF-8 text.
    case paths([String])
    /// The built-in seeded generator (see `SyntheticText`); `bytes` overrides the seed-chosen size.
    case synthetic(seed: UInt64, bytes: Int? = nil)
}

/// Loads domains into memory, checking every byte.
public enum DomainLoader {
    /// Largest synthetic domain (bytes are generated in memory).
    public static let maximumSyntheticBytes = 256_000_000

    /// The end-of-document byte appended after every document.
    public static let documentSeparator: UInt8 = 0x00

    /// Reads and splits one domain. Errors carry `name` and the offending file, line or offset.
    public static func load(name: String, source: CorpusSource, baseDirectory: String) throws -> DomainCorpus {
        switch source {
        case let .synthetic(seed, bytes):
            if let bytes, !(DomainCorpus.minimumBytes...maximumSyntheticBytes).contains(bytes) {
                throw TrainerError.invalidConfiguration(
                    "domain '\(name)': synthetic size \(bytes) bytes is outside \(DomainCorpus.minimumBytes)…\(maximumSyntheticBytes)")
            }
            let text = SyntheticText.generate(seed: seed, byteCount: bytes)
            return try DomainCorpus(name: name, stream: text.stream, documentCount: text.documentCount)
        case let .paths(patterns):
            let files = try resolveFiles(name: name, patterns: patterns, baseDirectory: baseDirectory)
            var stream: [UInt8] = []
            var documents = 0
            for path in files {
                let bytes = try readFile(name: name, path: path)
                if path.hasSuffix(".jsonl") {
                    documents += try appendJSONLines(name: name, path: path, bytes: bytes, to: &stream)
                } else {
                    try checkUTF8(name: name, path: path, bytes: bytes)
                    if !bytes.isEmpty {
                        stream.append(contentsOf: bytes)
                        stream.append(documentSeparator)
                        documents += 1
                    }
                }
            }
            if documents == 0 { throw TrainerError.emptyDomain(domain: name, fileCount: files.count) }
            return try DomainCorpus(name: name, stream: stream, files: files, documentCount: documents)
        }
    }

    /// The files a domain's patterns name: absolute paths, sorted, without duplicates.
    /// Every pattern must match at least one regular file.
    public static func resolveFiles(name: String, patterns: [String], baseDirectory: String) throws -> [String] {
        var all = Set<String>()
        for pattern in patterns {
            guard let matches = FileGlob.matches(pattern: pattern, baseDirectory: baseDirectory) else {
                throw TrainerError.noMatchingFiles(domain: name, pattern: pattern, directory: baseDirectory)
            }
            for path in matches { all.insert(absolute(path)) }
        }
        return all.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Counts a domain's tokens (bytes of its stream, separators included); reads and checks every file.
    public static func countTokens(name: String, source: CorpusSource, baseDirectory: String) throws -> Int64 {
        try load(name: name, source: source, baseDirectory: baseDirectory).tokenCount
    }

    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    private static func readFile(name: String, path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TrainerError.unreadableFile(domain: name, path: path, reason: "cannot open")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw TrainerError.unreadableFile(domain: name, path: path, reason: "\(error)")
        }
    }

    private static func checkUTF8(name: String, path: String, bytes: [UInt8]) throws {
        if let bad = bytes.withUnsafeBufferPointer(firstInvalidUTF8(in:)) {
            throw TrainerError.invalidUTF8(domain: name, path: path, byteOffset: bad.byteOffset, line: bad.line)
        }
    }

    /// Appends each record's `text` (plus separator); blank lines are skipped. Returns the record count.
    private static func appendJSONLines(name: String, path: String, bytes: [UInt8], to stream: inout [UInt8]) throws -> Int {
        try checkUTF8(name: name, path: path, bytes: bytes)
        var records = 0
        var line = 0
        var start = 0
        while start < bytes.count {
            line += 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let slice = bytes[start..<end]
            start = end + 1
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(slice), options: [])
            } catch {
                throw TrainerError.malformedJSONLines(domain: name, path: path, line: line, reason: "not valid JSON")
            }
            guard let record = object as? [String: Any] else {
                throw TrainerError.malformedJSONLines(domain: name, path: path, line: line, reason: "expected a JSON object with a string field \"text\"")
            }
            guard let text = record["text"] as? String else {
                let reason = record["text"] == nil ? "record has no field \"text\"" : "field \"text\" is not a string"
                throw TrainerError.malformedJSONLines(domain: name, path: path, line: line, reason: reason)
            }
            if text.utf8.isEmpty { continue }
            stream.append(contentsOf: text.utf8)
            stream.append(documentSeparator)
            records += 1
        }
        return records
    }
}

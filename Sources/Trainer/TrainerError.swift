// Errors of the data loaders and the trainer. Every data error names the domain it belongs to
// (the caller passes the spec's domain name), and the file, line or byte offset where it applies.

/// A failure while loading a domain's data or training a model; `description` is the user-facing message.
public enum TrainerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A glob pattern matched no regular file.
    case noMatchingFiles(domain: String, pattern: String, directory: String)
    /// A file could not be read.
    case unreadableFile(domain: String, path: String, reason: String)
    /// A text file (or a jsonl line) is not valid UTF-8.
    case invalidUTF8(domain: String, path: String, byteOffset: Int, line: Int)
    /// A `.jsonl` line is not a JSON object with a string `text` field.
    case malformedJSONLines(domain: String, path: String, line: Int, reason: String)
    /// The domain's files hold no text at all.
    case emptyDomain(domain: String, fileCount: Int)
    /// The domain has too little text to split into a training and a validation part.
    case domainTooSmall(domain: String, bytes: Int, minimum: Int)
    /// Mixture weights that cannot be used (wrong count, negative, not finite, all zero, weight on an empty domain).
    case invalidWeights(String)
    /// A trainer setting out of range.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .noMatchingFiles(domain, pattern, directory):
            return "domain '\(domain)': path '\(pattern)' matches no files (looked in \(directory))"
        case let .unreadableFile(domain, path, reason):
            return "domain '\(domain)': cannot read \(path): \(reason)"
        case let .invalidUTF8(domain, path, offset, line):
            return "domain '\(domain)': \(path):\(line): invalid UTF-8 at byte offset \(offset)"
        case let .malformedJSONLines(domain, path, line, reason):
            return "domain '\(domain)': \(path):\(line): \(reason)"
        case let .emptyDomain(domain, count):
            if count == 0 { return "domain '\(domain)' is empty: no paths given" }
            return "domain '\(domain)' is empty: \(count) file\(count == 1 ? "" : "s") matched but \(count == 1 ? "holds" : "hold") no text"
        case let .domainTooSmall(domain, bytes, minimum):
            return "domain '\(domain)' is too small: \(bytes) byte\(bytes == 1 ? "" : "s") of text, need at least \(minimum)"
        case let .invalidWeights(reason):
            return "invalid mixture weights: \(reason)"
        case let .invalidConfiguration(reason):
            return "invalid trainer configuration: \(reason)"
        }
    }
}

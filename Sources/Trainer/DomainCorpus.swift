// A domain's text as bytes, split once and for all into a training and a validation part.

/// One data domain ready for training: byte streams (tokenisation = bytes, 256 symbols).
///
/// Documents (text files, jsonl records, synthetic paragraphs) are concatenated in a fixed order,
/// each followed by one end-of-document byte `0x00`. The stream is then cut into equal blocks
/// of at most 4 KiB (at least 20 blocks when there are 20 bytes or more); every 20th block
/// (indices 19, 39, …) goes to validation, or the last block when there are fewer than 20 — at most
/// 5 % of the text (≥ 4.5 % from 800 KB up), spread across the whole domain, and identical for every
/// run because it depends on the bytes only.
public struct DomainCorpus: Sendable, Equatable {
    /// The spec's domain name (used in metric names `loss.<name>` and in errors).
    public var name: String
    /// Training stream.
    public var train: [UInt8]
    /// Validation stream (never trained on).
    public var validation: [UInt8]
    /// Available tokens: bytes of the whole stream (train + validation, separators included).
    public var tokenCount: Int64 { Int64(train.count + validation.count) }
    /// Absolute paths of the files read, sorted (empty for synthetic domains); feed content digests.
    public var files: [String]
    /// Number of documents (files, jsonl records or synthetic paragraphs).
    public var documentCount: Int

    /// Builds a corpus from an already split pair of streams.
    public init(name: String, train: [UInt8], validation: [UInt8], files: [String] = [], documentCount: Int = 1) {
        self.name = name; self.train = train; self.validation = validation
        self.files = files; self.documentCount = documentCount
    }

    /// The smallest stream that can be split (one training byte, one validation byte).
    public static let minimumBytes = 2
    /// One in this many blocks is validation.
    public static let validationPeriod = 20
    /// Largest block size of the split.
    public static let maximumBlockBytes = 4096

    /// Splits a document stream deterministically (see the type's documentation).
    public init(name: String, stream: [UInt8], files: [String] = [], documentCount: Int = 1) throws {
        guard stream.count >= Self.minimumBytes else {
            throw TrainerError.domainTooSmall(domain: name, bytes: stream.count, minimum: Self.minimumBytes)
        }
        let period = Self.validationPeriod
        let block = max(1, min(Self.maximumBlockBytes, stream.count / period))
        let blockCount = (stream.count + block - 1) / block
        var train: [UInt8] = []
        var validation: [UInt8] = []
        train.reserveCapacity(stream.count)
        validation.reserveCapacity(stream.count / period + block)
        let anyPeriodic = blockCount >= period
        for b in 0..<blockCount {
            let range = (b * block)..<min(stream.count, (b + 1) * block)
            let isValidation = anyPeriodic ? (b % period == period - 1) : (b == blockCount - 1)
            if isValidation { validation.append(contentsOf: stream[range]) } else { train.append(contentsOf: stream[range]) }
        }
        self.init(name: name, train: train, validation: validation, files: files, documentCount: documentCount)
    }
}

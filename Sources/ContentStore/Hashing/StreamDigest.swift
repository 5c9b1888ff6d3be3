// Incremental SHA-256 over several pieces (a domain's files, generated text).
import Crypto
import Foundation

/// A SHA-256 fed piece by piece.
public struct StreamDigest {
    private var hasher = SHA256()

    /// An empty digest.
    public init() {}

    /// Adds the UTF-8 bytes of `text`.
    public mutating func add(_ text: String) { hasher.update(data: Data(text.utf8)) }
    /// Adds `bytes`.
    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) } }

    /// Lower-case hex digest.
    public func finish() -> String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
}

// Incremental SHA-256 over several pieces (a domain's files, generated text).
import Crypto
import Foundation

struct StreamDigest {
    private var hasher = SHA256()

    mutating func add(_ text: String) { hasher.update(data: Data(text.utf8)) }
    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) } }

    /// Lower-case hex digest.
    func finish() -> String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
}

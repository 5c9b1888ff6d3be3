// SHA-256 content digests (DESIGN.md §5): blobs are named by the digest of their bytes, task keys
// by the digest of their canonical key material.
import Compiler
import Crypto
import Foundation
import SafeFiles
import SpecModel

/// Lower-case hex SHA-256 digests of bytes, files and task key material.
public enum ContentDigest {
    /// The SHA-256 of `data`, as 64 lower-case hex digits.
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(utf8 text: String) -> String {
        sha256Hex(Data(text.utf8))
    }

    /// Streams a file through SHA-256 in 1 MiB chunks so large data files never sit in memory.
    /// Links are followed (data files may be links), but only a regular file is read: opening a
    /// FIFO or device never blocks and is an error.
    public static func sha256Hex(fileAt path: String) throws -> String {
        let opened: Int32?
        do { opened = try BoundedFile.openRegular(path, followLinks: true) } catch {
            throw EngineError.io("cannot use input file: \(error)")
        }
        guard let fd = opened else { throw EngineError.io("cannot open input file \(path)") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var hasher = SHA256()
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// A task's key: the SHA-256 of the canonical JSON encoding of its key material. A `cache`
    /// (one per plan or run) encodes parameter values shared by many tasks once; `orderedInputs`,
    /// the upstream digests in the order the task's graph lists them (the same pairs as
    /// `material.inputDigests`), spares a sort when that order is already the bytes' order.
    public static func taskKey(_ material: TaskKeyMaterial, cache: KeyEncodingCache? = nil,
                               orderedInputs: [(TaskID, String)] = []) -> String {
        let bytes = CanonicalBytes.encode(material, cache: cache, orderedInputs: orderedInputs)
        defer { cache?.returnBuffer(bytes) }
        return sha256Hex(bytes)
    }

    /// True when `text` looks like a digest this module produced (guards paths built from records).
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            var n = 0
            for byte in digest {
                out[n] = hexDigits[Int(byte >> 4)]
                out[n + 1] = hexDigits[Int(byte & 0x0f)]
                n += 2
            }
            return n
        }
    }
}

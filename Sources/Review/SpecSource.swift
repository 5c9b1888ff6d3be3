// Where one side of a `diff` comes from: a spec file in the working tree, or the same path at a
// git revision. A spec at a revision is loaded from its bytes but anchored at its real path, so
// relative paths (data, imported results) resolve against the real folder and the store is the
// working tree's; bases named by `extends` and imported CSVs are read at the same revision.
import ContentStore
import Foundation
import SpecModel

/// One side of a spec comparison.
public enum SpecSource: Sendable, Equatable {
    /// A file on disk, as the user named it.
    case file(String)
    /// The file `path` (as the user named it) at git revision `revision`.
    case revision(String, path: String)

    /// How outputs and diagnostics name it: the path, or `REV:path`.
    public var label: String {
        switch self {
        case .file(let path): return path
        case .revision(let revision, let path): return "\(revision):\(path)"
        }
    }

    /// The SHA-256 of the file at `path` (absolute) on this side: the working tree, or the revision.
    public func contentDigest(absolutePath path: String) throws -> String {
        switch self {
        case .file:
            return try ContentDigest.sha256Hex(fileAt: path)
        case .revision(let revision, let specPath):
            let folder = (SpecLoader.absolutePath(specPath) as NSString).deletingLastPathComponent
            let bytes = try GitRevisionReader(revision: revision, directory: folder.isEmpty ? "/" : folder).read(absolutePath: path)
            return ContentDigest.sha256Hex(bytes)
        }
    }

    /// Loads and validates the spec. Throws `GitError` when git cannot produce the file; an
    /// invalid spec is not thrown but returned with its diagnostics.
    public func load() throws -> LoadedSpec {
        switch self {
        case .file(let path):
            return SpecLoader.load(path: path)
        case .revision(let revision, let path):
            let absolute = SpecLoader.absolutePath(path)
            let folder = (absolute as NSString).deletingLastPathComponent
            let reader = GitRevisionReader(revision: revision, directory: folder.isEmpty ? "/" : folder)
            let bytes = try reader.read(absolutePath: absolute)
            return SpecLoader.load(bytes: bytes, path: label, absolutePath: absolute,
                                   readFile: { try? reader.read(absolutePath: $0) })
        }
    }
}

// Which files a domain's data digest was computed from: `facts/data-<digest>.json` holds
// {relative path: file digest}. Written when the digest is computed, read when a plan explains
// why a training is stale, so the reason names the data file that changed.
import Foundation
import SpecModel

extension Store {
    /// Records the files behind a domain's data digest (once; an existing manifest is kept).
    public func writeDataManifest(_ digest: String, files: [String: String]) throws {
        guard ContentDigest.isDigest(digest) else { return }
        let path = dataManifestPath(digest)
        if FileManager.default.fileExists(atPath: path) { return }
        try AtomicFile.makeRealDirectory(root + "/facts", inside: root)
        let value = CanonicalValue.object(["files": .object(files.mapValues(CanonicalValue.string))])
        try AtomicFile.write(Data(value.canonicalJSON.utf8), to: path, durable: false, inside: root)
    }

    /// The files behind a data digest, if recorded.
    public func dataManifest(_ digest: String) -> [String: String]? {
        guard ContentDigest.isDigest(digest), let data = try? AtomicFile.read(dataManifestPath(digest), limit: ReadLimits.storeIndex),
              case .object(let fields)? = try? JSONParser.parse(data), case .object(let files)? = fields["files"] else { return nil }
        var out: [String: String] = [:]
        for (name, value) in files { if case .string(let d) = value { out[name] = d } }
        return out
    }

    private func dataManifestPath(_ digest: String) -> String { root + "/facts/data-" + digest + ".json" }
}

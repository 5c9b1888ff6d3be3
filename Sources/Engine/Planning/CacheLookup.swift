// The cache hit test shared by planner and scheduler: a record for the key whose blob verifies.
import Compiler
import ContentStore
import Foundation

/// The outcome of looking a key up in the store.
enum CacheLookup {
    case hit(ActionRecord)
    /// No usable record; `detail` says why when a record existed but could not be used.
    case miss(detail: String?)

    static func lookup(_ key: String, in store: Store) -> CacheLookup {
        guard let record = store.actionRecordSummary(forKey: key) else { return .miss(detail: nil) }
        guard store.blobIsValid(record.outputDigest) else {
            return .miss(detail: "its cached output is missing or corrupt")
        }
        return .hit(record)
    }
}

extension Store {
    /// True when the blob exists and its bytes hash to `digest` (a mismatch is reported as a warning).
    func blobIsValid(_ digest: String) -> Bool { readBlob(digest) != nil }
}

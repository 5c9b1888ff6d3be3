// The cache hit test shared by planner and scheduler: a record for the key whose blob verifies,
// by hash or, when neither file changed since it last did, by the store's verification memo.
import Compiler
import ContentStore
import Foundation

/// The outcome of looking a key up in the store.
enum CacheLookup {
    case hit(outputDigest: String)
    /// No usable record; `detail` says why when a record existed but could not be used.
    case miss(detail: String?)

    static func lookup(_ key: String, in verified: VerificationMemo) -> CacheLookup {
        switch verified.output(forKey: key) {
        case .valid(let digest): .hit(outputDigest: digest)
        case .absent: .miss(detail: nil)
        case .unusable(let detail): .miss(detail: detail)
        }
    }
}

// `mixspec compare` reads each spec's finished run from its store: the `report` task's output is
// the run summary. Nothing is run; a spec whose report is not cached for its current key has not
// been run as it stands (or was edited since) and is an error.
import Compiler
import ContentStore
import Engine
import Foundation
import Pipeline
import Reporting

extension SpecSession {
    /// The summary of this spec's last complete run, from the store.
    public func storedSummary() throws -> RunSummary {
        let plan = plan()
        guard let entry = plan.entries.first(where: { $0.id == compiled.report }) else {
            throw EngineError.io("\(spec.name): the task graph has no report task")
        }
        guard entry.state == .cached, let digest = entry.outputDigest else {
            let pending = plan.entries.filter { $0.state != .cached }.count
            throw EngineError.io("spec '\(spec.name)' has no finished run for its current contents in \(store.root) "
                                 + "(\(pending) of \(plan.entries.count) tasks not cached); run it first: mixspec run \(spec.sourcePath)")
        }
        guard let data = store.readBlob(digest) else {
            throw EngineError.io("spec '\(spec.name)': the stored report \(digest) is missing or damaged; run it again")
        }
        return try RunSummary.decode(json: data)
    }
}

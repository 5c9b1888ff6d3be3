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
        try RunSummary.decode(json: storedOutput(of: compiled.report, in: plan()))
    }
}

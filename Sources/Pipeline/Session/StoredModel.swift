// `mixspec model`: a fitted model's details from the store (issue 14), for the regressor the search
// chose or any other the spec lists. Like `export`, it reads stored results only.
import Compiler
import ContentStore
import Foundation
import Reporting
import SpecModel

/// The fitted model of one regressor and whether the search chose it.
public struct StoredModel: Sendable {
    public var summary: FittedModelSummary
    /// The regressor the search used (best by cross-validation).
    public var chosen: String
    /// The spec's domains, in order.
    public var domains: [String]
}

extension SpecSession {
    /// The stored fit of `regressor` (default: the one the search chose); an error names the
    /// regressors the spec lists, or says to run the spec first.
    public func storedModel(regressor: String?) throws -> StoredModel {
        let plan = plan()
        let search = try PayloadCoding.decode(SearchPayload.self, from: storedOutput(of: compiled.search, in: plan), task: "search")
        let names = spec.regression.models.map(\.rawValue)
        let wanted = regressor ?? search.regressor
        guard let index = names.firstIndex(of: wanted), index < compiled.fits.count else {
            throw EngineError.io("spec '\(spec.name)' fits no regressor '\(wanted)'; it lists: \(names.joined(separator: ", "))")
        }
        let fit = try PayloadCoding.decode(FitPayload.self, from: storedOutput(of: compiled.fits[index], in: plan), task: "fit/\(wanted)")
        guard let details = fit.details else {
            throw EngineError.io("the stored fit of '\(wanted)' has no model details; run the spec again")
        }
        return StoredModel(summary: details, chosen: search.regressor, domains: spec.domainNames)
    }
}

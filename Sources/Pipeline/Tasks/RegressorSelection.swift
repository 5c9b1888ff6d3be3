// Which fitted regressor the search (and `predict`) uses: the only one, or the one whose
// cross-validated Spearman on the objective is highest (ties: the earlier one in the spec).
import Compiler
import Foundation

enum RegressorSelection {
    /// The chosen fit task and the CV objective Spearman of every candidate (empty with one regressor).
    static func chosenFit(_ compiled: CompiledSpec, output: (TaskID) -> Data?) throws -> (fit: TaskID, scores: [Double]) {
        guard compiled.fits.count > 1 else { return (compiled.fits[0], []) }
        let scores = try compiled.crossValidations.map {
            try PayloadCoding.decode(CrossValidationPayload.self, from: output($0), task: $0.rawValue).objective.spearman
        }
        var chosen = 0
        for (i, s) in scores.enumerated() where s > scores[chosen] { chosen = i }
        return (compiled.fits[chosen], scores)
    }
}

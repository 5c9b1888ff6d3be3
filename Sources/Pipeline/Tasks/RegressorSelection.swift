// Which fitted regressor the search (and `predict`) uses: the only one, or the one whose
// cross-validated Spearman on the objective is highest (ties: the earlier one in the spec).
import Foundation

enum RegressorSelection {
    /// The index of the chosen regressor and every candidate's CV objective Spearman (empty with one).
    static func chosen(fits: Int, crossValidations: [Data?]) throws -> (index: Int, scores: [Double]) {
        guard fits > 1 else { return (0, []) }
        let scores = try crossValidations.enumerated().map {
            try PayloadCoding.decode(CrossValidationPayload.self, from: $0.element, task: "cross-validate #\($0.offset + 1)").objective.spearman
        }
        var chosen = 0
        for (i, s) in scores.enumerated() where s > scores[chosen] { chosen = i }
        return (chosen, scores)
    }
}

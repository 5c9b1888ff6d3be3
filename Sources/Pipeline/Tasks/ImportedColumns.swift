// Which column of an imported mixtures CSV holds which domain: the rule shared with the front
// end (SpecModel.MixtureColumns), so a spec that passes `check` imports.
import ContentStore
import SpecModel

enum ImportedColumns {
    /// Column index of every domain, in domain order; every column must be claimed by a domain.
    static func match(domains: [String], columns: [String], file: String) throws -> [Int] {
        switch MixtureColumns.match(domains: domains, columns: columns) {
        case .matched(let indices): return indices
        case .mismatched(let problems):
            throw EngineError.taskFailed(problems.map { "\(file): \($0)" }.joined(separator: "\n"))
        }
    }
}

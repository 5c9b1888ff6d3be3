// Which column of a mixtures CSV (imported runs, `predict` input) holds which domain: columns are
// named exactly like the domains (the front end checks the same rule when the file is readable).

enum ImportedColumns {
    /// Column index of every domain, in domain order; every column must be a domain.
    static func match(domains: [String], columns: [String], file: String) throws -> [Int] {
        let missing = domains.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw EngineError.taskFailed("\(file): no column for domain\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", ")); columns must be named like the domains (columns: \(columns.joined(separator: ", ")))")
        }
        let extra = columns.filter { !domains.contains($0) }
        guard extra.isEmpty else {
            throw EngineError.taskFailed("\(file): column\(extra.count == 1 ? "" : "s") \(extra.map { "'\($0)'" }.joined(separator: ", ")) name no domain of the spec")
        }
        return domains.map { columns.firstIndex(of: $0)! }
    }
}

// Which column of an imported mixtures CSV holds which domain. Exact names first; otherwise the
// one column whose name ends in `_<domain>` (RegMix's files name columns `train_the_pile_<domain>`).

enum ImportedColumns {
    /// Column index of every domain, in domain order; every column must be claimed by a domain.
    static func match(domains: [String], columns: [String], file: String) throws -> [Int] {
        var used = Set<Int>()
        var out: [Int] = []
        for domain in domains {
            let index: Int?
            if let exact = columns.firstIndex(of: domain) {
                index = exact
            } else {
                let suffixed = columns.indices.filter { columns[$0].hasSuffix("_" + domain) && !domains.contains(columns[$0]) }
                guard suffixed.count <= 1 else {
                    throw EngineError.taskFailed("\(file): domain '\(domain)' matches several columns: \(suffixed.map { columns[$0] }.joined(separator: ", "))")
                }
                index = suffixed.first
            }
            guard let index else {
                throw EngineError.taskFailed("\(file): no column for domain '\(domain)' (columns: \(columns.joined(separator: ", ")))")
            }
            guard used.insert(index).inserted else {
                throw EngineError.taskFailed("\(file): column '\(columns[index])' matches two domains")
            }
            out.append(index)
        }
        let unclaimed = columns.indices.filter { !used.contains($0) }.map { columns[$0] }
        guard unclaimed.isEmpty else {
            throw EngineError.taskFailed("\(file): columns \(unclaimed.joined(separator: ", ")) match no domain of the spec; every mixture column must be a domain")
        }
        return out
    }
}

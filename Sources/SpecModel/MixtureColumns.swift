// The one rule for which column of an imported mixtures CSV holds which domain, shared by
// `mixspec check` (the front end) and the import task (the engine), so a spec that checks also
// imports. A domain's column is the column named exactly like the domain; otherwise the single
// column whose name ends in `_<domain>` and is not itself a domain name (RegMix's files name
// their columns `train_the_pile_<domain>`). Every mixture column must belong to some domain.

/// Matches the mixture columns of a results CSV to the spec's domains.
public enum MixtureColumns {
    /// Why the columns do not fit the domains.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// No column is named `<domain>` or ends in `_<domain>`.
        case missing(domain: String)
        /// Several columns end in `_<domain>`.
        case ambiguous(domain: String, columns: [String])
        /// Two domains claim the same column.
        case shared(column: String, domains: [String])
        /// Columns that no domain claims.
        case unclaimed(columns: [String])

        public var description: String {
            switch self {
            case .missing(let d): "no column for domain '\(d)' (a column named '\(d)' or ending in '_\(d)')"
            case .ambiguous(let d, let cs): "domain '\(d)' matches several columns: \(cs.joined(separator: ", "))"
            case .shared(let c, let ds): "column '\(c)' matches two domains: \(ds.joined(separator: ", "))"
            case .unclaimed(let cs): "columns \(cs.joined(separator: ", ")) match no domain of the spec; every mixture column must be a domain"
            }
        }
    }

    /// The outcome of matching: column indices in domain order, or every problem found.
    public enum Outcome: Sendable, Equatable {
        case matched([Int])
        case mismatched([Problem])
    }

    /// The column index (into `columns`, which excludes the run id column) of every domain, in
    /// domain order, or every problem found.
    public static func match(domains: [String], columns: [String]) -> Outcome {
        var problems: [Problem] = []
        var owner: [Int: String] = [:]
        var out: [Int] = []
        let domainSet = Set(domains)
        for domain in domains {
            var index = columns.firstIndex(of: domain)
            if index == nil {
                let suffixed = columns.indices.filter { columns[$0].hasSuffix("_" + domain) && !domainSet.contains(columns[$0]) }
                if suffixed.count > 1 {
                    problems.append(.ambiguous(domain: domain, columns: suffixed.map { columns[$0] }))
                    continue
                }
                index = suffixed.first
            }
            guard let index else { problems.append(.missing(domain: domain)); continue }
            if let other = owner[index] {
                problems.append(.shared(column: columns[index], domains: [other, domain]))
                continue
            }
            owner[index] = domain
            out.append(index)
        }
        let unclaimed = columns.indices.filter { owner[$0] == nil }.map { columns[$0] }
        if !unclaimed.isEmpty && problems.isEmpty { problems.append(.unclaimed(columns: unclaimed)) }
        return problems.isEmpty ? .matched(out) : .mismatched(problems)
    }
}

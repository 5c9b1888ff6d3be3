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
        let (exact, suffixes) = lookup(columns, domains: domainSet)
        for domain in domains {
            var index = exact[domain]
            if index == nil {
                let suffixed = suffixes[domain] ?? []
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

    /// The first column named like each string, and for each domain the columns (in order) that
    /// end in `_<domain>` and are not domain names themselves: one pass over the columns rather
    /// than one per domain.
    private static func lookup(_ columns: [String], domains: Set<String>) -> (exact: [String: Int], suffixes: [String: [Int]]) {
        var exact: [String: Int] = [:]
        var suffixes: [String: [Int]] = [:]
        let longest = domains.map(\.utf8.count).max() ?? 0
        for (i, column) in columns.enumerated() {
            if exact[column] == nil { exact[column] = i }
            if domains.contains(column) { continue }
            // `_<domain>` ends the column: try each '_' among its last `longest + 1` bytes.
            let bytes = Array(column.utf8)
            var j = bytes.count - 2
            while j >= Swift.max(0, bytes.count - longest - 1) {
                if bytes[j] == UInt8(ascii: "_") {
                    let suffix = String(decoding: bytes[(j + 1)...], as: UTF8.self)
                    if domains.contains(suffix) { suffixes[suffix, default: []].append(i) }
                }
                j -= 1
            }
        }
        return (exact, suffixes)
    }
}

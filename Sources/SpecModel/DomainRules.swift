import SpecSyntax

extension SpecBuilder {
    /// Domains in spec order, with source exclusivity, prior and data rules.
    mutating func buildDomains(_ root: Checked) -> [Domain]? {
        guard let section = root.member("domains"), let members = section.value.members else { return nil }
        var domains: [Domain] = []
        var ok = true
        let written = section.value.node?.pairs?.count ?? 0
        if written < 2 {
            error("at least two domains are needed, found \(written)", at: section.keyRange,
                  notes: [DiagnosticNote("a mixture of one domain has nothing to search")])
            ok = false
        }
        for member in members {
            let d = member.value
            var sourceKind = DomainSource.none
            let path = d.member("path"), synthetic = d.member("synthetic")
            if let path, let synthetic {
                let (first, second) = path.keyRange.start < synthetic.keyRange.start ? (path, synthetic) : (synthetic, path)
                error("domain '\(member.name)' has both 'path' and 'synthetic'; they are mutually exclusive", at: second.keyRange,
                      notes: [DiagnosticNote("'\(first.name)' is set here", range: first.keyRange)])
                sourceKind = .paths([])
                ok = false
            } else if let path {
                if let one = path.value.string { sourceKind = .paths([one]) }
                else if let many = path.value.list { sourceKind = .paths(many.compactMap(\.string)) }
                for glob in Self.globs(path.value) where glob.value.isEmpty {
                    error("empty path in domain '\(member.name)'", at: glob.range); ok = false
                }
            } else if let synthetic, let seed = synthetic.value["seed"]?.int {
                sourceKind = .synthetic(seed: UInt64(seed))
            }
            domains.append(Domain(name: member.name, source: sourceKind, tokens: d["tokens"]?.int, prior: d["prior"]?.number))
        }
        ok = checkPriors(members, domains) && ok
        ok = checkTotalTokens(section, domains) && ok
        return ok ? domains : nil
    }

    /// Declared tokens of all domains together stay within SpecLimits.totalTokens, so any sum of
    /// them is an exact Int64 however many domains there are.
    private mutating func checkTotalTokens(_ section: Checked.Member, _ domains: [Domain]) -> Bool {
        var total: Int64 = 0
        for domain in domains {
            guard let tokens = domain.tokens else { continue }
            let (sum, overflow) = total.addingReportingOverflow(tokens)
            if overflow || sum > SpecLimits.totalTokens {
                error("the domains' declared tokens add up to more than \(SchemaValidator.limit(SpecLimits.totalTokens)), the limit for all domains together",
                      at: section.keyRange)
                return false
            }
            total = sum
        }
        return true
    }

    static func globs(_ value: Checked) -> [(value: String, range: SourceRange)] {
        if let s = value.string { return [(s, value.range)] }
        return (value.list ?? []).compactMap { item in item.string.map { ($0, item.range) } }
    }

    /// Priors: on every domain or none; not all zero; token share needs tokens or data.
    private mutating func checkPriors(_ members: [Checked.Member], _ domains: [Domain]) -> Bool {
        let withPrior = members.filter { $0.value.node?["prior"] != nil }
        if withPrior.isEmpty {
            var ok = true
            for (member, domain) in zip(members, domains) where domain.tokens == nil && domain.source == .none {
                error("domain '\(member.name)' has neither tokens nor data, so its prior (the token share) is unknown",
                      at: member.keyRange, fixIt: FixIt("add 'tokens: …' or 'prior: …' to '\(member.name)'"))
                ok = false
            }
            return ok
        }
        if withPrior.count < members.count, let first = withPrior.first {
            for member in members where member.value.node?["prior"] == nil {
                error("domain '\(member.name)' has no prior while '\(first.name)' has one; set prior on every domain or on none",
                      at: member.keyRange, notes: [DiagnosticNote("prior set here", range: first.value.node?.pairs?.first { $0.name == "prior" }?.key.range)])
            }
            return false
        }
        let priors = withPrior.compactMap { $0.value["prior"]?.number }
        if priors.count == withPrior.count, priors.allSatisfy({ $0 == 0 }), let first = withPrior.first {
            error("all priors are zero; at least one must be positive", at: first.value.member("prior")?.keyRange ?? first.keyRange)
            return false
        }
        return true
    }
}

import SpecSyntax

extension SpecBuilder {
    /// Target model and baselines (names unique, weights on known domains, not all zero).
    mutating func buildVerify(_ v: Checked, domainNames: [String], hasDomains: Bool) -> Verify? {
        guard let m = v["model"], let name = m["name"]?.string, let size = m["size"]?.int, let tokens = m["tokens"]?.int,
              let list = v["baselines"]?.list, let seeds = v["seeds"]?.int else { return nil }
        var ok = true
        var baselines: [Baseline] = []
        var seen: [String: SourceRange] = [:]
        let domainSet = Set(domainNames)
        for item in list {
            let baseline: Baseline
            let label: String
            let labelRange: SourceRange
            if let word = item.string {
                baseline = word == MixtureName.prior ? .prior : .uniform
                label = word
                labelRange = item.range
            } else {
                guard let bname = item["name"]?.string, let weights = item.member("weights") else { ok = false; continue }
                label = bname
                labelRange = item["name"]?.range ?? item.range
                if MixtureName.reserved.contains(bname) {
                    let names = MixtureName.reserved.sorted().map { "'\($0)'" }.joined(separator: ", ")
                    error("baseline name '\(bname)' is reserved for verify's own mixtures (\(names))", at: labelRange)
                    ok = false
                }
                var w: [String: Double] = [:]
                for entry in weights.value.members ?? [] {
                    if hasDomains, !domainSet.contains(entry.name) {
                        let (hint, fix) = suggestion(for: entry.name, in: domainNames, range: entry.keyRange)
                        error("weight for unknown domain '\(entry.name)'\(hint)", at: entry.keyRange, fixIt: fix)
                        ok = false
                        continue
                    }
                    if let x = entry.value.number { w[entry.name] = x }
                }
                if (weights.value.node?.pairs?.count ?? 0) == (weights.value.members?.count ?? 0), w.values.reduce(0, +) <= 0, ok {
                    error("baseline '\(bname)' has no positive weight", at: weights.keyRange); ok = false
                }
                baseline = .mixture(name: bname, weights: w)
            }
            if let first = seen[label] {
                error("duplicate baseline '\(label)'", at: labelRange, notes: [DiagnosticNote("first listed here", range: first)])
                ok = false
            }
            seen[label] = labelRange
            baselines.append(baseline)
        }
        guard ok else { return nil }
        return Verify(model: ProxyModel(name: name, size: size, tokens: tokens), baselines: baselines, seeds: Int(seeds))
    }
}

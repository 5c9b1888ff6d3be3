import SpecSyntax

extension SpecBuilder {
    /// Candidates, top-k, bounds and availability, with feasibility of the constraints.
    mutating func buildSearch(_ root: Checked, domains: [Domain]?) -> Search? {
        guard let s = root["search"] else { return nil }
        var ok = true
        guard let candidates = s["candidates"]?.int, let topK = s["top_k"]?.int, let seed = s["seed"]?.int,
              let strength = s["strength"]?.number else { return nil }
        if topK > candidates {
            error("'search.top_k' (\(topK)) exceeds 'search.candidates' (\(candidates))", at: s["top_k"]?.range,
                  notes: s["candidates"].map { [DiagnosticNote("candidates set here", range: $0.range)] } ?? [])
            ok = false
        }
        var bounds: [String: ClosedRange<Double>] = [:]
        let domainNames = domains?.map(\.name) ?? []
        let domainSet = Set(domainNames)
        for member in s["bounds"]?.members ?? [] {
            guard let pair = member.value.list, pair.count == 2, let lo = pair[0].number, let hi = pair[1].number else { ok = false; continue }
            if domains != nil, !domainSet.contains(member.name) {
                let (hint, fix) = suggestion(for: member.name, in: domainNames, range: member.keyRange)
                error("bounds on unknown domain '\(member.name)'\(hint)", at: member.keyRange, fixIt: fix)
                ok = false
                continue
            }
            if lo > hi {
                error("bounds of '\(member.name)' are [\(SchemaValidator.format(lo)), \(SchemaValidator.format(hi))]: lower is above upper",
                      at: member.value.range)
                ok = false
                continue
            }
            bounds[member.name] = lo...hi
        }
        if s["bounds"]?.node?.pairs?.count ?? 0 != s["bounds"]?.members?.count ?? 0 { ok = false }
        var availability: Availability? = nil
        if let a = s["availability"] {
            guard let target = a["target_tokens"]?.int, let epochs = a["max_epochs"]?.number else { return nil }
            availability = Availability(targetTokens: target, maxEpochs: epochs)
        }
        if ok, let domains, !tainted("domains", "search") {
            ok = checkFeasible(s, domains: domains, bounds: bounds, availability: availability)
        }
        guard ok else { return nil }
        return Search(candidates: Int(candidates), topK: Int(topK), seed: UInt64(seed), strength: strength,
                      bounds: bounds, availability: availability)
    }

    /// Some mixture must satisfy all bounds and availability caps: Σ low ≤ 1 ≤ Σ high.
    private mutating func checkFeasible(_ s: Checked, domains: [Domain], bounds: [String: ClosedRange<Double>],
                                        availability: Availability?) -> Bool {
        let boundsRange = s.member("bounds").map { $0.value.isDefault ? nil : $0.keyRange } ?? nil
        let lowSum = domains.reduce(0) { $0 + (bounds[$1.name]?.lowerBound ?? 0) }
        if lowSum > 1 + 1e-12 {
            error("bounds cannot be met: the lower bounds sum to \(Self.short(lowSum)), above 1", at: boundsRange)
            return false
        }
        let highSum = domains.reduce(0) { $0 + (bounds[$1.name]?.upperBound ?? 1) }
        if highSum < 1 - 1e-12 {
            error("bounds cannot be met: the upper bounds sum to \(Self.short(highSum)), below 1", at: boundsRange)
            return false
        }
        guard let availability, let aRange = s.member("availability")?.keyRange else { return true }
        // Caps are known only for domains with declared tokens; others are counted from files at run time.
        var capSum = 0.0
        var allKnown = true
        var ok = true
        for d in domains {
            let upper = bounds[d.name]?.upperBound ?? 1
            guard let tokens = d.tokens else {
                if d.source == .none {
                    error("availability needs the tokens of domain '\(d.name)', which has neither tokens nor data", at: aRange)
                    ok = false
                }
                allKnown = false
                capSum += upper
                continue
            }
            let cap = Double(tokens) * availability.maxEpochs / Double(availability.targetTokens)
            let lower = bounds[d.name]?.lowerBound ?? 0
            if lower > cap + 1e-12 {
                error("domain '\(d.name)' cannot reach its lower bound \(SchemaValidator.format(lower)): availability caps it at \(Self.short(cap)) (\(tokens) tokens × \(SchemaValidator.format(availability.maxEpochs)) epochs / \(availability.targetTokens) target tokens)",
                      at: aRange)
                ok = false
            }
            capSum += Swift.min(upper, cap)
        }
        if ok, allKnown, capSum < 1 - 1e-12 {
            error("availability cannot be met: with \(availability.targetTokens) target tokens and at most \(SchemaValidator.format(availability.maxEpochs)) epochs the domains can supply only \(Self.short(capSum)) of the mixture",
                  at: aRange)
            ok = false
        }
        return ok
    }

    static func short(_ v: Double) -> String {
        let r = (v * 10_000).rounded() / 10_000
        return SchemaValidator.format(r)
    }
}

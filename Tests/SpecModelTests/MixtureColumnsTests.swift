import Testing
import SeededRandom
import SpecFuzz
@testable import SpecModel

/// MixtureColumns.match indexes the columns once; it must match exactly as the rule reads
/// (the first column named like the domain, else the single column ending in `_<domain>` that
/// is not itself a domain), checked against that rule written as plain scans.
@Suite struct MixtureColumnsTests {
    static func reference(domains: [String], columns: [String]) -> MixtureColumns.Outcome {
        var problems: [MixtureColumns.Problem] = [], owner: [Int: String] = [:], out: [Int] = []
        for domain in domains {
            var index = columns.firstIndex(of: domain)
            if index == nil {
                let suffixed = columns.indices.filter { columns[$0].hasSuffix("_" + domain) && !domains.contains(columns[$0]) }
                if suffixed.count > 1 { problems.append(.ambiguous(domain: domain, columns: suffixed.map { columns[$0] })); continue }
                index = suffixed.first
            }
            guard let index else { problems.append(.missing(domain: domain)); continue }
            if let other = owner[index] { problems.append(.shared(column: columns[index], domains: [other, domain])); continue }
            owner[index] = domain
            out.append(index)
        }
        let unclaimed = columns.indices.filter { owner[$0] == nil }.map { columns[$0] }
        if !unclaimed.isEmpty && problems.isEmpty { problems.append(.unclaimed(columns: unclaimed)) }
        return problems.isEmpty ? .matched(out) : .mismatched(problems)
    }

    @Test func examples() {
        #expect(MixtureColumns.match(domains: ["web", "code"], columns: ["code", "web"]) == .matched([1, 0]))
        #expect(MixtureColumns.match(domains: ["web", "cc"], columns: ["train_web", "the_pile_cc"]) == .matched([0, 1]))
        #expect(MixtureColumns.match(domains: ["cc"], columns: ["a_cc", "b_cc"]) == .mismatched([.ambiguous(domain: "cc", columns: ["a_cc", "b_cc"])]))
        #expect(MixtureColumns.match(domains: ["pile_cc", "cc"], columns: ["pile_cc"]) == .mismatched([.missing(domain: "cc")]))
    }

    @Test func agreesWithTheRuleOnRandomNames() {
        var rng = SplitMix64(seed: 11)
        let parts = ["a", "b", "cc", "pile", "web", "x_y", "_", ""]
        func name() -> String { (0..<(1 + rng.below(3))).map { _ in parts[rng.below(parts.count)] }.joined(separator: rng.below(2) == 0 ? "_" : "") }
        for _ in 0..<5_000 {
            var domains: [String] = []
            for _ in 0..<(1 + rng.below(4)) { let d = name(); if !d.isEmpty && !domains.contains(d) { domains.append(d) } }
            let columns = (0..<rng.below(6)).map { _ in name() }
            #expect(MixtureColumns.match(domains: domains, columns: columns) == Self.reference(domains: domains, columns: columns),
                    "\(domains) \(columns)")
        }
    }
}

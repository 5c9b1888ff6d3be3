import Testing
import SpecSyntax
@testable import SpecModel

private func load(_ text: String) -> LoadedSpec {
    SpecLoader.load(bytes: Array(text.utf8), path: "t.yaml", absolutePath: "/tmp/t.yaml")
}

private func spec(domains: String, verify: String = "") -> String {
    """
    mixspec: 1
    name: t
    domains:
    \(domains)
    proxies:
      count: 40
      models: [{name: m, size: 8k, tokens: 200k}]
    regression: {model: linear}
    objective: {minimize: loss.web}
    \(verify)
    """
}

/// Numbers past SpecLimits are located errors, never traps (the golden fixtures show the messages).
@Suite struct LimitsTests {
    @Test func wholeNumbersAreExactAndNeverOverflow() throws {
        #expect(try Quantity.parseInteger("9007199254740993").get() == 9_007_199_254_740_993)
        #expect(try Quantity.parseInteger("9223372036854775807").get() == Int64.max)
        #expect(try Quantity.parseInteger("-9223372036854775808").get() == Int64.min)
        #expect(try Quantity.parseInteger("5e18").get() == 5_000_000_000_000_000_000)
        #expect(try Quantity.parseInteger("1000T").get() == 1_000_000_000_000_000)
        #expect(try Quantity.parseInteger("0.0e5").get() == 0)
        #expect(try Quantity.parseInteger("12.50e1").get() == 125)
        for tooLarge in ["9223372036854775808", "1e19", "10000000T", "1e400", "-9223372036854775809", "99999999999999999999999"] {
            #expect(Quantity.parseInteger(tooLarge) == .failure(.tooLarge), "\(tooLarge)")
        }
        for fractional in ["1e-400", "1.0000000000000000000001", "2.5"] {
            #expect(Quantity.parseInteger(fractional) == .failure(.notWhole), "\(fractional)")
        }
        #expect(Quantity.parse("1e400") == .failure(.tooLarge))
        #expect(Quantity.suffixed(1_000_000) == "1M" && Quantity.suffixed(131_072) == nil && Quantity.suffixed(25_000) == "25k")
    }

    @Test func numbersPastTheTypeAreReportedAgainstTheNearerLimit() {
        let loaded = load(spec(domains: "  web: {synthetic: {seed: 1}}\n  code: {synthetic: {seed: 2}}",
                               verify: "search: {candidates: -1e400, top_k: 1e400, seed: -5e19, strength: -1e400}"))
        #expect(loaded.diagnostics.map(\.message) == [
            "'search.candidates' must be at least 1, found -1e400",
            "'search.top_k' must be at most 100000000 (100M), found 1e400",
            "'search.seed' must be at least 0, found -5e19",
            "'search.strength' must be greater than 0, found -1e400",
        ])
    }

    /// Every count and amount has a maximum, except seeds, Slurm's counts, the format version and
    /// regression tuning numbers, which no computation multiplies or adds up.
    @Test func everyCountInTheFieldTableIsBounded() {
        var unbounded: [String] = []
        func walk(_ type: SchemaType, _ path: String) {
            switch type {
            case .integer(_, nil): unbounded.append(path)
            case .number(_, nil, _, _): unbounded.append(path)
            case .list(let item, _, _): walk(item, path + "[]")
            case .object(let fields): for f in fields { walk(f.type, path.isEmpty ? f.name : path + "." + f.name) }
            case .map(_, let value, _): walk(value, path + ".*")
            case .oneOf(let alternatives, _): for a in alternatives { walk(a, path) }
            default: break
            }
        }
        walk(.object(FieldTable.root), "")
        #expect(unbounded.sorted() == [
            "domains.*.synthetic.seed", "mixspec", "proxies.sampler.seed", "proxies.sampler.temperature", "proxies.trainer.slurm.cpus",
            "proxies.trainer.slurm.gpus", "regression.linear.ridge", "regression.gbdt.min_sum_hessian",
            "regression.mixing_law.huber_delta", "regression.mixing_law.seed", "regression.seed", "search.seed",
            "scaling.bootstrap.seed", "scaling.huber_delta",
        ].sorted())
    }

    /// Declared tokens of all domains together stay within SpecLimits.totalTokens (1001 × 1000T is past it).
    @Test func manyLargeDomainsCannotSumPastTheTotalLimit() throws {
        let domains = (0..<1001).map { "  d\($0): {synthetic: {seed: \($0)}, tokens: 1000T}" }.joined(separator: "\n")
        let loaded = load(spec(domains: "  web: {synthetic: {seed: 1}, tokens: 1M}\n" + domains))
        #expect(loaded.spec == nil)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["the domains' declared tokens add up to more than 1000000000000000000 (1000000T), the limit for all domains together"])
        #expect(errors.first?.range?.start == SourceLocation(line: 3, column: 1))
        // At the limit exactly it is fine (the swarm is then too small for 1000 domains: another rule).
        let atLimit = (0..<999).map { "  d\($0): {synthetic: {seed: \($0)}, tokens: 1000T}" }.joined(separator: "\n")
        let fine = load(spec(domains: "  web: {synthetic: {seed: 1}, tokens: 1000T}\n" + atLimit))
        #expect(!fine.diagnostics.contains { $0.message.contains("declared tokens") }, "\(fine.diagnostics.map(\.message))")
    }

    @Test func namedBaselinesMayNotTakeAReservedName() throws {
        for name in MixtureName.reserved.sorted() {
            let loaded = load(spec(domains: "  web: {synthetic: {seed: 1}}\n  code: {synthetic: {seed: 2}}", verify: """
            verify:
              model: {size: 32k, tokens: 1M}
              baselines: [{name: \(name), weights: {web: 1}}]
            """))
            #expect(loaded.spec == nil)
            #expect(loaded.diagnostics.map(\.message) == ["baseline name '\(name)' is reserved for verify's own mixtures ('found', 'prior', 'uniform')"])
        }
        let fine = load(spec(domains: "  web: {synthetic: {seed: 1}}\n  code: {synthetic: {seed: 2}}", verify: """
        verify:
          model: {size: 32k, tokens: 1M}
          baselines: [prior, uniform, {name: found-by-hand, weights: {web: 1}}]
        """))
        #expect(fine.spec?.verify?.baselines.count == 3, "\(fine.diagnostics.map(\.message))")
    }
}

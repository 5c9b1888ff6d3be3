import Testing
import SpecSyntax
@testable import SpecModel

private func load(_ text: String) -> LoadedSpec {
    SpecLoader.load(bytes: Array(text.utf8), path: "t.yaml", absolutePath: "/tmp/t.yaml")
}

private let base = """
mixspec: 1
name: t
domains:
  web: {synthetic: {seed: 1}, tokens: 4M}
  code: {synthetic: {seed: 2}, tokens: 1M}
proxies:
  count: 40
  models: [{name: m, size: 8k, tokens: 200k}]
regression: {model: linear}
objective: {minimize: loss.web}
"""

@Suite struct CanonicalFormTests {
    @Test func unitsAndFormattingDoNotChangeTheCanonicalForm() throws {
        let a = try #require(load(base).spec)
        let b = try #require(load("""
        # reordered keys, other spellings of the same numbers
        objective:
          minimize: "loss.web"
        regression:
          model: [linear]
        proxies:
          models:
            - tokens: 200000
              size: 8e3
              name: m
          count: 4e1
        domains:
          web:
            tokens: 4000000
            synthetic: {seed: 1}
          code: {tokens: 1000k, synthetic: {seed: 2}}
        name: t
        mixspec: 1
        """).spec)
        #expect(a.canonicalValue.canonicalJSON == b.canonicalValue.canonicalJSON)
        #expect(a.canonicalYAML == b.canonicalYAML)
    }

    @Test func defaultsAreFilledIn() throws {
        let s = try #require(load(base).spec)
        #expect(s.proxies.seeds == 1)
        #expect(s.proxies.sampler == Sampler(seed: 42, temperature: 0.5, strength: 0.1...5.0, maxUsage: 15, minWeight: 2e-4))
        #expect(s.proxies.trainer == .builtin)
        #expect(s.regression.folds == 5)
        #expect(s.regression.gbdt == GBDTParameters(iterations: 1000, learningRate: 0.01, leaves: 31, minSamplesLeaf: 20, bins: 255, minSumHessian: 1e-3))
        #expect(s.search.candidates == 100_000 && s.search.topK == 128 && s.search.seed == 7 && s.search.strength == 1)
        #expect(s.verify == nil)
        #expect(s.sourcePath == "/tmp/t.yaml")
    }

    @Test func showOutputLoadsBackToTheSameSpec() throws {
        for text in [base, base + "\nsearch: {bounds: {code: [0.1, 0.5]}, availability: {target_tokens: 10M, max_epochs: 4}}\nverify: {model: {size: 1M, tokens: 1B}, baselines: [prior, {name: half, weights: {web: 0.5, code: 0.5}}]}\n"] {
            let s = try #require(load(text).spec)
            let again = try #require(load(s.canonicalYAML).spec, "\(load(s.canonicalYAML).diagnostics.map(\.message))")
            #expect(again.canonicalValue == s.canonicalValue)
        }
    }

    @Test func domainOrderSurvivesInCanonicalJSON() throws {
        let s = try #require(load(base).spec)
        #expect(s.domainNames == ["web", "code"])
        #expect(s.canonicalValue.canonicalJSON.contains(#""domains":[{"name":"web","#))
    }

    @Test func commandTrainerAcceptsAnyMetric() throws {
        let text = base.replacingOccurrences("  count: 40\n", "  count: 40\n  trainer: {command: [./t.sh, '{out}'], slurm: {partition: gpu, gpus: 1}}\n")
            .replacingOccurrences("loss.web", "accuracy.x")
        let s = try #require(load(text).spec, "\(load(text).diagnostics.map(\.message))")
        #expect(s.proxies.trainer == .command(argv: ["./t.sh", "{out}"], slurm: Slurm(partition: "gpu", time: nil, gpus: 1, cpus: nil, memory: nil, extraArgs: [])))
        #expect(s.objective.expression == .metric("accuracy.x"))
    }

    @Test func unreadableResultsAreAWarningNotAnError() throws {
        let text = """
        mixspec: 1
        name: t
        domains: {a: {prior: 1}, b: {prior: 1}}
        proxies: {results: {mixtures: nowhere/m.csv, metrics: nowhere/x.csv}}
        objective: {maximize: anything}
        """
        let loaded = load(text)
        #expect(loaded.spec != nil)
        #expect(loaded.diagnostics.filter { $0.severity == .warning }.count == 2)
    }

    @Test func resultsFromReadableFilesSetTheSwarmSize() throws {
        let text = """
        mixspec: 1
        name: t
        domains: {a: {prior: 1}, b: {prior: 1}}
        proxies: {results: {mixtures: m.csv, metrics: x.csv}}
        regression: {model: linear, folds: 2}
        objective: {minimize: "metric(\\"val/a\\")"}
        """
        let files: [String: String] = ["/d/m.csv": "run,a,b\n1,0.5,0.5\n2,0.2,0.8\n3,1,0\n\n4,0,1\n", "/d/x.csv": "run,val/a\n1,2\n2,3\n3,4\n4,5\n"]
        let loaded = SpecLoader.load(bytes: Array(text.utf8), path: "t.yaml", absolutePath: "/d/t.yaml",
                                     readFile: { p in files[p].map { Array($0.utf8) } })
        let s = try #require(loaded.spec, "\(loaded.diagnostics.map(\.message))")
        #expect(s.proxies.count == 4)
        #expect(s.proxies.results == Results(mixtures: "m.csv", metrics: "x.csv"))
    }
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: a) {
            out += rest[..<r.lowerBound] + b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

// The key-settings table derived from a resolved spec.
import Reporting
import SpecModel
import Testing

@Suite("Key settings")
struct KeySettingsTests {
    static func spec(verify: Verify?, trainer: TrainerSpec = .builtin) -> Spec {
        Spec(version: 1, name: "quickstart", description: nil,
             domains: [Domain(name: "web", source: .synthetic(seed: 1), tokens: 40_000_000, prior: 0.4),
                       Domain(name: "code", source: .synthetic(seed: 2), tokens: nil, prior: nil)],
             proxies: Proxies(count: 64, models: [ProxyModel(name: "small", size: 32_000, tokens: 1_000_000)], seeds: 2,
                              sampler: Sampler(seed: 42, temperature: 0.5, strength: 0.1...5.0, maxUsage: 15, minWeight: 2e-4),
                              trainer: trainer, results: nil),
             regression: Regression(models: [.gbdt, .linear], folds: 5, seed: 0, linear: LinearParameters(ridge: 0),
                                    gbdt: GBDTParameters(iterations: 1000, learningRate: 0.01, leaves: 31, minSamplesLeaf: 20, bins: 255, minSumHessian: 1e-3),
                                    mixingLaw: MixingLawParameters(huberDelta: 1e-3, starts: 8, seed: 0)),
             objective: Objective(direction: .minimize, expression: .binary(.add, .metric("loss.web"), .metric("loss.code"))),
             search: Search(candidates: 100_000, topK: 128, seed: 7, strength: 1, bounds: ["code": 0...0.3],
                            availability: Availability(targetTokens: 25_000_000_000, maxEpochs: 4)),
             verify: verify, sourcePath: "/tmp/quickstart.yaml")
    }

    @Test func summarisesTheSpecInAFixedOrder() {
        let verify = Verify(model: ProxyModel(name: "target", size: 256_000, tokens: 20_000_000),
                            baselines: [.prior, .uniform, .mixture(name: "code-heavy", weights: ["web": 0.2, "code": 0.8])], seeds: 1)
        let settings = KeySetting.keySettings(for: Self.spec(verify: verify))
        let table = Dictionary(uniqueKeysWithValues: settings.map { ($0.label, $0.value) })
        #expect(settings.map(\.label) == ["Domains", "Swarm", "Proxy models", "Sampler", "Trainer", "Regressors", "Cross-validation",
                                          "Objective", "Search", "Bounds", "Availability", "Verify"])
        #expect(table["Swarm"] == "64 mixtures × 1 model × 2 seeds = 128 proxy runs")
        #expect(table["Proxy models"] == "small (32k params, 1M tokens)")
        #expect(table["Sampler"] == "Dirichlet swarm, seed 42, temperature 0.5, strength 0.1–5, max usage 15, min weight 0.0002")
        #expect(table["Regressors"] == "gbdt, linear (best by CV)")
        #expect(table["Objective"] == "minimize loss.web + loss.code")
        #expect(table["Search"] == "100k candidates, top 128, seed 7, strength 1")
        #expect(table["Bounds"] == "code ∈ [0, 0.3]")
        #expect(table["Availability"] == "target 25B tokens, at most 4 epochs per domain")
        #expect(table["Verify"] == "256k params, 20M tokens, 1 seed; baselines: prior, uniform, code-heavy")
    }

    @Test func namesTheCommandTrainerAndAMissingVerify() {
        let settings = KeySetting.keySettings(for: Self.spec(verify: nil, trainer: .command(argv: ["python", "train.py", "{mixture}"], slurm: nil)))
        #expect(settings.contains(KeySetting("Trainer", "command: python train.py {mixture}")))
        #expect(settings.last == KeySetting("Verify", "none"))
    }
}

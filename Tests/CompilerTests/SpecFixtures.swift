import SpecModel

/// Hand-built resolved specs for compiler tests (independent of the YAML front end).
enum SpecFixtures {
    static func small(count: Int = 32, topK: Int = 8, trainer: TrainerSpec = .builtin,
                      regressors: [RegressorKind] = [.gbdt], verify: Bool = true) -> Spec {
        Spec(
            version: 1, name: "demo", description: nil,
            domains: [
                Domain(name: "web", source: .synthetic(seed: 1), tokens: 400_000, prior: nil),
                Domain(name: "code", source: .synthetic(seed: 2), tokens: 100_000, prior: nil),
                Domain(name: "wiki", source: .synthetic(seed: 3), tokens: 500_000, prior: nil),
            ],
            proxies: Proxies(
                count: count, models: [ProxyModel(name: "small", size: 8000, tokens: 200_000)], seeds: 1,
                sampler: Sampler(seed: 42, temperature: 0.5, strength: 0.1...5.0, maxUsage: 15, minWeight: 2e-4),
                trainer: trainer, results: nil),
            regression: Regression(
                models: regressors, folds: 5, seed: 0, linear: LinearParameters(ridge: 0),
                gbdt: GBDTParameters(iterations: 1000, learningRate: 0.01, leaves: 31, minSamplesLeaf: 20, bins: 255, minSumHessian: 1e-3),
                mixingLaw: MixingLawParameters(huberDelta: 1e-3, starts: 8, seed: 0)),
            objective: Objective(direction: .minimize, expression: .call(.mean, [.metric("loss.web"), .metric("loss.code")])),
            search: Search(candidates: 10_000, topK: topK, seed: 7, strength: 1, bounds: ["code": 0...0.3], availability: nil),
            verify: verify ? Verify(model: ProxyModel(name: "target", size: 32_000, tokens: 1_000_000), baselines: [.prior, .uniform], seeds: 1) : nil,
            sourcePath: "/tmp/specs/demo.yaml")
    }

    /// `small` with three proxy sizes and a `scaling` section (seeds replicates per mixture).
    static func scaled(count: Int = 4, seeds: Int = 1, trainer: TrainerSpec = .builtin, regressors: [RegressorKind] = [.gbdt]) -> Spec {
        var spec = small(count: count, trainer: trainer, regressors: regressors)
        spec.proxies.seeds = seeds
        spec.proxies.models = [ProxyModel(name: "s8k", size: 8000, tokens: 200_000), ProxyModel(name: "s16k", size: 16_000, tokens: 200_000),
                               ProxyModel(name: "s32k", size: 32_000, tokens: 200_000)]
        spec.scaling = Scaling(targetSize: 128_000, targetTokens: 1_000_000, fromTokens: nil, tokensPerStep: nil,
                               bootstrapSamples: 50, bootstrapSeed: 0, level: 0.95, huberDelta: 1e-3)
        return spec
    }

    static let facts: [String: (Int64, String)] = ["web": (400_000, "d-web"), "code": (100_000, "d-code"), "wiki": (500_000, "d-wiki")]
}

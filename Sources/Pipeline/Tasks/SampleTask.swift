// `sample`: the swarm table, mixture i a function of (sampler settings, prior, i) only.
import Compiler
import Methods

enum SampleTask {
    static func run(_ p: SampleParameters) throws -> SwarmPayload {
        SwarmPayload(domains: p.domains, mixtures: try swarmSampler(p.proxies.sampler, prior: p.prior).mixtures(0..<p.proxies.count))
    }

    /// RegMix's sampler for `settings` around `prior` (shared with the train tasks, which recompute their mixture).
    static func swarmSampler(_ s: SamplerSettings, prior: [Double]) throws -> SwarmSampler {
        try SwarmSampler(SwarmSamplerParameters(
            prior: prior, temperature: s.temperature, minStrength: s.strength.low, maxStrength: s.strength.high,
            maxUsage: s.maxUsage, minWeight: s.minWeight, seed: s.seed))
    }
}

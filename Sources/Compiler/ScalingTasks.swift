// The nested scaling pipeline's part of the graph (Data Mixing Laws): one `step-law` per proxy run
// (model × mixture) and one `size-law` per mixture. Compiled beside the swarm by SpecCompiler.
import SpecModel

/// The step and size laws of a compiled spec with `scaling`.
struct ScalingTasks {
    /// Model-major, mixtures in order within each model.
    var stepLaws: [TaskID]
    /// One per mixture, in order.
    var sizeLaws: [TaskID]


    static func bootstrap(_ s: Scaling) -> BootstrapSettings {
        BootstrapSettings(samples: s.bootstrapSamples, seed: s.bootstrapSeed, level: s.level)
    }

    /// Adds the laws. `trains` are the swarm's train tasks in compile order (model-major, then mixture,
    /// then seed); with imported results (`trains` empty) every step law reads `swarm` (the import).
    static func add(to builder: inout GraphBuilder, spec: Spec, scaling: Scaling, swarm: TaskID, trains: [TaskID]) -> ScalingTasks {
        let count = spec.proxies.count, seeds = spec.proxies.seeds
        let imported = spec.proxies.results != nil
        let width = max(4, String(max(count - 1, 0)).count)
        let stepScaling = StepLawParameters.Scaling(steps: .init(fromTokens: scaling.fromTokens), bootstrap: bootstrap(scaling),
                                                    huberDelta: scaling.huberDelta)
        var stepLaws: [TaskID] = []
        var byMixture = [[TaskID]](repeating: [], count: count)
        for (m, model) in spec.proxies.models.enumerated() {
            for i in 0..<count {
                let label = "\(model.name)/\(SpecCompiler.padded(i, width))"
                let inputs: [TaskID]
                if imported {
                    inputs = [swarm]
                } else {
                    let base = (m * count + i) * seeds
                    inputs = Array(trains[base..<(base + seeds)])
                }
                let id = builder.add("step-law/\(label)", StepLawParameters(
                    scaling: stepScaling, run: label, imported: imported ? .init(mixture: i, model: model.name) : nil), inputs: inputs)
                stepLaws.append(id)
                byMixture[i].append(id)
            }
        }
        let sizeScaling = SizeLawParameters.Scaling(target: .init(size: scaling.targetSize, tokens: scaling.targetTokens),
                                                    bootstrap: bootstrap(scaling), huberDelta: scaling.huberDelta)
        let sizes = spec.proxies.models.map(\.size)
        let sizeLaws = (0..<count).map { i in
            builder.add("size-law/\(SpecCompiler.padded(i, width))", SizeLawParameters(scaling: sizeScaling, sizes: sizes, mixture: i),
                        inputs: byMixture[i])
        }
        return ScalingTasks(stepLaws: stepLaws, sizeLaws: sizeLaws)
    }
}

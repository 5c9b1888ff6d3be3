// Spec → its resolved canonical form: defaults filled in, units normalised, single values
// widened to lists where the language allows both (path, regression.model), objectives in
// canonical text. Two specs that mean the same thing have the same form.

extension Spec {
    /// The resolved spec as an ordered tree (canonical key order).
    public var orderedValue: OrderedValue {
        var top: [OrderedMember] = [OrderedMember("mixspec", .int(Int64(version))), OrderedMember("name", .string(name))]
        if let description { top.append(OrderedMember("description", .string(description))) }
        top.append(OrderedMember("domains", .orderedMap(domains.map { OrderedMember($0.name, $0.orderedValue) })))
        top.append(OrderedMember("proxies", proxies.orderedValue))
        top.append(OrderedMember("regression", regression.orderedValue))
        top.append(OrderedMember("objective", .map([OrderedMember(objective.direction.rawValue, .string(objective.text))])))
        top.append(OrderedMember("search", search.orderedValue(domainOrder: domainNames)))
        if let verify { top.append(OrderedMember("verify", verify.orderedValue(domainOrder: domainNames))) }
        if let scaling { top.append(OrderedMember("scaling", scaling.orderedValue)) }
        return .map(top)
    }

    /// The canonical JSON value of the whole resolved spec (`show --json`; the compiler hashes parts of it).
    public var canonicalValue: CanonicalValue { orderedValue.canonicalValue }

    /// The resolved spec as YAML in canonical order (`mixspec show`).
    public var canonicalYAML: String { YAMLPrinter.print(orderedValue) }
}

extension Domain {
    var orderedValue: OrderedValue {
        var m: [OrderedMember] = []
        switch source {
        case .none: break
        case .paths(let globs): m.append(OrderedMember("path", .list(globs.map { .string($0) })))
        case .synthetic(let seed): m.append(OrderedMember("synthetic", .map([OrderedMember("seed", .int(Int64(bitPattern: seed)))])))
        }
        if let tokens { m.append(OrderedMember("tokens", .int(tokens))) }
        if let prior { m.append(OrderedMember("prior", .number(prior))) }
        return .map(m)
    }
}

extension ProxyModel {
    var orderedValue: OrderedValue {
        .map([OrderedMember("name", .string(name)), OrderedMember("size", .int(size)), OrderedMember("tokens", .int(tokens))])
    }
}

extension Proxies {
    var orderedValue: OrderedValue {
        var m = [OrderedMember("count", .int(Int64(count)))]
        // No models is legal only with imported results; an empty list would not load back.
        if !models.isEmpty { m.append(OrderedMember("models", .list(models.map(\.orderedValue)))) }
        m += [OrderedMember("seeds", .int(Int64(seeds))),
                 OrderedMember("sampler", .map([
                    OrderedMember("seed", .int(Int64(bitPattern: sampler.seed))),
                    OrderedMember("temperature", .number(sampler.temperature)),
                    OrderedMember("strength", .list([.number(sampler.strength.lowerBound), .number(sampler.strength.upperBound)])),
                    OrderedMember("max_usage", .number(sampler.maxUsage)),
                    OrderedMember("min_weight", .number(sampler.minWeight)),
                 ])),
                 OrderedMember("trainer", trainer.orderedValue(inputs: trainerInputs))]
        if let results {
            m.append(OrderedMember("results", .map([OrderedMember("mixtures", .string(results.mixtures)),
                                                    OrderedMember("metrics", .string(results.metrics))])))
        }
        return .map(m)
    }
}

extension TrainerSpec {
    /// The trainer with its `inputs` globs (a command trainer's only).
    func orderedValue(inputs: [String]) -> OrderedValue {
        switch self {
        case .builtin: return .string("builtin")
        case .command(let argv, let slurm):
            var m = [OrderedMember("command", .list(argv.map { .string($0) }))]
            if !inputs.isEmpty { m.append(OrderedMember("inputs", .list(inputs.map { .string($0) }))) }
            if let slurm {
                var s: [OrderedMember] = []
                if let p = slurm.partition { s.append(OrderedMember("partition", .string(p))) }
                if let t = slurm.time { s.append(OrderedMember("time", .string(t))) }
                if let g = slurm.gpus { s.append(OrderedMember("gpus", .int(Int64(g)))) }
                if let c = slurm.cpus { s.append(OrderedMember("cpus", .int(Int64(c)))) }
                if let mem = slurm.memory { s.append(OrderedMember("memory", .string(mem))) }
                s.append(OrderedMember("extra_args", .list(slurm.extraArgs.map { .string($0) })))
                if !slurm.array { s.append(OrderedMember("array", .bool(false))) }
                if let limit = slurm.arrayLimit { s.append(OrderedMember("array_limit", .int(Int64(limit)))) }
                s.append(OrderedMember("retries", .int(Int64(slurm.retries))))
                m.append(OrderedMember("slurm", .map(s)))
            }
            return .map(m)
        }
    }
}

extension Regression {
    var orderedValue: OrderedValue {
        .map([
            OrderedMember("model", .list(models.map { .string($0.rawValue) })),
            OrderedMember("folds", .int(Int64(folds))),
            OrderedMember("seed", .int(Int64(bitPattern: seed))),
            OrderedMember("linear", .map([OrderedMember("ridge", .number(linear.ridge))])),
            OrderedMember("gbdt", .map([
                OrderedMember("iterations", .int(Int64(gbdt.iterations))),
                OrderedMember("learning_rate", .number(gbdt.learningRate)),
                OrderedMember("leaves", .int(Int64(gbdt.leaves))),
                OrderedMember("min_samples_leaf", .int(Int64(gbdt.minSamplesLeaf))),
                OrderedMember("bins", .int(Int64(gbdt.bins))),
                OrderedMember("min_sum_hessian", .number(gbdt.minSumHessian)),
            ])),
            OrderedMember("mixing_law", .map([
                OrderedMember("huber_delta", .number(mixingLaw.huberDelta)),
                OrderedMember("starts", .int(Int64(mixingLaw.starts))),
                OrderedMember("seed", .int(Int64(bitPattern: mixingLaw.seed))),
            ])),
        ])
    }
}

extension Search {
    func orderedValue(domainOrder: [String]) -> OrderedValue {
        var m = [OrderedMember("candidates", .int(Int64(candidates))),
                 OrderedMember("top_k", .int(Int64(topK))),
                 OrderedMember("seed", .int(Int64(bitPattern: seed))),
                 OrderedMember("strength", .number(strength)),
                 OrderedMember("bounds", .map(domainOrder.compactMap { d in
                     bounds[d].map { OrderedMember(d, .list([.number($0.lowerBound), .number($0.upperBound)])) }
                 }))]
        if let availability {
            m.append(OrderedMember("availability", .map([OrderedMember("target_tokens", .int(availability.targetTokens)),
                                                         OrderedMember("max_epochs", .number(availability.maxEpochs))])))
        }
        return .map(m)
    }
}

extension Verify {
    func orderedValue(domainOrder: [String]) -> OrderedValue {
        .map([
            OrderedMember("model", model.orderedValue),
            OrderedMember("baselines", .list(baselines.map { b -> OrderedValue in
                switch b {
                case .prior, .uniform: return .string(b.name)
                case .mixture(let name, let weights):
                    return .map([OrderedMember("name", .string(name)),
                                 OrderedMember("weights", .map(domainOrder.compactMap { d in weights[d].map { OrderedMember(d, .number($0)) } }))])
                }
            })),
            OrderedMember("seeds", .int(Int64(seeds))),
        ])
    }
}

extension Scaling {
    var orderedValue: OrderedValue {
        var steps: [OrderedMember] = []
        if let fromTokens { steps.append(OrderedMember("from_tokens", .int(fromTokens))) }
        if let tokensPerStep { steps.append(OrderedMember("tokens_per_step", .int(tokensPerStep))) }
        return .map([
            OrderedMember("target", .map([OrderedMember("size", .int(targetSize)), OrderedMember("tokens", .int(targetTokens))])),
            OrderedMember("steps", .map(steps)),
            OrderedMember("bootstrap", .map([
                OrderedMember("samples", .int(Int64(bootstrapSamples))),
                OrderedMember("seed", .int(Int64(bitPattern: bootstrapSeed))),
                OrderedMember("level", .number(level)),
            ])),
            OrderedMember("huber_delta", .number(huberDelta)),
        ])
    }
}

// Canonical encodings of the spec sections that tasks use. Parameters are nested objects that
// mirror spec paths (`proxies.sampler.seed`, `search.top_k`), so `explain` can name the spec field
// that changed. Each encoder takes only what it needs: a task's key must not move when an
// unrelated field changes.
import SpecModel

extension CanonicalValue {
    /// `[lo, hi]` as a two-element array.
    static func range(_ r: ClosedRange<Double>) -> CanonicalValue { .array([.number(r.lowerBound), .number(r.upperBound)]) }
    static func int(_ v: Int) -> CanonicalValue { .int(Int64(v)) }
    static func uint(_ v: UInt64) -> CanonicalValue { .int(Int64(bitPattern: v)) }
}

enum ParameterEncoding {
    static func sampler(_ s: Sampler) -> CanonicalValue {
        .object([
            "seed": .uint(s.seed),
            "temperature": .number(s.temperature),
            "strength": .range(s.strength),
            "max_usage": .number(s.maxUsage),
            "min_weight": .number(s.minWeight),
        ])
    }

    /// The model as training sees it. The name only matters to a command trainer (it is a placeholder there).
    static func model(_ m: ProxyModel, includeName: Bool) -> CanonicalValue {
        var fields: [String: CanonicalValue] = ["size": .int(m.size), "tokens": .int(m.tokens)]
        if includeName { fields["name"] = .string(m.name) }
        return .object(fields)
    }

    /// The trainer's identity. Slurm resources are left out: where a job runs does not change its
    /// result. The built-in trainer carries its implementation version, so improving it reruns training.
    static func trainer(_ t: TrainerSpec, builtinVersion: Int) -> CanonicalValue {
        switch t {
        case .builtin: return .object(["builtin": .int(builtinVersion)])
        case .command(let argv, _): return .object(["command": .array(argv.map(CanonicalValue.string))])
        }
    }

    static func weights(_ w: [Double]) -> CanonicalValue { .array(w.map(CanonicalValue.number)) }

    static func regressor(_ kind: RegressorKind, _ r: Regression) -> CanonicalValue {
        switch kind {
        case .linear:
            return .object(["model": .string(kind.rawValue), "linear": .object(["ridge": .number(r.linear.ridge)])])
        case .gbdt:
            let g = r.gbdt
            return .object(["model": .string(kind.rawValue), "gbdt": .object([
                "iterations": .int(g.iterations), "learning_rate": .number(g.learningRate),
                "leaves": .int(g.leaves), "min_samples_leaf": .int(g.minSamplesLeaf),
                "bins": .int(g.bins), "min_sum_hessian": .number(g.minSumHessian),
            ])])
        case .mixingLaw:
            let m = r.mixingLaw
            return .object(["model": .string(kind.rawValue), "mixing_law": .object([
                "huber_delta": .number(m.huberDelta), "starts": .int(m.starts), "seed": .uint(m.seed),
            ])])
        }
    }

    static func objective(_ o: Objective) -> CanonicalValue {
        .object([o.direction.rawValue: .string(o.text)])
    }

    static func bounds(_ b: [String: ClosedRange<Double>]) -> CanonicalValue {
        .object(b.mapValues { CanonicalValue.range($0) })
    }

    static func availability(_ a: Availability?) -> CanonicalValue {
        guard let a else { return .null }
        return .object(["target_tokens": .int(a.targetTokens), "max_epochs": .number(a.maxEpochs)])
    }

    static func tokens(_ t: [Int64?]) -> CanonicalValue {
        .array(t.map { $0.map(CanonicalValue.int) ?? .null })
    }
}

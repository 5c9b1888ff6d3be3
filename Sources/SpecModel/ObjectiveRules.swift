import SpecSyntax

extension SpecBuilder {
    /// Exactly one direction; the expression parses; its metrics will exist.
    mutating func buildObjective(_ root: Checked, domains: [Domain]?, proxies: Proxies?) -> Objective? {
        guard let section = root.member("objective"), let o = section.value.members else { return nil }
        let minimize = o.first { $0.name == "minimize" }, maximize = o.first { $0.name == "maximize" }
        let rawMinimize = section.value.node?["minimize"] != nil, rawMaximize = section.value.node?["maximize"] != nil
        if rawMinimize && rawMaximize {
            let ranges = [section.value.node?.pairs?.first { $0.name == "minimize" }?.key.range,
                          section.value.node?.pairs?.first { $0.name == "maximize" }?.key.range].compactMap { $0 }.sorted { $0.start < $1.start }
            error("the objective has both 'minimize' and 'maximize'; keep one", at: ranges.last ?? section.keyRange,
                  notes: ranges.first.map { [DiagnosticNote("the other direction is here", range: $0)] } ?? [])
            return nil
        }
        if !rawMinimize && !rawMaximize {
            error("the objective needs 'minimize' or 'maximize'", at: section.keyRange,
                  fixIt: FixIt("add 'minimize: loss.<domain>' under 'objective'"))
            return nil
        }
        guard let chosen = minimize ?? maximize, let text = chosen.value.string, let node = chosen.value.node else { return nil }
        var parser = ObjectiveParser(text)
        let expression: ObjectiveExpression
        switch parser.parseAll() {
        case .failure(let e):
            error("invalid objective: \(e.message)",
                  at: ScalarPositions(of: node, in: source).range(offset: e.offset, length: e.length))
            return nil
        case .success(let e): expression = e
        }
        guard tainted("proxies", "domains") || checkMetrics(parser.references, node: node, domains: domains, proxies: proxies, root: root) else { return nil }
        if expression.dividesByConstantZero {
            error("the objective divides by a constant zero, so it is never finite", at: node.range)
            return nil
        }
        return Objective(direction: minimize != nil ? .minimize : .maximize, expression: expression)
    }

    /// Which metrics will exist: the built-in trainer's `loss.<domain>`, or the imported CSV header; a
    /// command trainer may report anything.
    private mutating func checkMetrics(_ references: [(name: String, offset: Int, length: Int)], node: YAMLNode,
                                       domains: [Domain]?, proxies: Proxies?, root: Checked) -> Bool {
        let known: [String]
        let origin: String
        if root["proxies"]?.member("results") != nil {
            guard let metrics = metricsCSV else { return true }
            // Long-form metrics (with `scaling`) have model and tokens/step columns that are not metrics.
            known = root.member("scaling") != nil ? metrics.valueColumns.filter { !LongFormColumns.all.contains($0) } : metrics.valueColumns
            origin = "the imported metrics file provides"
        } else if let trainer = root["proxies"]?["trainer"], trainer.string == "builtin" {
            guard let domains else { return true }
            known = domains.map { "loss." + $0.name }
            origin = "the built-in trainer reports"
        } else {
            return true
        }
        let knownSet = Set(known)
        let unknown = references.filter { !knownSet.contains($0.name) }
        guard !unknown.isEmpty else { return true }
        let positions = ScalarPositions(of: node, in: source)
        let list = known.count <= 8 ? known.joined(separator: ", ") : known.prefix(8).joined(separator: ", ") + ", …"
        for reference in unknown {
            let range = positions.range(offset: reference.offset, length: reference.length)
            let (hint, fix) = suggestion(for: reference.name, in: known, range: range)
            error("unknown metric '\(reference.name)'\(hint)", at: range,
                  notes: [DiagnosticNote("\(origin): \(list)")], fixIt: fix)
        }
        return false
    }
}

extension ObjectiveExpression {
    /// True when some divisor is a constant expression equal to zero (`x / 0`, `x / (1 - 1)`).
    var dividesByConstantZero: Bool {
        switch self {
        case .number, .metric: return false
        case .negate(let x): return x.dividesByConstantZero
        case .binary(let op, let l, let r):
            if op == .divide, r.constantValue == 0 { return true }
            return l.dividesByConstantZero || r.dividesByConstantZero
        case .call(_, let args): return args.contains { $0.dividesByConstantZero }
        }
    }

    /// The value of an expression that reads no metric; nil when it reads one.
    var constantValue: Double? {
        switch self {
        case .number(let v): return v
        case .metric: return nil
        case .negate(let x): return x.constantValue.map { -$0 }
        case .binary(let op, let l, let r):
            guard let a = l.constantValue, let b = r.constantValue else { return nil }
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            }
        case .call(let f, let args):
            let values = args.compactMap(\.constantValue)
            guard values.count == args.count, !values.isEmpty else { return nil }
            switch f {
            case .mean: return values.reduce(0, +) / Double(values.count)
            case .sum: return values.reduce(0, +)
            case .min: return values.min()
            case .max: return values.max()
            }
        }
    }
}

/// A small evaluable objective expression over metric values.
public indirect enum ObjectiveFormula: Sendable, Equatable {
    /// A constant.
    case number(Double)
    /// The value of a metric.
    case metric(String)
    /// Unary minus.
    case negate(ObjectiveFormula)
    /// a + b.
    case add(ObjectiveFormula, ObjectiveFormula)
    /// a - b.
    case subtract(ObjectiveFormula, ObjectiveFormula)
    /// a * b.
    case multiply(ObjectiveFormula, ObjectiveFormula)
    /// a / b.
    case divide(ObjectiveFormula, ObjectiveFormula)
    /// Mean of the arguments.
    case mean([ObjectiveFormula])
    /// Sum of the arguments.
    case sum([ObjectiveFormula])
    /// Smallest argument.
    case min([ObjectiveFormula])
    /// Largest argument.
    case max([ObjectiveFormula])

    /// Every metric name the formula reads, sorted.
    public var metricNames: [String] {
        var names = Set<String>()
        collect(into: &names)
        return names.sorted()
    }

    private func collect(into names: inout Set<String>) {
        switch self {
        case .number: break
        case .metric(let n): names.insert(n)
        case .negate(let a): a.collect(into: &names)
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b):
            a.collect(into: &names); b.collect(into: &names)
        case .mean(let xs), .sum(let xs), .min(let xs), .max(let xs): for x in xs { x.collect(into: &names) }
        }
    }

    /// Value for one set of metric values; throws when a metric is missing or an aggregate is empty.
    public func evaluate(_ metrics: [String: Double]) throws -> Double {
        let columns = metrics.mapValues { [$0] }
        return try evaluate(columns: columns, count: 1)[0]
    }

    /// Values for `count` rows at once; `columns[name]` holds one value per row.
    public func evaluate(columns: [String: [Double]], count: Int) throws -> [Double] {
        switch self {
        case .number(let v): return [Double](repeating: v, count: count)
        case .metric(let n):
            guard let values = columns[n] else {
                throw MethodsError("objective uses metric '\(n)', which is not predicted; available: \(columns.keys.sorted().joined(separator: ", "))")
            }
            guard values.count == count else { throw MethodsError("metric '\(n)' has \(values.count) values, expected \(count)") }
            return values
        case .negate(let a): return try a.evaluate(columns: columns, count: count).map { -$0 }
        case .add(let a, let b): return try Self.zip(a, b, columns, count, +)
        case .subtract(let a, let b): return try Self.zip(a, b, columns, count, -)
        case .multiply(let a, let b): return try Self.zip(a, b, columns, count, *)
        case .divide(let a, let b): return try Self.zip(a, b, columns, count, /)
        case .mean(let xs):
            return try Self.fold(xs, "mean", columns, count, +).map { $0 / Double(xs.count) }
        case .sum(let xs): return try Self.fold(xs, "sum", columns, count, +)
        case .min(let xs): return try Self.fold(xs, "min", columns, count, Swift.min)
        case .max(let xs): return try Self.fold(xs, "max", columns, count, Swift.max)
        }
    }

    private static func zip(_ a: ObjectiveFormula, _ b: ObjectiveFormula, _ columns: [String: [Double]], _ count: Int, _ op: (Double, Double) -> Double) throws -> [Double] {
        let x = try a.evaluate(columns: columns, count: count), y = try b.evaluate(columns: columns, count: count)
        return (0..<count).map { op(x[$0], y[$0]) }
    }

    private static func fold(_ xs: [ObjectiveFormula], _ name: String, _ columns: [String: [Double]], _ count: Int, _ op: (Double, Double) -> Double) throws -> [Double] {
        guard let first = xs.first else { throw MethodsError("\(name)() needs at least one argument") }
        var acc = try first.evaluate(columns: columns, count: count)
        for x in xs.dropFirst() {
            let v = try x.evaluate(columns: columns, count: count)
            for i in 0..<count { acc[i] = op(acc[i], v[i]) }
        }
        return acc
    }
}

/// Whether the objective is minimised or maximised.
public enum ObjectiveDirection: String, Sendable, Equatable, Codable {
    /// Smaller is better.
    case minimize
    /// Larger is better.
    case maximize
}

/// An objective: a formula and a direction.
public struct Objective: Sendable, Equatable {
    /// What is optimised.
    public var formula: ObjectiveFormula
    /// Which way.
    public var direction: ObjectiveDirection

    /// Creates an objective.
    public init(_ direction: ObjectiveDirection, _ formula: ObjectiveFormula) { self.formula = formula; self.direction = direction }

    /// True when `a` is strictly better than `b`.
    public func isBetter(_ a: Double, than b: Double) -> Bool { direction == .minimize ? a < b : a > b }
}

// The spec's objective expression mapped onto the methods library's evaluable formula.
import Methods
import SpecModel

extension ObjectiveExpression {
    /// The same expression as a `Methods.ObjectiveFormula`.
    var formula: ObjectiveFormula {
        switch self {
        case .number(let v): return .number(v)
        case .metric(let name): return .metric(name)
        case .negate(let x): return .negate(x.formula)
        case .binary(let op, let l, let r):
            switch op {
            case .add: return .add(l.formula, r.formula)
            case .subtract: return .subtract(l.formula, r.formula)
            case .multiply: return .multiply(l.formula, r.formula)
            case .divide: return .divide(l.formula, r.formula)
            }
        case .call(let f, let args):
            let mapped = args.map(\.formula)
            switch f {
            case .mean: return .mean(mapped)
            case .sum: return .sum(mapped)
            case .min: return .min(mapped)
            case .max: return .max(mapped)
            }
        }
    }
}

extension SpecModel.Objective {
    /// The objective as the methods library evaluates it.
    var evaluable: Methods.Objective {
        Methods.Objective(direction == .minimize ? .minimize : .maximize, expression.formula)
    }
}

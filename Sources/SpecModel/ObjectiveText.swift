// Canonical text of an objective expression: minimal parentheses, single spaces around
// binary operators, numbers in shortest round-trip form. Equal expressions print equally.

extension ObjectiveExpression {
    /// Canonical, re-parsable text of the expression.
    public var canonicalText: String { render(parentPrecedence: 0, isRightOperand: false) }

    private var precedence: Int {
        switch self {
        case .binary(let op, _, _): return (op == .add || op == .subtract) ? 1 : 2
        case .negate: return 3
        default: return 4
        }
    }

    private func render(parentPrecedence: Int, isRightOperand: Bool) -> String {
        let text: String
        switch self {
        case .number(let v):
            text = v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        case .metric(let name):
            text = Self.isBareMetricName(name) ? name : "metric(\(Self.quoted(name)))"
        case .negate(let x):
            text = "-" + x.render(parentPrecedence: 3, isRightOperand: false)
        case .binary(let op, let l, let r):
            let p = precedence
            text = l.render(parentPrecedence: p, isRightOperand: false) + " \(op.rawValue) "
                + r.render(parentPrecedence: p, isRightOperand: true)
        case .call(let f, let args):
            text = f.rawValue + "(" + args.map { $0.render(parentPrecedence: 0, isRightOperand: false) }.joined(separator: ", ") + ")"
        }
        // Right operands of equal precedence need parentheses: a - (b - c).
        let needs = precedence < parentPrecedence || (isRightOperand && precedence == parentPrecedence && precedence < 3)
        return needs ? "(" + text + ")" : text
    }

    /// A metric name that can be written without `metric("…")`: identifier segments
    /// (`[A-Za-z_][A-Za-z0-9_]*`) joined by dots, and not a function name.
    public static func isBareMetricName(_ name: String) -> Bool {
        if Function(rawValue: name) != nil || name == "metric" { return false }
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            guard let first = segment.utf8.first, isIdentifierStart(first) else { return false }
            return segment.utf8.allSatisfy { isIdentifierStart($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
    }

    private static func isIdentifierStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}

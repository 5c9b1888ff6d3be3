// Numbers in specs: plain decimals, scientific notation (`2e-4`, `1.5e6`) and the unit suffixes
// k/K (10^3), M (10^6), B (10^9), T (10^12). Lowercase m, b, t are rejected rather than guessed
// (m reads as "milli" to many). A suffix becomes a decimal exponent before conversion, so `1.1M`
// is exactly 1100000, not 1.1 × 1e6 rounded.

/// Parses spec numbers with unit suffixes.
public enum Quantity {
    /// Why a text is not a number.
    public enum Failure: Error, Equatable, Sendable {
        case notANumber
        case lowercaseSuffix(Character)
        case notWhole
        case tooLarge
    }

    /// The value of `text`, e.g. `40M` → 4e7, `2e-4` → 0.0002.
    public static func parse(_ text: String) -> Result<Double, Failure> {
        var body = Substring(text)
        var exponentShift = 0
        if let last = body.last {
            switch last {
            case "k", "K": exponentShift = 3
            case "M": exponentShift = 6
            case "B": exponentShift = 9
            case "T": exponentShift = 12
            case "m", "b", "t":
                if body.count > 1, isNumberLiteral(body.dropLast()) { return .failure(.lowercaseSuffix(last)) }
                return .failure(.notANumber)
            default: break
            }
            if exponentShift > 0 { body = body.dropLast() }
        }
        guard isNumberLiteral(body) else { return .failure(.notANumber) }
        var literal = String(body)
        if exponentShift > 0 {
            if let e = literal.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                guard let exponent = Int(literal[literal.index(after: e)...]) else { return .failure(.notANumber) }
                literal = String(literal[..<e]) + "e" + String(exponent + exponentShift)
            } else {
                literal += "e" + String(exponentShift)
            }
        }
        guard let value = Double(literal) else { return .failure(.notANumber) }
        guard value.isFinite else { return .failure(.tooLarge) }
        return .success(value)
    }

    /// `text` as a whole number (Int64), e.g. `1.5k` → 1500; `1.5` fails.
    public static func parseInteger(_ text: String) -> Result<Int64, Failure> {
        switch parse(text) {
        case .failure(let f): return .failure(f)
        case .success(let v):
            guard v == v.rounded() else { return .failure(.notWhole) }
            guard abs(v) < 9.2e18 else { return .failure(.tooLarge) }
            return .success(Int64(v))
        }
    }

    /// Optional sign, digits with at most one dot, optional exponent; no hex, inf, nan or spaces.
    static func isNumberLiteral(_ s: Substring) -> Bool {
        var u = Array(s.utf8)
        if let first = u.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { u.removeFirst() }
        var i = 0, digits = 0, dots = 0
        while i < u.count, isDigit(u[i]) || u[i] == UInt8(ascii: ".") {
            if u[i] == UInt8(ascii: ".") { dots += 1 } else { digits += 1 }
            i += 1
        }
        guard digits > 0, dots <= 1 else { return false }
        if i == u.count { return true }
        guard u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") else { return false }
        i += 1
        if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
        let exponentStart = i
        while i < u.count, isDigit(u[i]) { i += 1 }
        return i == u.count && i > exponentStart && i - exponentStart <= 4
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}

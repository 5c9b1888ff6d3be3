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
        let literal: String
        switch decimalLiteral(text) {
        case .failure(let f): return .failure(f)
        case .success(let d): literal = d.literal
        }
        guard let value = Double(literal) else { return .failure(.notANumber) }
        guard value.isFinite else { return .failure(.tooLarge) }
        return .success(value)
    }

    /// `text` as a whole number (Int64), e.g. `1.5k` → 1500; `1.5` fails. Computed from the decimal
    /// digits, not through a Double, so every Int64 is exact (`9007199254740993` stays odd) and
    /// anything past Int64 (`5e19`, `1e400`) is `.tooLarge`, never a trap.
    public static func parseInteger(_ text: String) -> Result<Int64, Failure> {
        let d: (literal: String, negative: Bool, digits: [UInt8], exponent: Int)
        switch decimalLiteral(text) {
        case .failure(let f): return .failure(f)
        case .success(let v): d = v
        }
        // value = ±digits × 10^exponent; drop zeros that do not change it.
        var digits = Array(d.digits.drop { $0 == 0 })
        var exponent = d.exponent
        while let last = digits.last, last == 0 { digits.removeLast(); exponent += 1 }
        if digits.isEmpty { return .success(0) }
        guard exponent >= 0 else { return .failure(.notWhole) }
        guard digits.count + exponent <= 19 else { return .failure(.tooLarge) }
        var magnitude: UInt64 = 0
        for digit in digits + [UInt8](repeating: 0, count: exponent) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return .failure(.tooLarge) }
            magnitude = next
        }
        if d.negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return .failure(.tooLarge) }
            return .success(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return .failure(.tooLarge) }
        return .success(Int64(magnitude))
    }

    /// The literal with its unit suffix turned into a decimal exponent (`1.5k` → `1.5e3`), and its
    /// parts: sign, significant digits (values 0…9) and the power of ten that scales them.
    private static func decimalLiteral(_ text: String)
        -> Result<(literal: String, negative: Bool, digits: [UInt8], exponent: Int), Failure> {
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
        // isNumberLiteral allows at most four exponent digits, so these Ints cannot overflow.
        var mantissa = body
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let written = Int(body[body.index(after: e)...]) else { return .failure(.notANumber) }
            mantissa = body[..<e]
            exponent = written
        }
        exponent += exponentShift
        let negative = mantissa.first == "-"
        if mantissa.first == "-" || mantissa.first == "+" { mantissa = mantissa.dropFirst() }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var afterDot = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") { afterDot = true; continue }
            digits.append(c - UInt8(ascii: "0"))
            if afterDot { fractionDigits += 1 }
        }
        let literal = exponentShift > 0 ? String(body.prefix { $0 != "e" && $0 != "E" }) + "e" + String(exponent) : String(body)
        return .success((literal, negative, digits, exponent - fractionDigits))
    }

    /// `v` with the largest unit suffix that writes it exactly (`1000000` → `1M`); nil when none does.
    public static func suffixed(_ v: Int64) -> String? {
        guard v != 0 else { return nil }
        for (suffix, scale) in [("T", Int64(1_000_000_000_000)), ("B", 1_000_000_000), ("M", 1_000_000), ("k", 1_000)]
        where v % scale == 0 {
            return "\(v / scale)\(suffix)"
        }
        return nil
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

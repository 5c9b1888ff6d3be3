// Fixed, locale-independent number formatting shared by every report rendering, so that the same
// summary always renders to the same bytes (golden files compare exactly).
import Foundation

/// Deterministic number formatting for reports.
public enum ReportNumberFormat {
    /// `x` with exactly `digits` decimals; `nan`, `inf`, `-inf` for non-finite values; never `-0.000`.
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        let text = String(format: "%.\(max(0, min(digits, 17)))f", x)
        return isNegativeZero(text) ? String(text.dropFirst()) : text
    }

    /// Like `fixed`, with an explicit `+` on positive values (for differences).
    public static func signed(_ x: Double, _ digits: Int) -> String {
        let text = fixed(x, digits)
        return x.isFinite && !text.hasPrefix("-") && !isZero(text) ? "+" + text : text
    }

    /// `x` (a fraction) as a percentage with `digits` decimals and a sign: `+1.3%`.
    public static func signedPercent(_ x: Double, _ digits: Int) -> String {
        signed(x * 100, digits) + "%"
    }

    /// `x` with `digits` decimals, or an em dash when absent.
    public static func optional(_ x: Double?, _ digits: Int) -> String {
        x.map { fixed($0, digits) } ?? "—"
    }

    /// A count in the spec's unit style: `1M`, `32k`, `1.5k`, `25B`, `900`.
    public static func compactCount(_ n: Int64) -> String {
        let units: [(Int64, String)] = [(1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")]
        let magnitude = n.magnitude
        for (scale, suffix) in units where magnitude >= UInt64(scale) {
            let value = Double(n) / Double(scale)
            // Up to three significant decimals, trailing zeros dropped: 1.5k, 1.25M, 40M.
            var text = fixed(value, 2)
            while text.contains("."), text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text + suffix
        }
        return String(n)
    }

    /// A plain number in shortest form for settings: `0.5`, `15`, `0.0002`.
    public static func plain(_ x: Double) -> String {
        guard x.isFinite else { return fixed(x, 0) }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        // Six significant digits at most, trailing zeros dropped; scientific notation avoided for readability.
        var text = String(format: "%.6g", x)
        if text.contains("e") { return text }
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() } }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// An error figure (MSE): four decimals in a readable range, else three significant digits in scientific notation.
    public static func error(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return fixed(x, 0) }
        if abs(x) >= 0.01, abs(x) < 1000 { return fixed(x, 4) }
        return String(format: "%.2e", x)
    }

    private static func isNegativeZero(_ text: String) -> Bool {
        text.hasPrefix("-") && isZero(String(text.dropFirst()))
    }

    private static func isZero(_ text: String) -> Bool {
        text.allSatisfy { $0 == "0" || $0 == "." }
    }
}

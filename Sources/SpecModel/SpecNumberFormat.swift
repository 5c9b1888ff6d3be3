// Numbers written the way a spec writes them (the inverse of Quantity parsing): counts with unit
// suffixes, settings in shortest plain form. Locale-independent, so reports render identical bytes.
import Foundation

/// Deterministic display of spec numbers.
public enum SpecNumberFormat {
    /// A count in the spec's unit style: `1M`, `32k`, `1.5k`, `25B`, `900`.
    public static func compactCount(_ n: Int64) -> String {
        let units: [(Int64, String)] = [(1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")]
        let magnitude = n.magnitude
        for (scale, suffix) in units where magnitude >= UInt64(scale) {
            // Up to three significant decimals, trailing zeros dropped: 1.5k, 1.25M, 40M.
            var text = String(format: "%.2f", Double(n) / Double(scale))
            while text.contains("."), text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text + suffix
        }
        return String(n)
    }

    /// A plain number in shortest form for settings: `0.5`, `15`, `0.0002`.
    public static func plain(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        // Six significant digits at most, trailing zeros dropped; scientific notation avoided for readability.
        var text = String(format: "%.6g", x)
        if text.contains("e") { return text }
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() } }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

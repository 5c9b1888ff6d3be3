// Fixed, locale-independent number formatting shared by every report rendering, so that the same
// summary always renders to the same bytes (golden files compare exactly).
import Foundation
import SpecModel

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
    /// A p-value as `= 0.031`, or `< 0.001` below that.
    public static func pValue(_ p: Double) -> String { p < 0.001 ? "< 0.001" : "= " + fixed(p, 3) }

    public static func optional(_ x: Double?, _ digits: Int) -> String {
        x.map { fixed($0, digits) } ?? "—"
    }

    /// A count in the spec's unit style: `1M`, `32k`, `1.5k`, `25B`, `900`.
    public static func compactCount(_ n: Int64) -> String { SpecNumberFormat.compactCount(n) }

    /// A plain number in shortest form for settings: `0.5`, `15`, `0.0002`.
    public static func plain(_ x: Double) -> String { SpecNumberFormat.plain(x) }

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

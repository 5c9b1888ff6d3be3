// `summary.json`: the run summary as deterministic pretty JSON (sorted keys, shortest round-trip
// doubles, non-finite values as strings), so that equal summaries are equal bytes.
import Foundation

/// A `summary.json` that could not be read, with where and why.
public struct RunSummaryDecodingError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension RunSummary {
    private static let nonFinite = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// The summary as `summary.json` bytes (UTF-8, sorted keys, two-space indentation, final newline).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: Self.nonFinite.positiveInfinity, negativeInfinity: Self.nonFinite.negativeInfinity,
            nan: Self.nonFinite.nan)
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The summary as `summary.json` text.
    public func jsonText() throws -> String {
        String(decoding: try jsonData(), as: UTF8.self)
    }

    /// Reads a summary written by `jsonData()`; errors name the offending field path.
    public static func decode(json data: Data) throws -> RunSummary {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: nonFinite.positiveInfinity, negativeInfinity: nonFinite.negativeInfinity, nan: nonFinite.nan)
        do {
            let summary = try decoder.decode(RunSummary.self, from: data)
            guard summary.format == currentFormat else {
                throw RunSummaryDecodingError(
                    description: "summary format \(summary.format) is not supported (expected \(currentFormat))")
            }
            return summary
        } catch let error as DecodingError {
            throw RunSummaryDecodingError(description: describe(error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "summary" : "summary" + text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing field '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected a value of type \(type)"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "summary: \(error)"
        }
    }
}

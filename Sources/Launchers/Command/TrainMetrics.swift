// The metrics file contract of external trainers (DESIGN.md §6):
//   {"metrics": {name: number}, "steps": [{"step": s, "tokens": t, "metrics": {name: number}}]}
// ("steps" optional). Parsed strictly; every problem names the file and the offending field.
import ContentStore
import Foundation
import SpecModel

/// Metrics one proxy training run reported.
public struct TrainMetrics: Sendable, Equatable {
    /// Final metrics by name (e.g. `loss.web`).
    public var metrics: [String: Double]
    /// Optional step-wise metrics for step laws, in file order.
    public var steps: [TrainStep]

    public init(metrics: [String: Double], steps: [TrainStep] = []) { self.metrics = metrics; self.steps = steps }

    /// Canonical encoding (the same shape as the metrics file), suitable as a task output blob.
    public var canonical: CanonicalValue {
        var object: [String: CanonicalValue] = ["metrics": .object(metrics.mapValues { .number($0) })]
        if !steps.isEmpty {
            object["steps"] = .array(steps.map {
                .object(["step": .int($0.step), "tokens": .int($0.tokens), "metrics": .object($0.metrics.mapValues { .number($0) })])
            })
        }
        return .object(object)
    }

    /// The most metrics one object (`metrics`, or one step's) may hold.
    public static let maximumMetrics = 10_000
    /// The most entries `steps` may hold.
    public static let maximumSteps = 100_000
    /// The most metric values all steps together may hold.
    public static let maximumStepValues = 1_000_000

    /// Parses a metrics file's bytes; `source` names it (and the run) in errors. Counts beyond
    /// `maximumMetrics`, `maximumSteps` and `maximumStepValues` are errors naming the limit.
    public static func parse(_ data: Data, source: String) throws -> TrainMetrics {
        func fail(_ message: String) -> EngineError { .taskFailed("\(source): \(message)") }
        let value: CanonicalValue
        do { value = try JSONParser.parse(data) } catch {
            let hint = String(decoding: data.prefix(4096), as: UTF8.self).contains("NaN") ? " (NaN and Infinity are not JSON; the run diverged?)" : ""
            throw fail("\(error)\(hint)")
        }
        guard case .object(let top) = value else { throw fail("expected a JSON object") }
        guard let metricsValue = top["metrics"] else { throw fail("missing \"metrics\" object") }
        let metrics = try numbers(metricsValue, at: "metrics", fail: fail)
        var steps: [TrainStep] = []
        if let stepsValue = top["steps"], stepsValue != .null {
            guard case .array(let items) = stepsValue else { throw fail("\"steps\" must be an array") }
            guard items.count <= maximumSteps else {
                throw fail("\"steps\" has \(items.count) entries; the limit is \(maximumSteps)")
            }
            var values = 0
            for (index, item) in items.enumerated() {
                let path = "steps[\(index)]"
                guard case .object(let fields) = item else { throw fail("\(path) must be an object") }
                guard let step = integer(fields["step"]) else { throw fail("\(path).step must be a whole number") }
                guard let tokens = integer(fields["tokens"]) else { throw fail("\(path).tokens must be a whole number") }
                guard let stepMetrics = fields["metrics"] else { throw fail("\(path) is missing \"metrics\"") }
                let parsed = try numbers(stepMetrics, at: path + ".metrics", fail: fail)
                values += parsed.count
                guard values <= maximumStepValues else {
                    throw fail("\"steps\" hold more than \(maximumStepValues) metric values in all; that is the limit")
                }
                steps.append(TrainStep(step: step, tokens: tokens, metrics: parsed))
            }
        }
        return TrainMetrics(metrics: metrics, steps: steps)
    }

    private static func numbers(_ value: CanonicalValue, at path: String,
                                fail: (String) -> EngineError) throws -> [String: Double] {
        guard case .object(let members) = value else { throw fail("\"\(path)\" must be an object of numbers") }
        guard members.count <= maximumMetrics else {
            throw fail("\"\(path)\" has \(members.count) metrics; the limit is \(maximumMetrics)")
        }
        var out: [String: Double] = [:]
        for (name, member) in members {
            switch member {
            case .int(let i): out[name] = Double(i)
            case .double(let d) where d.isFinite: out[name] = d
            default: throw fail("\(path).\(name) is not a finite number")
            }
        }
        return out
    }

    private static func integer(_ value: CanonicalValue?) -> Int64? {
        switch value {
        case .int(let i)?: return i
        case .double(let d)? where d.isFinite && d == d.rounded() && abs(d) < 9e15: return Int64(d)
        default: return nil
        }
    }
}

/// Metrics at one point of a training run.
public struct TrainStep: Sendable, Equatable {
    public var step: Int64
    public var tokens: Int64
    public var metrics: [String: Double]
    public init(step: Int64, tokens: Int64, metrics: [String: Double]) { self.step = step; self.tokens = tokens; self.metrics = metrics }
}

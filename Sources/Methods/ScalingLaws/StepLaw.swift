import Foundation

/// A step law fitted to one run's checkpoints, with its bootstrap replicates.
public struct StepLawResult: Sendable, Equatable, Codable {
    /// The central fit (x = training tokens).
    public var fit: PowerLawFit
    /// Tokens of the checkpoints used, ascending.
    public var tokens: [Double]
    /// The metrics at those checkpoints ([metric][checkpoint]).
    public var observed: [[Double]]
    /// Bootstrap replicates of the law (refits on resampled residuals).
    public var replicates: [SharedPowerLaw]
    /// The shared exponent with its interval.
    public var alpha: Interval
}

/// Data Mixing Laws' step law L(D) = E + (D0/D)^α over a run's checkpoints at or after a threshold,
/// one exponent shared across the run's metrics.
public enum StepLaw {
    /// The fewest checkpoints a step law is fitted to (three parameters per metric, one shared).
    public static let minimumCheckpoints = 3

    /// Indices of the checkpoints to fit, ascending in tokens: those at or after `fromTokens`, or
    /// (nil) the later half of the checkpoints, and at least the last three whichever applies.
    public static func selectCheckpoints(tokens: [Int64], fromTokens: Int64?) -> [Int] {
        let order = tokens.indices.sorted { tokens[$0] < tokens[$1] }
        if let fromTokens { return order.filter { tokens[$0] >= fromTokens } }
        let keep = max(minimumCheckpoints, (order.count + 1) / 2)
        return Array(order.suffix(keep))
    }

    /// Fits the law to `observed[metric][checkpoint]` at `tokens`, then bootstraps it.
    public static func fit(tokens: [Double], observed: [[Double]], options: PowerLawFitOptions = PowerLawFitOptions(),
                           bootstrap: BootstrapOptions = BootstrapOptions()) throws -> StepLawResult {
        guard tokens.count >= minimumCheckpoints else {
            throw MethodsError("a step law needs at least \(minimumCheckpoints) checkpoints, got \(tokens.count)")
        }
        let fit = try PowerLawFitter.fit(x: tokens, y: observed, options: options)
        let replicates = PowerLawBootstrap.replicates(x: tokens, fit: fit, options: options, bootstrap: bootstrap)
        return StepLawResult(fit: fit, tokens: tokens, observed: observed, replicates: replicates,
                             alpha: .percentile(estimate: fit.law.alpha, samples: replicates.map(\.alpha), level: bootstrap.level))
    }
}

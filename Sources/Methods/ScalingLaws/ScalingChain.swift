import Foundation

/// One proxy size's step law, as the size law consumes it.
public struct StepLawInput: Sendable, Equatable {
    /// Parameters of the proxy model (non-embedding).
    public var size: Double
    /// The central step law, one curve per metric.
    public var law: SharedPowerLaw
    /// Its bootstrap replicates.
    public var replicates: [SharedPowerLaw]
    /// Tokens of the proxy's last checkpoint and the metrics observed there (for leave-one-size-out).
    public var finalTokens: Double
    public var finalMetrics: [Double]

    /// Creates an input.
    public init(size: Double, law: SharedPowerLaw, replicates: [SharedPowerLaw], finalTokens: Double, finalMetrics: [Double]) {
        self.size = size; self.law = law; self.replicates = replicates
        self.finalTokens = finalTokens; self.finalMetrics = finalMetrics
    }
}

/// A fitted size law and what it predicts at the target scale.
public struct SizeLawResult: Sendable, Equatable, Codable {
    /// The central fit over the proxy sizes (x = parameters, y = step laws at the target's tokens).
    public var fit: PowerLawFit
    /// The size law's data: per metric, per proxy size (in the order given), the step law at the target tokens.
    public var observed: [[Double]]
    /// Per metric: the predicted loss at (target size, target tokens) with its interval.
    public var target: [Interval]
    /// The shared exponent and each curve's parameters, with intervals.
    public var alpha: Interval
    public var irreducible: [Interval]
    public var scale: [Interval]
    /// Predicted target losses per bootstrap replicate ([replicate][metric]).
    public var replicates: [[Double]]
    /// Leave-one-size-out: relative error (predicted − observed)/observed per metric of the largest
    /// proxy's final loss, predicted by step and size laws fitted without it; nil with fewer than
    /// three distinct sizes.
    public var leaveOneOut: [Double]?
}

/// Data Mixing Laws' nested extrapolation for one mixture: each proxy's step law is evaluated at the
/// target's tokens, a size law across the proxies is fitted to those values, and evaluated at the
/// target size. Uncertainty propagates: size-law replicate b refits on step-law replicate b's values
/// (relative to the central ones) plus resampled size-law residuals.
public enum ScalingChain {
    /// Fits the size law for `models` (two or more distinct sizes) and predicts at the target.
    public static func sizeLaw(models: [StepLawInput], targetSize: Double, targetTokens: Double,
                               options: PowerLawFitOptions = PowerLawFitOptions(),
                               bootstrap: BootstrapOptions = BootstrapOptions()) throws -> SizeLawResult {
        guard Set(models.map(\.size)).count >= 2 else { throw MethodsError("a size law needs at least two distinct proxy sizes") }
        guard targetSize > 0, targetSize.isFinite, targetTokens > 0, targetTokens.isFinite else {
            throw MethodsError("the target size and tokens must be finite and > 0")
        }
        let metrics = models.first?.law.curves.count ?? 0
        guard metrics > 0, models.allSatisfy({ $0.law.curves.count == metrics }) else {
            throw MethodsError("every proxy's step law must have the same \(metrics) metrics")
        }
        let sizes = models.map(\.size)
        let observed = (0..<metrics).map { k in models.map { $0.law.predict(curve: k, at: targetTokens) } }
        let fit = try PowerLawFitter.fit(x: sizes, y: observed, options: options)
        let available = models.map(\.replicates.count).min() ?? 0
        var propagated = bootstrap
        propagated.samples = min(bootstrap.samples, available)
        let laws = PowerLawBootstrap.replicates(x: sizes, fit: fit, options: options, bootstrap: propagated) { b in
            (0..<metrics).map { k in models.indices.map { m in
                Foundation.log(models[m].replicates[b].predict(curve: k, at: targetTokens) / observed[k][m])
            } }
        }
        let replicates = laws.map { $0.predictAll(at: targetSize) }
        let level = bootstrap.level
        let target = (0..<metrics).map { k in
            Interval.percentile(estimate: fit.law.predict(curve: k, at: targetSize), samples: replicates.map { $0[k] }, level: level)
        }
        return SizeLawResult(
            fit: fit, observed: observed, target: target,
            alpha: .percentile(estimate: fit.law.alpha, samples: laws.map(\.alpha), level: level),
            irreducible: (0..<metrics).map { k in
                .percentile(estimate: fit.law.curves[k].irreducible, samples: laws.map { $0.curves[k].irreducible }, level: level)
            },
            scale: (0..<metrics).map { k in
                .percentile(estimate: fit.law.curves[k].scale, samples: laws.map { $0.curves[k].scale }, level: level)
            },
            replicates: replicates,
            leaveOneOut: try? leaveOneSizeOut(models: models, options: options))
    }

    /// Relative error per metric of the largest proxy's final loss predicted from the smaller ones
    /// (their step laws at its tokens, a size law across them, evaluated at its size).
    public static func leaveOneSizeOut(models: [StepLawInput], options: PowerLawFitOptions = PowerLawFitOptions()) throws -> [Double] {
        guard let largest = models.max(by: { $0.size < $1.size }) else { throw MethodsError("no proxy sizes") }
        let rest = models.filter { $0.size < largest.size }
        guard Set(rest.map(\.size)).count >= 2 else { throw MethodsError("leave-one-size-out needs three distinct sizes") }
        let metrics = largest.law.curves.count
        let y = (0..<metrics).map { k in rest.map { $0.law.predict(curve: k, at: largest.finalTokens) } }
        let fit = try PowerLawFitter.fit(x: rest.map(\.size), y: y, options: options)
        return (0..<metrics).map { k in
            let observed = largest.finalMetrics.indices.contains(k) ? largest.finalMetrics[k] : .nan
            return (fit.law.predict(curve: k, at: largest.size) - observed) / observed
        }
    }
}

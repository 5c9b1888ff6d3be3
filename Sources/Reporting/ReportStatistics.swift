// Small pure statistics the renderings need: quartiles of the top-k weights, the best verify row
// and the found mixture's improvement over each baseline.

/// Five-number summary of a sample (linear interpolation between order statistics, as numpy's default).
public struct FiveNumberSummary: Codable, Sendable, Equatable {
    public var min: Double
    public var lowerQuartile: Double
    public var median: Double
    public var upperQuartile: Double
    public var max: Double

    /// The five-number summary of `values`, or `nil` when there are no finite values.
    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = Swift.min(lower + 1, sorted.count - 1)
            let fraction = position - Double(lower)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
        }
        self.min = first; self.max = last
        lowerQuartile = quantile(0.25); median = quantile(0.5); upperQuartile = quantile(0.75)
    }
}

extension RunSummary {
    /// Per domain (spec order), the spread of the top-k candidates' weights; `nil` for a domain no candidate names.
    public var candidateSpread: [(domain: String, spread: FiveNumberSummary?)] {
        domains.map { domain in
            (domain, FiveNumberSummary(topCandidates.compactMap { $0[domain] }))
        }
    }
}

/// The found mixture's gain over one baseline at target scale.
public struct BaselineImprovement: Codable, Sendable, Equatable {
    /// The baseline row's name.
    public var baseline: String
    /// How much better the found mixture is, in objective units (positive = found is better, whatever the direction).
    public var gain: Double
    /// `gain` relative to the baseline's objective magnitude.
    public var relativeGain: Double
    /// Whether the found mixture is better than the baseline beyond the verify seeds' noise.
    public var test: DifferenceTest?
    public init(baseline: String, gain: Double, relativeGain: Double, test: DifferenceTest? = nil) {
        self.baseline = baseline; self.gain = gain; self.relativeGain = relativeGain; self.test = test
    }
}

extension VerifyTable {
    /// The row with the best objective in `direction` (first on ties; non-finite values never win).
    public func bestRowIndex(direction: ObjectiveSummary.Direction) -> Int? {
        let objective = ObjectiveSummary(direction: direction, text: "")
        var best: Int?
        for (index, row) in rows.enumerated() where row.objective.isFinite {
            if let b = best, !objective.isBetter(row.objective, than: rows[b].objective) { continue }
            best = index
        }
        return best
    }

    /// The found row (the first row with role `found`).
    public var foundRow: VerifyRow? { rows.first { $0.role == .found } }

    /// The found mixture's gain over every baseline row, in row order; empty without a found row.
    public func improvements(direction: ObjectiveSummary.Direction) -> [BaselineImprovement] {
        guard let found = foundRow else { return [] }
        return rows.filter { $0.role == .baseline }.map { baseline in
            let gain = direction == .minimize ? baseline.objective - found.objective : found.objective - baseline.objective
            let scale = abs(baseline.objective)
            return BaselineImprovement(baseline: baseline.name, gain: gain, relativeGain: scale > 0 ? gain / scale : 0,
                                       test: DifferenceTest(a: baseline, b: found, direction: direction))
        }
    }
}

extension RunSummary {
    /// The cross-validation score of the chosen regressor on the objective (or, failing that, its first score).
    public var chosenScore: CrossValidationScore? {
        let mine = crossValidation.filter { $0.regressor == chosenRegressor }
        return mine.first { $0.target == "objective" } ?? mine.first
    }
}

extension BaselineImprovement {
    /// The verdict on this gain (`noise unknown` without a test).
    public var verdict: NoiseVerdict { test?.verdict ?? .noiseUnknown }

    /// The gain as every rendering shows it: `+0.0123 (+1.23%)`, followed by `within noise` when the
    /// difference does not exceed the verify seeds' noise.
    public var displayText: String {
        let f = ReportNumberFormat.self
        return "\(f.signed(gain, 4)) (\(f.signedPercent(relativeGain, 2)))" + (verdict == .withinNoise ? " within noise" : "")
    }
}

extension VerifyTable {
    /// The line under a verify table saying how its gains were judged, or `nil` without baselines.
    public func noiseNote(direction: ObjectiveSummary.Direction) -> String? {
        let tests = improvements(direction: direction)
        guard !tests.isEmpty else { return nil }
        if let unknown = tests.first(where: { $0.verdict == .noiseUnknown }) {
            return "Gains are not verdicts: \(unknown.test?.phrase ?? "noise unknown"); verify with seeds ≥ 2 to test them."
        }
        return "Gains tested against the verify seeds' noise (two-sided Welch t-test, 95%)."
    }
}

// The comparison of two finished runs (issue 6, `mixspec compare A B`): found mixtures side by side,
// the CV figures of their regressors, their verify tables, and a verdict when they are comparable.

/// Two run summaries compared: a plain value, rendered by `ComparisonRender` and encoded as JSON.
public struct RunComparison: Codable, Sendable, Equatable {
    /// What one side contributes.
    public struct Side: Codable, Sendable, Equatable {
        /// `A` or `B`.
        public var label: String
        public var specName: String
        public var objective: ObjectiveSummary
        public var chosenRegressor: String?
        /// The side's cross-validation figures (all regressors and targets).
        public var crossValidation: [CrossValidationScore]
        public var verify: VerifyTable?
        /// The found mixture's gain over each of this side's verified baselines.
        public var improvements: [BaselineImprovement]
        public var report: String?
    }

    /// One domain's found weight on each side (`nil` where that side has no such domain).
    public struct DomainWeights: Codable, Sendable, Equatable {
        public var domain: String
        public var a: Double?
        public var b: Double?
        /// `b - a` when both are present.
        public var difference: Double?
    }

    /// The verified found objectives, when both sides verified the same objective.
    public struct Verdict: Codable, Sendable, Equatable {
        public var a: Double
        public var b: Double
        /// B against A beyond the verify seeds' noise: `better`, `worse`, `within noise` or
        /// `noise unknown` (a side verified with one seed). Only `better` and `worse` are verdicts.
        public var verdict: NoiseVerdict
        /// The Welch t-test behind `verdict` (p-value, seeds).
        public var test: DifferenceTest
        /// The side with the better mean (`A`, `B`, or `tie`): not a verdict by itself, see `verdict`.
        public var better: String
        /// How much better the better side is (objective units, positive), 0 on a tie.
        public var gain: Double
        /// `gain` relative to the worse side's objective magnitude.
        public var relativeGain: Double
    }

    public var a: Side
    public var b: Side
    /// Domains of A in order, then those only B has.
    public var mixture: [DomainWeights]
    /// Present when both sides verified a found mixture on the same objective.
    public var verdict: Verdict?
    /// Caveats a reader must know (different objectives, different target models, missing verification).
    public var notes: [String]

    /// Compares run `a` with run `b`.
    public init(a: RunSummary, b: RunSummary) {
        func side(_ s: RunSummary, _ label: String) -> Side {
            Side(label: label, specName: s.specName, objective: s.objective, chosenRegressor: s.chosenRegressor,
                 crossValidation: s.crossValidation, verify: s.verify,
                 improvements: s.verify?.improvements(direction: s.objective.direction) ?? [], report: s.outputs.report)
        }
        self.a = side(a, "A")
        self.b = side(b, "B")
        let domains = a.domains + b.domains.filter { !a.domains.contains($0) }
        mixture = domains.map { domain in
            let x = a.found[domain], y = b.found[domain]
            return DomainWeights(domain: domain, a: x, b: y, difference: x.flatMap { x in y.map { $0 - x } })
        }
        var notes: [String] = []
        let sameObjective = a.objective == b.objective
        if !sameObjective {
            notes.append("The objectives differ (A: \(a.objective.direction.rawValue) \(a.objective.text); B: \(b.objective.direction.rawValue) \(b.objective.text)): their values are not comparable.")
        }
        if a.domains != b.domains {
            notes.append("The domains differ: weights are compared by domain name.")
        }
        switch (a.verify, b.verify) {
        case (nil, nil): notes.append("Neither run was verified at target scale.")
        case (nil, _): notes.append("A was not verified at target scale.")
        case (_, nil): notes.append("B was not verified at target scale.")
        case let (va?, vb?) where va.model != vb.model:
            notes.append("The target models differ (A: \(va.model); B: \(vb.model)).")
        default: break
        }
        self.notes = notes
        verdict = nil
        if sameObjective, let ra = a.verify?.foundRow, let rb = b.verify?.foundRow, ra.objective.isFinite, rb.objective.isFinite {
            let fa = ra.objective, fb = rb.objective
            let objective = a.objective
            let better = objective.isBetter(fa, than: fb) ? "A" : objective.isBetter(fb, than: fa) ? "B" : "tie"
            let gain = abs(fa - fb)
            let worse = better == "A" ? fb : fa
            let test = DifferenceTest(a: ra, b: rb, direction: objective.direction)
            verdict = Verdict(a: fa, b: fb, verdict: test.verdict, test: test, better: better, gain: better == "tie" ? 0 : gain,
                              relativeGain: better == "tie" || worse == 0 ? 0 : gain / abs(worse))
        }
    }
}

// Implementation version of each task kind (DESIGN.md §5): bump a kind's number when the meaning
// of its output changes, so every stored result of that kind is recomputed. Never derived from the
// binary's hash: rebuilding mixspec must not invalidate a store.

extension TaskKind {
    /// The current implementation version of this kind.
    public var implementationVersion: Int {
        switch self {
        case .sample: return 2  // 2: a draw repeating an earlier member (on the min_weight grid) is redrawn
        case .train: return 2  // 2: the same swarm de-duplication (a train task draws its own mixture)
        case .importResults: return 1
        case .collect: return 2  // 2: rows keep replicate metrics and checkpoints (report diagnostics)
        case .fit: return 3  // 2: gbdt bins merge values within one ulp, as LightGBM's FindBin; 3: model details
        case .crossValidate: return 3  // 2: the same gbdt binning; 3: out-of-fold predictions per metric
        case .search: return 1
        case .verify: return 1
        case .stepLaw: return 1
        case .sizeLaw: return 1
        case .scalingSummary: return 1
        case .report: return 4  // 2: verify rows record their seed count (noise-aware verdicts); 3: diagnostics; 4: scaling section
        }
    }
}

// Which bytes a training run sees: windows of consecutive positions, domains interleaved in
// exact proportion to the weights, each domain read sequentially and wrapped around when exhausted.
import SeededRandom

/// Deterministic source of training positions.
///
/// Domains are chosen per window by smooth weighted round-robin (the domain with the largest
/// accumulated credit goes next), so after n windows every domain has had within one window of
/// its share. Each domain is read by `streams` cursors spread evenly around its training part
/// from a seeded offset, used in turn, so one batch holds text from several places.
struct MixtureSampler {
    static let streams = 8

    private let texts: [[UInt8]]
    private let weights: [Double]
    private let windowLength: Int
    private var credit: [Double]
    private var cursors: [[Int]]
    private var nextStream: [Int]
    private(set) var drawn: [Int64]
    private var currentDomain = 0
    private var leftInWindow = 0

    init(corpora: [DomainCorpus], weights: [Double], windowLength: Int, seed: UInt64) {
        texts = corpora.map(\.train)
        self.weights = weights
        self.windowLength = windowLength
        credit = Array(repeating: 0, count: corpora.count)
        drawn = Array(repeating: 0, count: corpora.count)
        nextStream = Array(repeating: 0, count: corpora.count)
        var rng = Xoshiro256StarStar(seed: deriveSeed(seed, 0x4355_5253))  // "CURS"
        cursors = texts.map { text in
            let n = text.count
            let start = n > 0 ? rng.nextInt(below: n) : 0
            return (0..<Self.streams).map { s in n > 0 ? (start + s * n / Self.streams) % n : 0 }
        }
    }

    /// Fills `rows` positions: `context` previous bytes each (0 before the start) and the target byte.
    mutating func fill(rows: Int, context: Int, contexts: UnsafeMutablePointer<Int32>, targets: UnsafeMutablePointer<Int32>) {
        for r in 0..<rows {
            if leftInWindow == 0 { startWindow() }
            leftInWindow -= 1
            let d = currentDomain
            let s = nextStream[d]
            let p = cursors[d][s]
            texts[d].withUnsafeBufferPointer { text in
                writeContext(text: text, position: p, context: context, into: contexts + r * context)
                targets[r] = Int32(text[p])
            }
            drawn[d] += 1
            cursors[d][s] = p + 1 == texts[d].count ? 0 : p + 1
            if leftInWindow == 0 { nextStream[d] = (s + 1) % Self.streams }
        }
    }

    private mutating func startWindow() {
        var best = -1
        for d in weights.indices where weights[d] > 0 {
            credit[d] += weights[d]
            if best < 0 || credit[d] > credit[best] { best = d }
        }
        credit[best] -= 1
        currentDomain = best
        leftInWindow = windowLength
    }
}

/// Writes the `context` bytes before `position` (zero-padded at the stream's start), oldest first.
@inline(__always) func writeContext(text: UnsafeBufferPointer<UInt8>, position: Int, context: Int, into out: UnsafeMutablePointer<Int32>) {
    for c in 0..<context {
        let q = position - context + c
        out[c] = q >= 0 ? Int32(text[q]) : 0
    }
}

// The hermetic demo data: seeded generators of word-level Markov text whose domains overlap.
//
// All synthetic domains draw on one shared lexicon (same spellings everywhere) with a shared
// "grammar" (successor table), and each domain adds a private lexicon spelled with its own
// alphabet, its own transitions, its own branching (how predictable the next word is) and its own
// share of unlearnable gibberish. So domains differ in how much data they need and in how much
// they teach each other: the mixture that minimises a multi-domain loss is neither the uniform mix
// nor the token prior. The seed chooses every parameter, including the default size.
import SeededRandom

/// Output of the generator: a document stream in `DomainLoader`'s format.
public struct SyntheticText: Sendable {
    /// Generator version: bump when the text for a seed changes (hash it into synthetic domains' digests).
    public static let version = 1
    /// Concatenated documents, each followed by `DomainLoader.documentSeparator`.
    public var stream: [UInt8]
    /// Number of documents (paragraphs).
    public var documentCount: Int
    /// The parameters the seed chose.
    public var profile: SyntheticProfile

    /// Generates a domain; `byteCount` (≥ 2) overrides the size chosen by the seed.
    public static func generate(seed: UInt64, byteCount: Int? = nil) -> SyntheticText {
        let profile = SyntheticProfile(seed: seed)
        let target = max(DomainCorpus.minimumBytes, byteCount ?? profile.defaultBytes)
        var writer = SyntheticWriter(profile: profile, lexicon: SharedLexicon.standard)
        return writer.write(byteCount: target)
    }
}

/// The generator's parameters for one seed.
public struct SyntheticProfile: Sendable, Equatable {
    /// Default domain size in bytes (log-uniform in 256 KB … 2 MB).
    public var defaultBytes: Int
    /// Successors per word (log-uniform in 1 … 64): low is predictable, high is not.
    public var branching: Int
    /// Probability that a successor is a shared-lexicon word.
    public var sharedFraction: Double
    /// Probability that a shared word's successor follows the shared grammar.
    public var grammarShare: Double
    /// Probability that a word is replaced by random printable ASCII (incompressible; 0 … 1).
    public var noise: Double
    /// Mean words per sentence.
    public var sentenceLength: Int
    /// Size of the private lexicon (log-uniform in 16 … 1024): how much there is to learn.
    public var privateWords: Int
    /// The private alphabet (bytes), distinct per domain.
    public var alphabet: [UInt8]
    fileprivate var seed: UInt64

    /// The parameters seed `seed` selects.
    public init(seed: UInt64) {
        self.seed = seed
        var rng = Xoshiro256StarStar(seed: deriveSeed(seed, 0x5052_4F46))  // "PROF"
        defaultBytes = Int(_exp(rng.nextDouble(in: _log(256_000), _log(2_000_000))))
        branching = Int(_exp(rng.nextDouble(in: 0, _log(64))).rounded())
        sharedFraction = rng.nextDouble(in: 0.1, 0.9)
        grammarShare = rng.nextDouble(in: 0.1, 0.9)
        noise = rng.nextDouble(in: 0, 1)
        sentenceLength = 4 + rng.nextInt(below: 14)
        privateWords = Int(_exp(rng.nextDouble(in: _log(16), _log(1024))))
        let pool = Array("bcdfghjklmnpqrstvwxyzBCDFGHKLMNPRSTVZ0123456789_-#$%&*+/<=>@".utf8)
        var shuffled = pool
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, rng.nextInt(below: i + 1)) }
        alphabet = Array(shuffled.prefix(6 + rng.nextInt(below: 10))) + Array("aeiouy".utf8).shuffledPrefix(2 + rng.nextInt(below: 3), &rng)
    }
}

extension Array where Element == UInt8 {
    fileprivate func shuffledPrefix(_ n: Int, _ rng: inout Xoshiro256StarStar) -> [UInt8] {
        var copy = self
        for i in stride(from: copy.count - 1, to: 0, by: -1) { copy.swapAt(i, rng.nextInt(below: i + 1)) }
        return Array(copy.prefix(n))
    }
}

/// The lexicon and grammar every synthetic domain shares.
struct SharedLexicon: Sendable {
    var words: [[UInt8]]
    /// Successor indices (into `words`) and cumulative weights, per word.
    var successors: [[Int]]
    var cumulative: [[Double]]

    static let standard = SharedLexicon(seed: 0x4C45_5849_434F_4E21, count: 600, branching: 6)

    init(seed: UInt64, count: Int, branching: Int) {
        var rng = Xoshiro256StarStar(seed: seed)
        let consonants = Array("bcdfghklmnprstvw".utf8), vowels = Array("aeiou".utf8)
        var seen = Set<[UInt8]>()
        var words: [[UInt8]] = []
        while words.count < count {
            var w: [UInt8] = []
            let syllables = 1 + rng.nextInt(below: 3)
            for _ in 0..<syllables {
                w.append(consonants[rng.nextInt(below: consonants.count)])
                w.append(vowels[rng.nextInt(below: vowels.count)])
                if rng.nextUnit() < 0.3 { w.append(consonants[rng.nextInt(below: consonants.count)]) }
            }
            if seen.insert(w).inserted { words.append(w) }
        }
        self.words = words
        var successors: [[Int]] = [], cumulative: [[Double]] = []
        for _ in 0..<count {
            let next = (0..<branching).map { _ in rng.nextInt(below: count) }
            successors.append(next)
            cumulative.append(zipfCumulative(branching))
        }
        self.successors = successors
        self.cumulative = cumulative
    }
}

/// Cumulative Zipf(1) weights over `n` ranks, normalised to end at 1.
func zipfCumulative(_ n: Int) -> [Double] {
    var acc = 0.0
    var out: [Double] = []
    for r in 0..<n { acc += 1 / Double(r + 1); out.append(acc) }
    return out.map { $0 / acc }
}

/// Draws an index from cumulative weights.
func drawIndex(_ cumulative: [Double], _ rng: inout Xoshiro256StarStar) -> Int {
    let u = rng.nextUnit()
    var lo = 0, hi = cumulative.count - 1
    while lo < hi {
        let mid = (lo + hi) / 2
        if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
    }
    return lo
}

/// Emits text for one profile. Word ids: `0..<shared` are shared-lexicon words, the rest private.
struct SyntheticWriter {
    let profile: SyntheticProfile
    let lexicon: SharedLexicon
    var rng: Xoshiro256StarStar
    var privateWords: [[UInt8]] = []
    var successors: [[Int]] = []
    var cumulative: [Double]

    init(profile: SyntheticProfile, lexicon: SharedLexicon) {
        self.profile = profile
        self.lexicon = lexicon
        rng = Xoshiro256StarStar(seed: deriveSeed(profile.seed, 0x5445_5854))  // "TEXT"
        cumulative = zipfCumulative(profile.branching)
        var seen = Set<[UInt8]>()
        let vowels = profile.alphabet.filter { "aeiouy".utf8.contains($0) }
        let others = profile.alphabet.filter { !"aeiouy".utf8.contains($0) }
        while privateWords.count < profile.privateWords {
            var w: [UInt8] = []
            let syllables = 1 + rng.nextInt(below: 3)
            for _ in 0..<syllables {
                w.append(others[rng.nextInt(below: others.count)])
                w.append(vowels[rng.nextInt(below: vowels.count)])
                if rng.nextUnit() < 0.4 { w.append(others[rng.nextInt(below: others.count)]) }
            }
            if seen.insert(w).inserted { privateWords.append(w) }
        }
        let vocabulary = lexicon.words.count + privateWords.count
        for _ in 0..<vocabulary {
            successors.append((0..<profile.branching).map { _ in
                rng.nextUnit() < profile.sharedFraction
                    ? rng.nextInt(below: lexicon.words.count)
                    : lexicon.words.count + rng.nextInt(below: privateWords.count)
            })
        }
    }

    mutating func write(byteCount: Int) -> SyntheticText {
        var out: [UInt8] = []
        out.reserveCapacity(byteCount + 64)
        var documents = 0
        let shared = lexicon.words.count
        var word = rng.nextInt(below: shared + privateWords.count)
        while out.count < byteCount {
            let sentences = 3 + rng.nextInt(below: 8)
            for _ in 0..<sentences {
                let length = max(2, profile.sentenceLength - 3 + rng.nextInt(below: 7))
                for position in 0..<length {
                    if rng.nextUnit() < profile.noise {
                        let letters = 2 + rng.nextInt(below: 6)
                        for _ in 0..<letters { out.append(UInt8(0x21 + rng.nextInt(below: 94))) }
                    } else {
                        var spelled = word < shared ? lexicon.words[word] : privateWords[word - shared]
                        if position == 0, let first = spelled.first, first >= 0x61, first <= 0x7A { spelled[0] = first - 32 }
                        out.append(contentsOf: spelled)
                    }
                    out.append(position == length - 1 ? 0x2E : 0x20)  // "." ends the sentence
                    word = nextWord(after: word, shared: shared)
                }
                out.append(0x0A)
            }
            out.append(DomainLoader.documentSeparator)
            documents += 1
        }
        if out.count > byteCount { out.removeLast(out.count - byteCount) }
        return SyntheticText(stream: out, documentCount: documents, profile: profile)
    }

    private mutating func nextWord(after word: Int, shared: Int) -> Int {
        if word < shared && rng.nextUnit() < profile.grammarShare {
            return lexicon.successors[word][drawIndex(lexicon.cumulative[word], &rng)]
        }
        return successors[word][drawIndex(cumulative, &rng)]
    }
}

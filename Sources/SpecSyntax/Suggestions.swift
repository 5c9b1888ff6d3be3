/// "Did you mean" support: the closest candidate by edit distance, when close enough.
public enum Suggestions {
    /// The candidate nearest to `word` (Levenshtein on Unicode scalars), if within a third of its length (at least 1, at most 3).
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = Swift.max(1, Swift.min(3, word.unicodeScalars.count / 3 + 1))
        let length = word.lowercased().unicodeScalars.count
        var best: (String, Int)?
        for candidate in candidates {
            // The distance is at least the difference in length: skip the quadratic table when
            // that alone rules the candidate out (a long word costs no more than a short one).
            guard abs(candidate.lowercased().unicodeScalars.count - length) <= limit else { continue }
            let d = distance(word, candidate)
            guard d <= limit else { continue }
            if let current = best, current.1 <= d { continue }
            best = (candidate, d)
        }
        return best?.0
    }

    /// Levenshtein distance with a case-insensitive match costing nothing extra beyond 0 for equal letters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}

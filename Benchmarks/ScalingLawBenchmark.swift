// Data Mixing Laws' nested pipeline on the authors' released RedPajama losses (github yegcjs/mixinglaws,
// data/RedPajama; no licence, so the data is read from a checkout given on the command line and never
// committed): step laws on checkpoints 10k–30k steps of the 70M, 160M, 305M and 410M proxies, size laws
// to 1B at 100k steps, a mixing law across the training mixtures, then the two held-out 1B runs.
// Figures: leave-one-size-out error of the size law (fit 70M–305M, predict 410M) and the held-out
// error of the whole chain beside the authors' own predictions (data/RPJ.predictions.json).
import Foundation
import Methods

func runScalingLawBenchmark(arguments: [String]) async throws {
    var repo = ProcessInfo.processInfo.environment["MIXINGLAWS_REPO"] ?? ""
    var samples = 100
    var delta = 1e-3, starts = 8
    var k = 0
    while k < arguments.count {
        let value = k + 1 < arguments.count ? arguments[k + 1] : ""
        switch arguments[k] {
        case "--repo": repo = value; k += 2
        case "--samples": samples = Int(value) ?? samples; k += 2
        case "--delta": delta = Double(value) ?? delta; k += 2
        case "--starts": starts = Int(value) ?? starts; k += 2
        default: print("scaling-law benchmark: unknown argument \(arguments[k])"); return
        }
    }
    guard !repo.isEmpty else {
        print("usage: mixspec-bench scaling-law --repo DIR [--samples N] [--delta δ] [--starts S] (a checkout of github.com/yegcjs/mixinglaws; or MIXINGLAWS_REPO=DIR)")
        return
    }
    let data = ReferenceLosses(repo: repo)
    let weights = try data.validWeights()
    let batch = 4096.0 * 256  // tokens per step (pipeline/utils.py, BSZ)
    let sizes: [(name: String, parameters: Double)] = [("70M", 18_915_328), ("160M", 85_056_000), ("305M", 201_541_632), ("410M", 302_311_424)]
    let target = (name: "1B", parameters: 805_736_448.0, step: 100_000.0)
    let proxies = try sizes.map { try data.fullLoss(size: $0.name, weights: weights, heldOut: false) }
    let large = try data.fullLoss(size: target.name, weights: weights, heldOut: true)
    let proportions = try data.proportions()
    let usable = proportions.filter { ratio in proxies.allSatisfy { ($0[ratio]?.filter { $0.key >= 10_000 && $0.key <= 30_000 }.count ?? 0) >= 3 } }
    print("RedPajama (yegcjs/mixinglaws): \(proportions.count) training mixtures, \(usable.count) with 10k–30k-step checkpoints at every proxy size; metric: the validation-weighted loss over \(weights.count) Pile domains")

    let start = Date()
    var targets: [Double] = [], replicates: [[Double]] = [], loso: [Double] = [], converged = 0, fits = 0
    for ratio in usable {
        let inputs = try zip(sizes, proxies).map { (size, losses) -> StepLawInput in
            let steps = (losses[ratio] ?? [:]).filter { $0.key >= 10_000 && $0.key <= 30_000 }.sorted { $0.key < $1.key }
            let fit = try StepLaw.fit(tokens: steps.map { $0.key * batch }, observed: [steps.map(\.value)],
                                      bootstrap: BootstrapOptions(samples: samples, seed: 0))
            fits += 1
            if fit.fit.converged { converged += 1 }
            return StepLawInput(size: size.parameters, law: fit.fit.law, replicates: fit.replicates,
                                finalTokens: (steps.last?.key ?? 0) * batch, finalMetrics: [steps.last?.value ?? .nan])
        }
        let size = try ScalingChain.sizeLaw(models: inputs, targetSize: target.parameters, targetTokens: target.step * batch,
                                            bootstrap: BootstrapOptions(samples: samples, seed: 0))
        fits += 1
        if size.fit.converged { converged += 1 }
        targets.append(size.target[0].estimate)
        replicates.append(size.replicates.map { $0[0] })
        if let e = size.leaveOneOut?.first { loso.append(e) }
    }
    let x = try Matrix(rowArrays: usable.map(ReferenceLosses.weights))
    // Default: the spec's regression.mixing_law defaults (δ = 1e-3, 8 starts); --delta / --starts vary them.
    let options = MixingLawOptions(huberDelta: delta, starts: starts, seed: 0)
    let law = try MixingLawRegressor.fit(x, targets, options: options)
    let inSample = law.predict(x)
    print("Predicted 1B losses of the training mixtures: \(String(format: "%.4f", targets.min() ?? .nan))–\(String(format: "%.4f", targets.max() ?? .nan)); mixing law c = \(String(format: "%.3f", law.c)), k = \(String(format: "%.3f", law.k)), t = \(law.t.map { String(format: "%.2f", $0) }); in-sample Spearman \(String(format: "%.3f", Agreement.spearman(inSample, targets)))")
    let seconds = Date().timeIntervalSince(start)
    let absolute = loso.map(abs).sorted()
    print("Leave-one-size-out (step and size laws on 70M–305M predict 410M's loss at 30k steps), \(loso.count) mixtures:")
    print("  mean |error| \(percent(absolute.reduce(0, +) / Double(max(absolute.count, 1))))  median \(percent(absolute[absolute.count / 2]))  max \(percent(absolute.last ?? .nan))  mean signed \(percent(loso.reduce(0, +) / Double(max(loso.count, 1))))")
    print("  fits converged: \(converged) of \(fits) (step and size laws); fitting took \(String(format: "%.1f", seconds)) s with \(samples) bootstrap replicates each")

    let published = try data.publishedPredictions()
    print("Held-out 1B runs at 100k steps (whole chain: step → size → mixing law), beside the authors' RPJ.predictions.json:")
    print("  mixture                                             observed   ours      [95% interval]       error     authors' prediction  error")
    let count = replicates.map(\.count).min() ?? 0
    for (ratio, steps) in large.sorted(by: { $0.key < $1.key }) {
        guard let observed = steps[target.step] else { continue }
        let r = ReferenceLosses.weights(ratio)
        let ours = law.predict(row: r[...])
        var samplesAt: [Double] = []
        for b in 0..<count {
            if let refit = try? MixingLawRegressor.fit(x, replicates.map { $0[b] }, options: options) { samplesAt.append(refit.predict(row: r[...])) }
        }
        let interval = Interval.percentile(estimate: ours, samples: samplesAt, level: 0.95)
        let theirs = published[ratio]
        print("  \(ratio.padding(toLength: 50, withPad: " ", startingAt: 0))  \(String(format: "%.4f", observed))   \(String(format: "%.4f", ours))   [\(String(format: "%.4f", interval.low)), \(String(format: "%.4f", interval.high))]   \(percent((ours - observed) / observed, signed: true))   "
              + (theirs.map { "\(String(format: "%.4f", $0.predicted)) (obs \(String(format: "%.4f", $0.observed)))  \(percent(($0.predicted - $0.observed) / $0.observed, signed: true))" } ?? "—"))
    }
}

private func percent(_ x: Double, signed: Bool = false) -> String {
    String(format: signed ? "%+.2f%%" : "%.2f%%", x * 100)
}

/// The released losses: `<size>.txt` lines `<ckpt dir>/<step>\t<…>/pythia-pile.valid.<Domain>.bin\t<loss>`.
private struct ReferenceLosses {
    let repo: String

    func text(_ relative: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: repo + "/" + relative), let text = String(data: data, encoding: .utf8) else {
            throw MethodsError("cannot read \(repo)/\(relative)")
        }
        return text
    }

    func validWeights() throws -> [String: Double] {
        guard let object = try JSONSerialization.jsonObject(with: Data(try text("pipeline/valid_weight.json").utf8)) as? [String: Double] else {
            throw MethodsError("pipeline/valid_weight.json is not a map of weights")
        }
        return object
    }

    func proportions() throws -> [String] {
        try text("data/RedPajama/proportions.txt").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// ratio → step → Σ_d w_d·loss_d (checkpoints with every weighted domain only). Runs numbered
    /// above 900 are the authors' held-out validation runs: dropped from proxies, kept alone for 1B.
    func fullLoss(size: String, weights: [String: Double], heldOut: Bool) throws -> [String: [Double: Double]] {
        var byRun: [String: [Double: [String: Double]]] = [:]
        for line in try text("data/RedPajama/\(size).txt").split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let loss = Double(fields[2]) else { continue }
            let path = fields[0].split(separator: "/")
            guard path.count >= 2, let step = Double(path[path.count - 1]) else { continue }
            let run = path[path.count - 2]
            guard let dash = run.firstIndex(of: "-"), let id = Int(run[..<dash].split(separator: "_").last ?? "") else { continue }
            guard heldOut == (id > 900) else { continue }
            let ratio = String(run[run.index(after: dash)...])
            let file = fields[1].split(separator: "/").last ?? ""
            let domain = file.replacingOccurrences(of: "pythia-pile.valid.", with: "").replacingOccurrences(of: ".bin", with: "")
            byRun[ratio, default: [:]][step, default: [:]][domain] = loss
        }
        return byRun.mapValues { steps in
            steps.compactMapValues { domains in
                guard weights.keys.allSatisfy({ domains[$0] != nil }) else { return nil }
                return weights.reduce(0) { $0 + $1.value * (domains[$1.key] ?? 0) }
            }
        }
    }

    /// The authors' predictions of the full loss at 100k steps: ratio → (predicted, observed).
    func publishedPredictions() throws -> [String: (predicted: Double, observed: Double)] {
        guard let object = try JSONSerialization.jsonObject(with: Data(try text("data/RPJ.predictions.json").utf8)) as? [String: Any],
              let full = object["full"] as? [String: [String: [Double]]] else { throw MethodsError("RPJ.predictions.json has no 'full' entry") }
        var out: [String: (Double, Double)] = [:]
        for (ratio, steps) in full { if let pair = steps["100000"], pair.count == 2 { out[ratio] = (pair[0], pair[1]) } }
        return out
    }

    static func weights(_ ratio: String) -> [Double] {
        let w = ratio.split(separator: "-").compactMap { Double($0) }
        let total = w.reduce(0, +)
        return w.map { $0 / max(total, 1e-12) }
    }
}

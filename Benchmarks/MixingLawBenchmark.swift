import Foundation
import Methods

/// `mixspec-bench mixing-law --repo DIR [--python PATH] [--size 70M] [--step 30000]`: mixspec's
/// mixing-law fit beside the laws Data Mixing Laws' authors fitted (yegcjs/mixinglaws,
/// mix_5_domains.ipynb: one law per domain on the 5-domain 70M runs at step 30,000, Huber δ 0.05).
/// DIR is a checkout of that repository (it has no license: it is read at run time, never
/// committed). For each Huber δ and number of starts it prints, over the five domains: the largest
/// |mixspec − authors| prediction on the released mixtures, the mean absolute error against the
/// observed losses in sample, and leave-one-mixture-out (each mixture predicted by a law fitted
/// without it), so the spec defaults are chosen from a measurement.
func runMixingLawBenchmark(arguments: [String]) async throws {
    var repo: String?, python = "python3", size = "70M", step = "30000"
    var k = 0
    while k < arguments.count {
        let value = k + 1 < arguments.count ? arguments[k + 1] : nil
        switch arguments[k] {
        case "--repo": repo = value
        case "--python": python = value ?? python
        case "--size": size = value ?? size
        case "--step": step = value ?? step
        default: print("mixing-law benchmark: unknown argument \(arguments[k])"); exit(64)
        }
        k += 2
    }
    guard let repo else {
        print("mixing-law benchmark: --repo DIR (a checkout of github.com/yegcjs/mixinglaws) is required"); exit(64)
    }
    let benchmarks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let table = FileManager.default.temporaryDirectory.appendingPathComponent("mixinglaws-\(ProcessInfo.processInfo.processIdentifier).csv")
    defer { try? FileManager.default.removeItem(at: table) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, benchmarks.appendingPathComponent("mixinglaws_side.py").path, repo, table.path, "--size", size, "--step", step]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { print("mixing-law benchmark: the side script failed"); exit(1) }

    let runs = try RunTable.load(path: table.path)
    let mixtureColumns = (0..<5).compactMap { runs.columns.firstIndex(of: "r\($0)") }
    let domains = ["academic", "prose", "dialogue", "symbolic", "internet"]
    guard mixtureColumns.count == 5, domains.allSatisfy({ runs.columns.contains($0) && runs.columns.contains("ref_\($0)") }) else {
        print("mixing-law benchmark: unexpected columns \(runs.columns)"); exit(1)
    }
    let n = runs.rows.count
    let x = try Matrix(rows: n, columns: 5, values: runs.rows.flatMap { row in mixtureColumns.map { row[$0] } })
    func column(_ name: String) -> [Double] {
        let j = runs.columns.firstIndex(of: name) ?? 0
        return runs.rows.map { $0[j] }
    }
    let observed = domains.map { column($0) }, reference = domains.map { column("ref_\($0)") }
    let authorsInSample = zip(observed, reference).map { meanAbsolute($0, $1) }.reduce(0, +) / Double(domains.count)
    print("\(n) mixtures at \(size), step \(step); authors' laws: in-sample MAE \(format(authorsInSample)) (mean over \(domains.count) domains)")
    print("δ        starts  max|Δ authors|  in-sample MAE  leave-one-out MAE  seconds")
    for delta in [0.001, 0.01, 0.05, 0.1] {
        for starts in [8, 16, 64] {
            let clock = ContinuousClock.now
            let options = MixingLawOptions(huberDelta: delta, starts: starts)
            var largest = 0.0, inSample = 0.0, heldOut = 0.0
            for (d, y) in observed.enumerated() {
                let model = try MixingLawRegressor.fit(x, y, options: options)
                let predictions = model.predict(x)
                largest = max(largest, zip(predictions, reference[d]).map { abs($0 - $1) }.max() ?? 0)
                inSample += meanAbsolute(predictions, y)
                var errors: [Double] = []
                for i in 0..<n {
                    let keep = (0..<n).filter { $0 != i }
                    let train = try Matrix(rows: n - 1, columns: 5, values: keep.flatMap { r in (0..<5).map { x.values[r * 5 + $0] } })
                    let law = try MixingLawRegressor.fit(train, keep.map { y[$0] }, options: options)
                    errors.append(abs(law.predict(row: x.values[(i * 5)..<(i * 5 + 5)]) - y[i]))
                }
                heldOut += errors.reduce(0, +) / Double(n)
            }
            let count = Double(domains.count)
            print(String(format: "%-8g %6d  %14.2e  %13.5f  %17.5f  %7.2f", delta, starts, largest, inSample / count, heldOut / count, seconds(since: clock)))
        }
    }
}

private func meanAbsolute(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.reduce(0, +) / Double(max(a.count, 1))
}

private func format(_ v: Double) -> String { String(format: "%.5f", v) }

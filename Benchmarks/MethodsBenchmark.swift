import SeededRandom
import Foundation
import Methods

/// `mixspec-bench methods [--candidates N] [--data DIR] [--python PATH] [--skip-lightgbm]`: our GBDT against LightGBM
/// (via Benchmarks/lightgbm_side.py) on the RegMix data, in the same run: fit time, prediction
/// throughput on N Dirichlet candidates with the 1000-tree models, Spearman on the test split, and
/// the largest difference between the two models' predictions. When DIR also holds RegMix's
/// larger-scale test sets (test_mixture_60m.csv / test_pile_loss_60m.csv, the same for 1B, from
/// sail-sg/regmix's data/), the models fitted on the 1m runs are scored on them too.
func runMethodsBenchmark(arguments: [String]) async throws {
    var candidates = 1_000_000
    let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    var dataDirectory = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data/regmix").path
    var python = "python3"
    var skipLightGBM = false
    var k = 0
    while k < arguments.count {
        let value = k + 1 < arguments.count ? arguments[k + 1] : ""
        switch arguments[k] {
        case "--candidates": candidates = Int(value) ?? candidates; k += 2
        case "--data": dataDirectory = value; k += 2
        case "--python": python = value; k += 2
        case "--skip-lightgbm": skipLightGBM = true; k += 1
        default: print("methods benchmark: unknown argument \(arguments[k])"); return
        }
    }
    let target = "metric/the_pile_pile_cc_val_loss"
    let train = try ImportedRuns.load(
        mixturesPath: "\(dataDirectory)/train_mixture_1m.csv", metricsPath: "\(dataDirectory)/train_pile_loss_1m.csv")
    let test = try ImportedRuns.load(
        mixturesPath: "\(dataDirectory)/test_mixture_1m.csv", metricsPath: "\(dataDirectory)/test_pile_loss_1m.csv")
    let xTrain = train.mixtureMatrix, yTrain = try train.metric(target)
    let xTest = test.mixtureMatrix, yTest = try test.metric(target)
    let d = xTrain.columns
    print("RegMix data: \(xTrain.rows) train / \(xTest.rows) test mixtures, \(d) domains, target \(target)")
    for w in train.warnings + test.warnings { print("  note: \(w)") }
    // Larger-scale test sets, where present: (scale, mixtures, losses).
    var scales = [(name: String, x: Matrix, y: [Double])]()
    for scale in ["60m", "1B"] {
        let mixtures = "\(dataDirectory)/test_mixture_\(scale).csv", losses = "\(dataDirectory)/test_pile_loss_\(scale).csv"
        guard FileManager.default.fileExists(atPath: mixtures), FileManager.default.fileExists(atPath: losses) else { continue }
        let runs = try ImportedRuns.load(mixturesPath: mixtures, metricsPath: losses)
        guard runs.mixtures.columns == train.mixtures.columns else {
            print("  note: \(mixtures) has other domain columns than the training runs; skipped"); continue
        }
        scales.append((scale, runs.mixtureMatrix, try runs.metric(target)))
        print("  also the \(scale) test set: \(runs.mixtures.rows.count) mixtures")
    }

    // Ours: fit, test Spearman, candidate throughput.
    var clock = ContinuousClock.now
    let fitCPUStart = processCPUSeconds()
    let model = try GBDTRegressor.fit(xTrain, yTrain)
    let fitSeconds = seconds(since: clock)
    let fitCPU = processCPUSeconds() - fitCPUStart
    let predictor = FittedModel.gbdt(model).predictor()
    let oursTest = try predictor.predict(xTest)
    let oursSpearman = Agreement.spearman(oursTest, yTest)
    let linear = try LinearRegressor.fit(xTrain, yTrain)
    let linearSpearman = Agreement.spearman(linear.predict(xTest), yTest)
    var oursScales = [[Double]]()
    for scale in scales {
        oursScales.append(try predictor.predict(scale.x))
        print(String(format: "mixspec at %@ (fitted on the 1m runs): gbdt Spearman %.4f, linear %.4f", scale.name,
                     Agreement.spearman(oursScales.last!, scale.y), Agreement.spearman(linear.predict(scale.x), scale.y)))
    }
    var prior = [Double](repeating: 0, count: d)
    for i in 0..<xTrain.rows { for j in 0..<d { prior[j] += xTrain.values[i * d + j] / Double(xTrain.rows) } }
    var values = [Double](repeating: 0, count: candidates * d)
    for i in 0..<candidates {
        var rng = Xoshiro256StarStar(seed: 7, index: UInt64(i))
        let w = rng.nextDirichlet(alpha: prior)
        for j in 0..<d { values[i * d + j] = w[j] }
    }
    let candidateMatrix = try Matrix(rows: candidates, columns: d, values: values)
    print(String(format: "compiled forest: %.1f MB of tables", Double(FlatForest(model).tableBytes) / 1e6))
    clock = ContinuousClock.now
    let cpuStart = processCPUSeconds()
    let oursCandidates = try predictor.predict(candidateMatrix)
    let predictSeconds = seconds(since: clock)
    let predictCPU = processCPUSeconds() - cpuStart
    print(String(format: "mixspec gbdt: %d trees, fit %.3f s, test Spearman %.4f (linear %.4f)", model.trees.count, fitSeconds, oursSpearman, linearSpearman))
    print(String(format: "mixspec gbdt: predicted %d candidates in %.3f s wall (%.3f s CPU) = %.0f rows/s (%d cores)", candidates, predictSeconds, predictCPU, Double(candidates) / predictSeconds, ProcessInfo.processInfo.activeProcessorCount))

    // The whole RegMix simulation step: draw, constrain, predict, top-128 mean.
    clock = ContinuousClock.now
    let search = try MixtureSearch.run(
        SearchParameters(prior: prior, candidates: candidates, topK: 128, seed: 7),
        models: [target: .gbdt(model)], objective: Objective(.minimize, .metric(target)))
    print(String(format: "mixspec search: %d candidates drawn, predicted and ranked in %.3f s; top-128 mean predicted %.4f (prior %.4f, uniform %.4f)",
                 candidates, seconds(since: clock), search.objective, search.priorObjective, search.uniformObjective))
    if skipLightGBM { return }
    // LightGBM in a subprocess on the same arrays.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try write(xTrain.values, folder, "train_x.bin"); try write(yTrain, folder, "train_y.bin")
    try write(xTest.values, folder, "test_x.bin"); try write(yTest, folder, "test_y.bin")
    try write(values, folder, "candidates.bin")
    try "\(d) \(xTrain.rows) \(xTest.rows) \(candidates)".write(to: folder.appendingPathComponent("meta.txt"), atomically: true, encoding: .utf8)
    for scale in scales { try write(scale.x.values, folder, "extra_\(scale.name)_x.bin") }
    try scales.map { "\($0.name) \($0.x.rows)\n" }.joined().write(to: folder.appendingPathComponent("extra.txt"), atomically: true, encoding: .utf8)
    let script = repoRoot.appendingPathComponent("Benchmarks/lightgbm_side.py").path
    print("running LightGBM (\(script)) on the same data; its prediction of \(candidates) rows can take minutes…")
    let side = try runPythonSide(python, [script, folder.path])
    guard let json = side.json, let lgbFit = json["fit_seconds"] as? Double, let lgbSpearman = json["spearman"] as? Double else {
        print("LightGBM comparison unavailable (exit \(side.status)); see the message above. Our figures stand alone.")
        return
    }
    let lgbTest = try read(folder, "lightgbm_test.bin")
    print(String(format: "LightGBM %@: fit %.3f s, test Spearman %.4f", json["version"] as? String ?? "?", lgbFit, lgbSpearman))
    print(String(format: "agreement on the test split: Spearman(mixspec, LightGBM predictions) = %.5f, Pearson = %.5f",
                 Agreement.spearman(oursTest, lgbTest), Agreement.pearson(oursTest, lgbTest)))
    print(String(format: "1m test set: largest |mixspec − LightGBM| = %.3e; Spearman with the losses: mixspec %.6f, LightGBM %.6f",
                 largestDifference(oursTest, lgbTest), oursSpearman, Agreement.spearman(lgbTest, yTest)))
    for (scale, ours) in zip(scales, oursScales) {
        let theirs = try read(folder, "lightgbm_extra_\(scale.name).bin")
        print(String(format: "%@ test set: largest |mixspec − LightGBM| = %.3e; Spearman with the losses: mixspec %.6f, LightGBM %.6f",
                     scale.name, largestDifference(ours, theirs), Agreement.spearman(ours, scale.y), Agreement.spearman(theirs, scale.y)))
    }
    print(String(format: "fit time ratio LightGBM / mixspec = %.2f× (LightGBM fit CPU %.3f s, mixspec fit CPU %.3f s)", lgbFit / fitSeconds, json["fit_cpu_seconds"] as? Double ?? .nan, fitCPU))
    if let lgbPredict = json["predict_seconds"] as? Double {
        let head = try read(folder, "lightgbm_candidates_head.bin")
        let maxDifference = largestDifference(head, Array(oursCandidates.prefix(head.count)))
        let lgbCPU = json["predict_cpu_seconds"] as? Double ?? .nan
        print(String(format: "LightGBM: predicted %d candidates in %.3f s wall (%.3f s CPU) = %.0f rows/s", candidates, lgbPredict, lgbCPU, Double(candidates) / lgbPredict))
        print(String(format: "CPU-time ratio LightGBM / mixspec = %.1f× (robust to other load on a shared machine)", lgbCPU / predictCPU))
        print(String(format: "prediction throughput ratio mixspec / LightGBM = %.1f× (aim ≥ 20×)", lgbPredict / predictSeconds))
        print(String(format: "largest |mixspec − LightGBM| over the first %d candidates: %.2e", head.count, maxDifference))
    }
}

/// Runs a Python side script (`python` found on PATH) and parses the JSON object it prints; the
/// object is nil when it fails (its own message is on stderr).
func runPythonSide(_ python: String, _ arguments: [String]) throws -> (status: Int32, json: [String: Any]?) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python] + arguments
    let stdout = Pipe()
    process.standardOutput = stdout
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return (process.terminationStatus, nil) }
    return (0, try JSONSerialization.jsonObject(with: output) as? [String: Any])
}

/// max |a − b| over paired elements (∞ when the counts differ).
private func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
    a.count == b.count ? zip(a, b).map { abs($0 - $1) }.max() ?? 0 : .infinity
}

/// Wall-clock seconds since `start` (also used by the swarm benchmark).
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// CPU seconds used by this process so far (all threads): robust to other load on a shared machine.
private func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

private func write(_ values: [Double], _ folder: URL, _ name: String) throws {
    let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
    try data.write(to: folder.appendingPathComponent(name))
}

private func read(_ folder: URL, _ name: String) throws -> [Double] {
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
}

// Built-in trainer throughput beside a simple tight matrix multiply measured in the same run.
// Times are CPU seconds of this process (the runs are single-threaded), so the figures stay
// meaningful on a shared machine; wall seconds are printed beside them.
import Foundation
import Trainer

private func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

private func measure(_ body: () throws -> Void) rethrows -> Timing {
    let wall = Date(), cpu = cpuSeconds()
    try body()
    return Timing(wall: Date().timeIntervalSince(wall), cpu: cpuSeconds() - cpu)
}

/// The anchor: C += A·B over contiguous [Float] in i-k-j order, inner loop left to the auto-vectoriser.
private func tightMatrixMultiply(n: Int, repeats: Int) -> (flops: Double, timing: Timing) {
    var a = [Float](repeating: 0, count: n * n), b = a, c = a
    for i in 0..<(n * n) { a[i] = Float(i % 7) * 0.01; b[i] = Float(i % 5) * 0.02 }
    let timing = measure {
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    let a = ap.baseAddress!, b = bp.baseAddress!, c = cp.baseAddress!
                    for _ in 0..<repeats {
                        for i in 0..<n {
                            let cRow = c + i &* n
                            for k in 0..<n {
                                let aik = a[i &* n &+ k]
                                let bRow = b + k &* n
                                for j in 0..<n { cRow[j] += aik * bRow[j] }
                            }
                        }
                    }
                }
            }
        }
    }
    precondition(c[n + 1].isFinite)  // keep the result alive
    return (2 * Double(n * n * n) * Double(repeats), timing)
}

func runTrainerBenchmark(arguments: [String]) async throws {
    let quick = arguments.contains("--quick")
    print("trainer benchmark\(quick ? " (--quick)" : ""): CPU time of one core; wall time in brackets")

    let (mmFlops, mmTime) = tightMatrixMultiply(n: 256, repeats: quick ? 10 : 40)
    let anchor = mmFlops / mmTime.cpu
    print(String(format: "  tight matmul 256³ (i-k-j loop)   %7.2f GFLOP/s   [%.2f s cpu, %.2f s wall]", anchor / 1e9, mmTime.cpu, mmTime.wall))

    let seeds: [UInt64] = [658, 333, 380, 532]
    var corpora: [DomainCorpus] = []
    let load = try measure {
        corpora = try seeds.map { try DomainLoader.load(name: "s\($0)", source: .synthetic(seed: $0), baseDirectory: "/") }
    }
    let bytes = corpora.map(\.tokenCount).reduce(0, +)
    print(String(format: "  synthetic data: 4 domains, %.1f MB generated and split in %.2f s", Double(bytes) / 1e6, load.cpu))

    let runs: [(String, Int64, Int64)] = [
        ("proxy  ~8k params", 8_000, quick ? 50_000 : 200_000),
        ("verify ~32k params", 32_000, quick ? 100_000 : 1_000_000),
    ]
    var perToken: [Int64: Double] = [:]
    for (label, size, tokens) in runs {
        var result: TrainingResult?
        let timing = try measure {
            result = try BuiltinTrainer.train(corpora: corpora, weights: [1, 1, 1, 1],
                                              configuration: TrainerConfiguration(size: size, tokens: tokens, seed: 1))
        }
        guard let result else { continue }
        let rate = result.flops / timing.cpu
        perToken[size] = timing.cpu / Double(tokens)
        print(String(format: "  %@ (%d, %@) × %lld tokens: %8.0f tokens/s per core  %6.2f GFLOP/s  ratio to matmul %.2f   [%.2f s cpu, %.2f s wall]",
                     label, result.parameterCount, "\(result.shape.embedding)e×\(result.shape.hidden)h", tokens,
                     Double(tokens) / timing.cpu, rate / 1e9, rate / anchor, timing.cpu, timing.wall))
    }
    if let proxy = perToken[8_000], let verify = perToken[32_000] {
        let cpu = 32 * 200_000 * proxy + 3 * 1_000_000 * verify
        print(String(format: "  quickstart estimate (32 × 8k/200k + 3 × 32k/1M): %.0f CPU s, ≈ %.0f s wall on 2 idle cores", cpu, cpu / 2))
    }
    print("  (FLOPs count forward + backward matrix products, 6 per weight per token; evaluation time is in the denominator)")
}

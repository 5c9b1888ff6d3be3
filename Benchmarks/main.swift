// mixspec-bench: benchmarks that print figures and ratios (never timed tests).
// Usage: swift run -c release mixspec-bench <name> [arguments…]
import Foundation

let benchmarks: [(name: String, summary: String, run: ([String]) async throws -> Void)] = [
    ("check", "process time of `mixspec check` (specs/regmix-pile.yaml, a 5,000-domain spec)", runSpecBenchmark),
    ("fuzz", "seeded mutants through parse + validate + render: inputs/s, failures, slowest [--count N] [--jobs J] [--replay S:I]", runFuzzBenchmark),
    ("methods", "gbdt fit / 1M-candidate prediction / Spearman beside LightGBM (pip) on the RegMix data", runMethodsBenchmark),
    ("swarm", "RegMix swarm: repeats, KS against RegMix's sampler (python side), mixture(at:) one index at a time", runSwarmBenchmark),
    ("trainer", "built-in trainer throughput and FLOP/s beside a tight matmul loop [--quick]", runTrainerBenchmark),
    ("review", "time of `mixspec diff` for a swarm growth beside a plain plan of the new spec", runReviewBenchmark),
    ("slurm", "Slurm launcher: 512-element submission beside bare sbatch, squeue calls/min, per-task overhead beside local [--elements N] [--sleep S] [--repeat R] [--swarm N]", runSlurmBenchmark),
    ("mixing-law", "mixing-law fit beside Data Mixing Laws' own fitted laws (yegcjs/mixinglaws) per Huber δ and starts --repo DIR", runMixingLawBenchmark),
    ("scaling-law", "Data Mixing Laws' step → size → mixing chain on yegcjs/mixinglaws' RedPajama losses: leave-one-size-out, held-out 1B runs --repo DIR", runScalingLawBenchmark),
    ("engine", "plan and no-op run on 10,000 train tasks beside `ninja -n` [--proxies N] [--repeat R] [--keep] [--work DIR]", runEngineBenchmark),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let benchmark = benchmarks.first(where: { $0.name == name }) {
    try await benchmark.run(Array(arguments.dropFirst()))
} else {
    print("usage: mixspec-bench <name> [arguments…]")
    for b in benchmarks { print("  \(b.name.padding(toLength: 8, withPad: " ", startingAt: 0))\(b.summary)") }
    exit(arguments.isEmpty ? 0 : 64)
}

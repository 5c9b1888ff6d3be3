// mixspec-bench: benchmarks that print figures and ratios (never timed tests).
// Usage: swift run -c release mixspec-bench <name> [options]
import Foundation

let benchmarkArguments = Array(CommandLine.arguments.dropFirst())
switch benchmarkArguments.first {
case "engine": try await runEngineBenchmark(arguments: Array(benchmarkArguments.dropFirst()))
case "review": try await runReviewBenchmark(arguments: Array(benchmarkArguments.dropFirst()))
default:
    print("usage: mixspec-bench <name> [options]\n  engine [--tasks N] [--repeat R] [--keep]   planner, no-op run and ninja -n on N train tasks\n  review [--count N] [--repeat R]           mixspec diff on a large swarm vs plan")
    exit(benchmarkArguments.isEmpty ? 0 : 64)
}

// mixspec-bench: benchmarks that print figures and ratios (never timed tests).
// Usage: swift run -c release mixspec-bench <name> [options]
import Foundation

let benchmarkArguments = Array(CommandLine.arguments.dropFirst())
switch benchmarkArguments.first {
case "engine": try await runEngineBenchmark(arguments: Array(benchmarkArguments.dropFirst()))
default:
    print("usage: mixspec-bench <name> [options]\n  engine [--tasks N] [--repeat R] [--keep]   mixspec plan, no-op run and ninja -n on a spec with N train tasks")
    exit(benchmarkArguments.isEmpty ? 0 : 64)
}

// mixspec-bench: benchmarks that print figures and ratios (never timed tests).
// Usage: swift run -c release mixspec-bench <name> [arguments…]
let benchmarkArguments = Array(CommandLine.arguments.dropFirst(2))
switch CommandLine.arguments.dropFirst().first {
case "trainer": try await runTrainerBenchmark(arguments: benchmarkArguments)
default:
    print("usage: mixspec-bench <name> [arguments…]\n  trainer [--quick]   built-in trainer throughput vs a tight matrix multiply")
}

// mixspec-bench: benchmarks that print figures and ratios (never timed tests).
// Usage: swift run -c release mixspec-bench <name> [arguments…]
let benchmarkArguments = Array(CommandLine.arguments.dropFirst(2))
switch CommandLine.arguments.dropFirst().first {
case "check": try await runSpecBenchmark(arguments: benchmarkArguments)
default: print("usage: mixspec-bench <name> [arguments…]\n  check   process time of `mixspec check` (specs/regmix-pile.yaml, 5,000 domains)")
}

// mixspec-bench: benchmarks that print figures and ratios (never timed tests).
// Usage: swift run -c release mixspec-bench <name> [arguments]
let benchmarkArguments = Array(CommandLine.arguments.dropFirst())
switch benchmarkArguments.first {
case "methods": try await runMethodsBenchmark(arguments: Array(benchmarkArguments.dropFirst()))
default: print("usage: mixspec-bench <name> [arguments]; names: methods")
}

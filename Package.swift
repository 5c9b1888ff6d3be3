// swift-tools-version:6.0
import PackageDescription

// Direction of dependencies (DESIGN.md §4); arrows point at what a target uses:
//
//   mixspec ─► Review ─► Pipeline ─► Launchers ─► Engine ─► ContentStore ─► Compiler ─► SpecModel
//                │          │                                                               ▲
//                └──────────┴──────────────────────────► Reporting ─────────────────────────┘
//   SpecModel ─► SpecSyntax ─► CYAML (libyaml)
//   SpecModel, ContentStore ─► SafeFiles (bounded, link-aware reads of files mixspec did not write)
//
// - ContentStore: the content-addressed store, action records, lock, gc, file digests, hashing.
// - Engine: planning and execution (planner, scheduler, executor protocol, signals, progress).
// - Launchers: how a task's command runs (local child processes, or Slurm job arrays with a journal
//   of submitted jobs in the store).
// - Pipeline: the mixspec pipeline's per-kind executors and payloads, and SpecSession.
// - Reporting: the run summary and its renderings, pure values (no engine).
// - Review: spec diff, run comparison, git revisions.
// Methods and Trainer (used by Pipeline), Parallel (used by Methods and Engine) and SeededRandom
// are pure libraries.
/// Linker flags of a release `mixspec` with the Swift runtime and Foundation linked in (Linux; the
/// toolchain's `usr/lib/swift_static`).
let staticRuntime = [
    "-static-stdlib", "-lFoundation", "-lCoreFoundation", "-lFoundationInternationalization", "-lFoundationEssentials",
    "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization",
]

let package = Package(
    name: "mixspec",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mixspec", targets: ["mixspec"]),
        .library(name: "SpecModel", targets: ["SpecModel"]),
        .library(name: "Methods", targets: ["Methods"]),
        .library(name: "Trainer", targets: ["Trainer"]),
        .library(name: "ContentStore", targets: ["ContentStore"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Launchers", targets: ["Launchers"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Review", targets: ["Review"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            path: "Sources/CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "SpecSyntax", dependencies: ["CYAML"]),
        // Bounded reads of regular files only (no FIFOs, devices or followed links), for everything
        // mixspec reads from a trainer's {out}, its store and spec bases.
        .target(name: "SafeFiles"),
        .target(name: "SpecModel", dependencies: ["SpecSyntax", "SafeFiles"]),
        // The front end's seeded fuzz driver, shared by SpecModelTests and `mixspec-bench fuzz`.
        .target(name: "SpecFuzz", dependencies: ["SpecModel", "SpecSyntax", "SeededRandom"]),
        // C kernel for batch tree prediction (AVX2 when the processor has it); see Methods/QuickScorer.swift.
        .target(name: "CQuickScorer"),
        // Seeded generators of our own, shared by the numerics.
        .target(name: "SeededRandom"),
        // Data parallelism over all cores, shared by the numerics and the planner.
        .target(name: "Parallel"),
        .target(name: "Methods", dependencies: ["CQuickScorer", "SeededRandom", "Parallel"]),
        .target(name: "Trainer", dependencies: ["SeededRandom"]),
        .target(name: "Compiler", dependencies: ["SpecModel"]),
        .target(
            name: "ContentStore",
            dependencies: ["Compiler", "SpecModel", "SafeFiles", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "Engine", dependencies: ["ContentStore", "Compiler", "SpecModel", "Parallel", "SafeFiles"]),
        .target(name: "Launchers", dependencies: ["Engine", "ContentStore", "Compiler", "SpecModel", "SafeFiles"]),
        .target(name: "Reporting", dependencies: ["SpecModel"]),
        .target(
            name: "Pipeline",
            dependencies: ["Engine", "Launchers", "ContentStore", "Reporting", "Compiler", "SpecModel", "SpecSyntax", "Methods", "Trainer", "SafeFiles"]
        ),
        .target(name: "Review", dependencies: ["Pipeline", "Engine", "ContentStore", "Reporting", "Compiler", "SpecModel"]),
        .executableTarget(
            name: "mixspec",
            dependencies: [
                "SpecSyntax", "SpecModel", "Compiler", "ContentStore", "Engine", "Launchers", "Pipeline", "Reporting", "Review", "SafeFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release binary links Swift's runtime and Foundation statically: a third less
            // start-up time (dynamic relocation of libFoundation and ICU), which is a fifth of a
            // no-op `plan` (Benchmarks, `mixspec-bench engine`). Foundation's static archive needs
            // its dependencies named, as the static module's autolink entries are not used here.
            linkerSettings: [.unsafeFlags(staticRuntime, .when(platforms: [.linux], configuration: .release))]
        ),
        .executableTarget(
            name: "mixspec-bench",
            dependencies: ["SpecSyntax", "SpecModel", "SpecFuzz", "Methods", "Trainer", "Compiler", "ContentStore", "Engine", "Launchers", "Pipeline", "Review"],
            path: "Benchmarks",
            exclude: ["lightgbm_side.py", "regmix_swarm_side.py", "mixinglaws_side.py"]
        ),
        // Helpers for the test targets only: golden files and repository paths, scratch folders.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Stores, hand-built graphs and executors for the engine's tests, and the fixture scripts.
        .target(
            name: "EngineTestSupport",
            dependencies: ["Engine", "ContentStore", "Compiler", "SpecModel", "TestSupport"],
            path: "Tests/EngineTestSupport",
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "SpecSyntaxTests", dependencies: ["SpecSyntax"]),
        .testTarget(name: "SpecModelTests", dependencies: ["SpecModel", "SpecSyntax", "SpecFuzz", "SeededRandom", "TestSupport"]),
        .testTarget(name: "MethodsTests", dependencies: ["Methods", "SeededRandom", "TestSupport"]),
        .testTarget(name: "TrainerTests", dependencies: ["SpecModel", "Trainer", "SeededRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "CompilerTests", dependencies: ["Compiler", "SpecModel"]),
        .testTarget(name: "ContentStoreTests", dependencies: ["ContentStore", "Compiler", "SpecModel", "SafeFiles", "TestSupport"]),
        // Browser/check_report.py is run from the repository by path (the browser test).
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "SeededRandom", "TestSupport"], exclude: ["Browser"]),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "ContentStore", "Compiler", "SpecModel", "EngineTestSupport", "TestSupport"]
        ),
        .testTarget(
            name: "LaunchersTests",
            dependencies: ["Launchers", "Engine", "ContentStore", "Compiler", "SpecModel", "EngineTestSupport", "TestSupport"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["mixspec", "Pipeline", "Review", "Reporting", "Compiler", "SpecModel", "SpecSyntax", "TestSupport"]
        ),
    ]
)

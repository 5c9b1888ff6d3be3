// swift-tools-version:6.0
import PackageDescription

// Direction of dependencies (DESIGN.md §4):
// CYAML ◄─ SpecSyntax ◄─ SpecModel ◄─ Compiler ◄─ Engine ◄─ mixspec
// Methods and Trainer are pure libraries used by Compiler / Engine.
let package = Package(
    name: "mixspec",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mixspec", targets: ["mixspec"]),
        .library(name: "SpecModel", targets: ["SpecModel"]),
        .library(name: "Methods", targets: ["Methods"]),
        .library(name: "Trainer", targets: ["Trainer"]),
        .library(name: "Engine", targets: ["Engine"]),
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
        .target(name: "SpecModel", dependencies: ["SpecSyntax"]),
        // The front end's seeded fuzz driver, shared by SpecModelTests and `mixspec-bench fuzz`.
        .target(name: "SpecFuzz", dependencies: ["SpecModel", "SpecSyntax", "SeededRandom"]),
        // C kernel for batch tree prediction (AVX2 when the processor has it); see Methods/QuickScorer.swift.
        .target(name: "CQuickScorer"),
        // Seeded generators of our own, shared by the numerics.
        .target(name: "SeededRandom"),
        .target(name: "Methods", dependencies: ["CQuickScorer", "SeededRandom"]),
        .target(name: "Trainer", dependencies: ["SeededRandom"]),
        .target(name: "Compiler", dependencies: ["SpecModel", "Methods"]),
        .target(
            name: "Engine",
            dependencies: [
                "Compiler", "Methods", "Trainer", "SpecModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "mixspec",
            dependencies: [
                "SpecSyntax", "SpecModel", "Compiler", "Engine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "mixspec-bench",
            dependencies: ["SpecSyntax", "SpecModel", "SpecFuzz", "Methods", "Trainer", "Compiler", "Engine"],
            path: "Benchmarks",
            exclude: ["lightgbm_side.py"]
        ),
        .testTarget(name: "SpecSyntaxTests", dependencies: ["SpecSyntax"]),
        .testTarget(name: "SpecModelTests", dependencies: ["SpecModel", "SpecSyntax", "SpecFuzz", "SeededRandom"]),
        .testTarget(name: "MethodsTests", dependencies: ["Methods", "SeededRandom"]),
        .testTarget(name: "TrainerTests", dependencies: ["Trainer", "SeededRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "CompilerTests", dependencies: ["Compiler", "SpecModel"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Compiler", "SpecModel", "SeededRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["mixspec", "Engine", "Compiler", "SpecModel", "SpecSyntax"]),
    ]
)

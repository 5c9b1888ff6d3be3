import Foundation
@testable import Trainer

/// Absolute path of this test target's fixture folder.
func fixtures(_ file: StaticString = #filePath) -> String {
    URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Fixtures").path
}

/// A fresh temporary directory holding the given files (name → bytes).
func temporaryDirectory(with files: [String: [UInt8]]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trainer-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, bytes) in files {
        try Data(bytes).write(to: dir.appendingPathComponent(name))
    }
    return dir.path
}

/// Small synthetic corpora for fast training tests in debug builds.
func smallCorpora(seeds: [UInt64] = [1, 2], bytes: Int = 30_000) throws -> [DomainCorpus] {
    try seeds.map { try DomainLoader.load(name: "s\($0)", source: .synthetic(seed: $0, bytes: bytes), baseDirectory: "/") }
}

/// A tiny configuration: ~3.6k parameters, context 4.
func tinyConfiguration(tokens: Int64, seed: UInt64 = 1) -> TrainerConfiguration {
    TrainerConfiguration(size: 2000, tokens: tokens, seed: seed, context: 4, batchSize: 32,
                         learningRate: 0.02, validationTokens: 256, checkpoints: 3)
}

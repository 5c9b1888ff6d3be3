import Testing
@testable import Trainer

@Suite struct SyntheticTextTests {
    @Test func sameSeedSameText() {
        let a = SyntheticText.generate(seed: 7, byteCount: 20_000)
        let b = SyntheticText.generate(seed: 7, byteCount: 20_000)
        #expect(a.stream == b.stream)
        #expect(a.stream.count == 20_000)
        #expect(a.stream != SyntheticText.generate(seed: 8, byteCount: 20_000).stream)
    }

    @Test func textIsValidUTF8WithDocumentsAndSharedWords() {
        let a = SyntheticText.generate(seed: 3, byteCount: 50_000)
        #expect(a.stream.withUnsafeBufferPointer(firstInvalidUTF8(in:)) == nil)
        #expect(a.documentCount > 1)
        // Domains overlap: both use words of the shared lexicon.
        let b = SyntheticText.generate(seed: 4, byteCount: 50_000)
        func words(_ s: [UInt8]) -> Set<[UInt8]> {
            Set(s.split(whereSeparator: { $0 == 0x20 || $0 == 0x2E || $0 == 0x0A || $0 == 0 }).map(Array.init))
        }
        let shared = words(a.stream).intersection(words(b.stream))
        #expect(shared.count > 50)
    }

    @Test func profilesDifferBySeedAndDefaultSizeIsInRange() {
        let profiles = (1...20).map { SyntheticProfile(seed: $0) }
        #expect(Set(profiles.map(\.branching)).count > 3)
        #expect(profiles.allSatisfy { (256_000...2_000_000).contains($0.defaultBytes) })
        #expect(profiles.allSatisfy { (0...1).contains($0.noise) && $0.branching >= 1 })
    }

    @Test func loaderUsesTheSyntheticSource() throws {
        let corpus = try DomainLoader.load(name: "code", source: .synthetic(seed: 2, bytes: 10_000), baseDirectory: "/")
        #expect(corpus.tokenCount == 10_000)
        #expect(corpus.files.isEmpty)
    }
}

@Suite struct SyntheticSizeTests {
    @Test func oversizedOrTinySyntheticDomainsAreRejected() {
        #expect(throws: TrainerError.invalidConfiguration("domain 'big': synthetic size 1000000000000 bytes is outside 2…256000000")) {
            try DomainLoader.load(name: "big", source: .synthetic(seed: 1, bytes: 1_000_000_000_000), baseDirectory: "/")
        }
        #expect(throws: TrainerError.invalidConfiguration("domain 'big': synthetic size 1 bytes is outside 2…256000000")) {
            try DomainLoader.load(name: "big", source: .synthetic(seed: 1, bytes: 1), baseDirectory: "/")
        }
    }
}

import Testing
@testable import Trainer

@Suite struct DomainCorpusTests {
    @Test func splitKeepsEveryByteAndTakesEveryTwentiethBlock() throws {
        let stream = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let corpus = try DomainCorpus(name: "d", stream: stream)
        #expect(corpus.train.count + corpus.validation.count == stream.count)
        let share = Double(corpus.validation.count) / Double(stream.count)
        #expect(share > 0.045 && share <= 0.05)  // 12 of 245 blocks
        // Block 19 (bytes 19·4096 ..< 20·4096) is the first validation block.
        #expect(Array(corpus.validation.prefix(4096)) == Array(stream[(19 * 4096)..<(20 * 4096)]))
        #expect(try DomainCorpus(name: "d", stream: stream) == corpus)
    }

    @Test func tinyStreamsStillSplit() throws {
        let two = try DomainCorpus(name: "d", stream: [1, 2])
        #expect(two.train == [1] && two.validation == [2])
        let fifty = try DomainCorpus(name: "d", stream: Array(0..<50))
        #expect(fifty.validation == Array(38..<40))  // blocks of 2 bytes, block 19 is validation
        #expect(fifty.train.count == 48)
    }

    @Test func oneByteIsTooSmall() {
        #expect(throws: TrainerError.domainTooSmall(domain: "d", bytes: 1, minimum: 2)) { try DomainCorpus(name: "d", stream: [7]) }
    }
}

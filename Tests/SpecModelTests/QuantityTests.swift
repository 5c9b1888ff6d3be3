import Testing
@testable import SpecModel

@Suite struct QuantityTests {
    @Test func suffixesArePowersOfAThousand() throws {
        #expect(try Quantity.parseInteger("40M").get() == 40_000_000)
        #expect(try Quantity.parseInteger("32k").get() == 32_000)
        #expect(try Quantity.parseInteger("32K").get() == 32_000)
        #expect(try Quantity.parseInteger("25B").get() == 25_000_000_000)
        #expect(try Quantity.parseInteger("1T").get() == 1_000_000_000_000)
        #expect(try Quantity.parseInteger("1.1M").get() == 1_100_000)
        #expect(try Quantity.parseInteger("1.5e3k").get() == 1_500_000)
    }

    @Test func scientificNotationAndPlainNumbers() throws {
        #expect(try Quantity.parse("2e-4").get() == 0.0002)
        #expect(try Quantity.parse("1.5e6").get() == 1_500_000)
        #expect(try Quantity.parse("0.5").get() == 0.5)
        #expect(try Quantity.parse(".5").get() == 0.5)
        #expect(try Quantity.parse("-3").get() == -3)
    }

    @Test func rejections() throws {
        #expect(Quantity.parse("4m") == .failure(.lowercaseSuffix("m")))
        #expect(Quantity.parse("4b") == .failure(.lowercaseSuffix("b")))
        #expect(Quantity.parseInteger("1.5") == .failure(.notWhole))
        #expect(Quantity.parseInteger("1e30") == .failure(.tooLarge))
        for bad in ["", "M", "0x10", "inf", "nan", "1e", "1..2", "1 k", "e5", "--1", "1e99999"] {
            #expect(throws: Quantity.Failure.self) { try Quantity.parse(bad).get() }
        }
    }
}

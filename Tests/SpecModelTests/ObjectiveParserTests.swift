import Testing
@testable import SpecModel

@Suite struct ObjectiveParserTests {
    @Test func precedenceAndAssociativity() throws {
        let e = try parseObjective("0.7 * loss.web + 0.3 * mean(loss.code, loss.wiki) - 1 / 2 / 4").get()
        #expect(e.canonicalText == "0.7 * loss.web + 0.3 * mean(loss.code, loss.wiki) - 1 / 2 / 4")
        #expect(e.metricNames == ["loss.code", "loss.web", "loss.wiki"])
        let sub = try parseObjective("a - (b - c)").get()
        #expect(sub == .binary(.subtract, .metric("a"), .binary(.subtract, .metric("b"), .metric("c"))))
        #expect(sub.canonicalText == "a - (b - c)")
        #expect(try parseObjective("-x * 2").get() == .binary(.multiply, .negate(.metric("x")), .number(2)))
    }

    @Test func literalMetricNamesAndFunctions() throws {
        let e = try parseObjective(#"max(metric("metric/the_pile_pile_cc_val_loss"), sum(pile_cc, 2e-3))"#).get()
        #expect(e.metricNames == ["metric/the_pile_pile_cc_val_loss", "pile_cc"])
        #expect(e.canonicalText == #"max(metric("metric/the_pile_pile_cc_val_loss"), sum(pile_cc, 0.002))"#)
        #expect(try parseObjective(#"metric("a\"b")"#).get() == .metric("a\"b"))
    }

    @Test func canonicalTextReparsesToTheSameTree() throws {
        for text in ["((a))", "-(a + b) * c", "a / (b * c)", "min(a, -b, 3) - -c", "1.5e10 * loss.x_1"] {
            let e = try parseObjective(text).get()
            #expect(try parseObjective(e.canonicalText).get() == e, "\(text)")
        }
    }

    @Test func errorsPointAtTheOffendingText() throws {
        func failure(_ t: String) -> ObjectiveSyntaxError? {
            if case .failure(let e) = parseObjective(t) { return e }
            return nil
        }
        #expect(failure("a + * b")?.offset == 4)
        #expect(failure("mean()")?.message == "mean() needs at least one argument")
        #expect(failure("median(a)")?.offset == 0)
        #expect(failure("median(a)")?.length == 6)
        #expect(failure("a b")?.offset == 2)
        #expect(failure("")?.message == "the objective expression is empty")
        #expect(failure("mean")?.message.contains("is a function") == true)
        #expect(failure("2k")?.offset == 1)
        #expect(failure(#"metric("x"#)?.message == "unterminated string")
        #expect(failure("a ? b")?.offset == 2)
        #expect(failure(String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200))?.message.contains("deeper") == true)
    }
}

import Foundation
import Testing
import SpecSyntax
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
    private func failure(_ t: String) -> ObjectiveSyntaxError? {
        if case .failure(let e) = parseObjective(t) { return e }
        return nil
    }

    /// A chain is as deep as it is long: 256 terms parse, the 257th is refused at its operator,
    /// for every operator, before any deeper tree exists.
    @Test func operatorChainsAreBoundedInDepth() throws {
        for op in ["+", "-", "*", "/"] {
            let ok = Array(repeating: "loss.web", count: ObjectiveLimits.maxDepth).joined(separator: " \(op) ")
            let e = try parseObjective(ok).get()
            #expect(e.metricNames == ["loss.web"])
            #expect(try parseObjective(e.canonicalText).get() == e)
            let long = ok + " \(op) loss.web"
            let error = try #require(failure(long), "\(op)")
            #expect(error.message.contains("more than 256 levels deep"), "\(error.message)")
            #expect(error.offset == ok.unicodeScalars.count + 1, "the operator that crossed the bound")
        }
        // Chains inside parentheses add up; so do unary minus and calls.
        let nested = "(" + Array(repeating: "a", count: 200).joined(separator: " + ") + ") * (" + Array(repeating: "b", count: 100).joined(separator: " * ") + ")"
        #expect(try parseObjective(nested).get().metricNames == ["a", "b"])
        let call = "mean(" + Array(repeating: "b", count: 255).joined(separator: " * ") + ")"
        #expect(try parseObjective(call).get().metricNames == ["b"])
        #expect(failure("-" + call)?.message.contains("levels deep") == true)
        #expect(failure("-" + call)?.offset == 0)
    }

    @Test func nodeCountAndTextSizeAreBounded() throws {
        let wide = "mean(" + Array(repeating: "a", count: ObjectiveLimits.maxNodes - 1).joined(separator: ", ") + ")"
        #expect(try parseObjective(wide).get() != .number(0))
        let tooWide = "mean(" + Array(repeating: "a", count: ObjectiveLimits.maxNodes).joined(separator: ", ") + ")"
        #expect(failure(tooWide)?.message.contains("more than 10000 parts") == true)
        let padded = "a" + String(repeating: " ", count: ObjectiveLimits.maxBytes - 1)
        #expect(try parseObjective(padded).get() == .metric("a"))
        let tooLong = try #require(failure(padded + " "))
        #expect(tooLong.offset == 0 && tooLong.message.contains("65537 bytes long; the limit is 65536 bytes"))
        // 87,421 chained terms (0.96 MB) are refused by size without being lexed.
        let chain = Array(repeating: "loss.web", count: 87_421).joined(separator: " + ")
        #expect(failure(chain)?.message.contains("bytes long") == true)
    }

    /// The largest tree the bounds allow (256 levels, 10,000 nodes) is built, walked and freed
    /// on a thread with a 512 KiB stack (the smallest a secondary thread gets by default on
    /// macOS): recursion over it, Swift's release of the indirect enum included, stays shallow.
    @Test func theLargestAllowedTreeIsWalkedAndFreedOnASmallStack() throws {
        let chainTerms = ObjectiveLimits.maxDepth - 2        // the chain's operators add 254 levels
        let arguments = ObjectiveLimits.maxNodes - 1 - 2 * chainTerms
        let text = "mean(" + Array(repeating: "a", count: arguments).joined(separator: ", ") + ")"
            + String(repeating: " + b", count: chainTerms)
        #expect(text.utf8.count <= ObjectiveLimits.maxBytes)
        let outcome = Locked<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let clock = ContinuousClock()
            let start = clock.now
            var tree: ObjectiveExpression? = try? parseObjective(text).get()
            let canonical = tree?.canonicalText
            let names = tree?.metricNames
            let equal = tree.map { $0 == (try? parseObjective(canonical ?? "").get()) }
            tree = nil  // freed here, on this thread
            outcome.value = "\(canonical?.utf8.count ?? -1) \(names ?? []) \(equal ?? false) in \(clock.now - start)"
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        let result = try #require(outcome.value)
        print("largest allowed objective tree (\(ObjectiveLimits.maxNodes) nodes, \(ObjectiveLimits.maxDepth) levels): \(result)")
        #expect(result.hasPrefix("\(text.utf8.count) [\"a\", \"b\"] true"))
        // One more node or one more level is refused.
        #expect(failure(text + " + b") != nil)
        #expect(failure(text.replacingOccurrences(of: "mean(a,", with: "mean(a, a,")) != nil)
    }
}

/// A value shared with another thread under a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

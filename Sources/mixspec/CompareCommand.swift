import ArgumentParser
import Foundation
import Reporting
import Review

/// `mixspec compare SPEC_A SPEC_B`: two finished runs side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the results of two specs that have run: found mixtures, cross-validation, verify tables.",
        discussion: """
        Both specs must have run as they stand (their report task cached in their stores); nothing is \
        run. Exit status: 0 success, 1 invalid spec or a spec not run yet, 64 usage error.
        """
    )

    @Argument(help: "The first spec (A).")
    var specA: String

    @Argument(help: "The second spec (B).")
    var specB: String

    @Option(name: .long, help: ArgumentHelp("The store of both specs (default: $MIXSPEC_STORE, else .mixspec/ beside each).", valueName: "DIR"))
    var store: String?

    @Flag(name: .long, help: "Print the comparison as JSON.")
    var json = false

    @Flag(name: .long, help: "Print Markdown tables for a pull-request comment.")
    var markdown = false

    func validate() throws {
        if json && markdown { throw ValidationError("choose one of --json and --markdown") }
    }

    func run() throws {
        let a = try summary(specA), b = try summary(specB)
        let comparison = RunComparison(a: a, b: b)
        if json {
            do { printOut(try ComparisonRender.json(comparison)) } catch { throw fail("\(error)") }
        } else if markdown {
            printOut(ComparisonRender.markdown(comparison))
        } else {
            printOut(ComparisonRender.text(comparison, color: isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
        }
    }

    private func summary(_ path: String) throws -> RunSummary {
        let session = try SpecOptions.parse([path] + (store.map { ["--store", $0] } ?? [])).open()
        do { return try session.storedSummary() } catch { throw fail("\(path): \(error)") }
    }
}

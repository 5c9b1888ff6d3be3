import ArgumentParser
import Foundation
import Pipeline
import Reporting

/// `mixspec model SPEC`: the fitted model of the chosen (or a named) regressor, from stored results.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the fitted model of a finished run: slopes with intervals, mixing-law parameters or gbdt gain.",
        discussion: """
        Shows, per target metric, what the regressor learned: linear slopes with 95% bootstrap \
        intervals, the mixing law's c, k and t, or gbdt's split-gain share and partial dependence per \
        domain. Default: the regressor the search used; --regressor names any other the spec lists. \
        Reads stored results only: the spec must have run as it stands. Exit status: 0 success, \
        1 invalid spec, results not stored or an unknown regressor, 64 usage error.
        """
    )

    @OptionGroup var options: SpecOptions

    @Option(name: .long, help: ArgumentHelp("linear | gbdt | mixing-law (default: the regressor the search chose).", valueName: "NAME"))
    var regressor: String?

    @Flag(name: .long, help: "Print JSON on stdout.")
    var json = false

    func run() throws {
        let session = try options.open()
        do {
            let stored = try session.storedModel(regressor: regressor)
            if json {
                printOut(try FittedModelRender.json(stored.summary, chosen: stored.chosen))
            } else {
                printOut(FittedModelRender.text(stored.summary, domains: stored.domains, chosen: stored.chosen,
                                                color: isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
            }
        } catch {
            throw fail("\(options.spec): \(error)")
        }
    }
}

import ArgumentParser
import Foundation
import Pipeline
import Review
import SpecModel
import SpecSyntax

/// `mixspec diff A.yaml B.yaml` | `diff REV -- SPEC` | `diff REV1 REV2 -- SPEC`: what an edit means
/// for the resolved spec and what its rerun costs.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two resolved specs: changed fields (old → new), tasks added / removed / invalidated, rerun cost.",
        discussion: """
        Forms: `diff OLD.yaml NEW.yaml`; `diff REV -- SPEC` (SPEC at git revision REV vs the working \
        tree); `diff REV1 REV2 -- SPEC`. Specs are compared after resolution (defaults filled in, units \
        normalised, `extends` merged), so reformatting or `1M` vs `1000000` is no change. The cost is \
        ≈ 6 · parameters · tokens summed over the training tasks that must run; tasks whose results \
        are already in the new spec's store cost nothing. Data files are read from the working tree \
        for both sides. Exit status: 0 whether or not there are differences, 1 when a spec is invalid \
        or cannot be read from git, 64 on usage errors.
        """
    )

    @Argument(help: ArgumentHelp("The old spec file, or a git revision before `-- SPEC`.", valueName: "OLD | REV"))
    var first: String

    @Argument(help: ArgumentHelp("The new spec file, or a second git revision before `-- SPEC`.", valueName: "NEW | REV2"))
    var second: String?

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The spec file, after `--`, when comparing git revisions.", valueName: "SPEC"))
    var specAfterTerminator: [String] = []

    @Option(name: .long, help: ArgumentHelp("The store of the new spec (default: $MIXSPEC_STORE, else .mixspec/ beside it).", valueName: "DIR"))
    var store: String?

    @Flag(name: .long, help: "Print JSON (every task list in full) instead of text.")
    var json = false

    @Flag(name: .long, help: "Print Markdown for a pull-request comment.")
    var markdown = false

    func validate() throws {
        if json && markdown { throw ValidationError("choose one of --json and --markdown") }
        _ = try sides()
    }

    /// The two sides from the operands.
    func sides() throws -> (old: SpecSource, new: SpecSource) {
        let operands = [first] + (second.map { [$0] } ?? [])
        switch (operands.count, specAfterTerminator.count) {
        case (2, 0):
            return (.file(operands[0]), .file(operands[1]))
        case (1, 1):
            return (.revision(operands[0], path: specAfterTerminator[0]), .file(specAfterTerminator[0]))
        case (2, 1):
            return (.revision(operands[0], path: specAfterTerminator[0]), .revision(operands[1], path: specAfterTerminator[0]))
        case (_, 0):
            throw ValidationError("give two spec files (diff OLD.yaml NEW.yaml) or revisions and a spec (diff REV [REV2] -- SPEC)")
        case (_, 1):
            throw ValidationError("give one or two git revisions before `-- \(specAfterTerminator[0])`")
        default:
            throw ValidationError("give exactly one spec file after `--`")
        }
    }

    func run() throws {
        let (oldSource, newSource) = try sides()
        let old = try open(oldSource), new = try open(newSource)
        let diff = SpecDiff.between(old: old, new: new, oldSource: oldSource, newSource: newSource)
        if json {
            printOut(SpecDiffJSON.render(diff))
        } else if markdown {
            printOut(SpecDiffMarkdown.render(diff))
        } else {
            printOut(SpecDiffText.render(diff, color: isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
        }
    }

    /// Loads one side (diagnostics on stderr; exit 1 when invalid) and compiles it against the new side's store.
    private func open(_ source: SpecSource) throws -> SpecSession {
        let loaded: LoadedSpec
        do { loaded = try source.load() } catch { throw fail("\(error)") }
        DiagnosticsOutput.printText(loaded)
        guard let spec = loaded.spec else { throw ExitCode(1) }
        do {
            return try SpecSession(spec: spec, storeOverride: store, warn: EngineMessages.warning)
        } catch let error as DomainDataError {
            throw fail("\(source.label): domain '\(error.domain)': \(error.message)")
        }
    }
}

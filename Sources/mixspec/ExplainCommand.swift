import ArgumentParser
import Compiler
import Engine

/// `mixspec explain SPEC TASK`: why a task will (or will not) rerun.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why a task will rerun: which parameter, input file or upstream task changed (old → new).",
        discussion: "TASK is a task id as `plan` prints it, e.g. train/small/0007/s0, fit/gbdt or search."
    )

    @OptionGroup var options: SpecOptions

    @Argument(help: "The task id.")
    var task: String

    func run() throws {
        let session = try options.open()
        guard let explanation = session.explain(try requireTask(task, in: session, spec: options.spec)) else {
            throw fail("cannot explain '\(task)'")
        }
        printOut(explanation.lines.joined(separator: "\n") + "\n")
    }
}

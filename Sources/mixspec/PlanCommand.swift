import ArgumentParser
import Compiler
import Engine
import Reporting
import SpecModel

/// `mixspec plan SPEC`: every task with its state (cached / stale / new) and the reason.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what `run` would do: every task with its state and the reason.",
        discussion: """
        States: cached (its result is in the store and will be reused), stale (a result exists for \
        this task id but a parameter, an input file or an upstream task changed), new (never run).
        Nothing is executed and the store is not modified.
        """
    )

    @OptionGroup var options: SpecOptions

    @Flag(name: .long, help: "Print the plan as JSON: {\"tasks\": [{id, kind, state, reason}], \"counts\": {…}}.")
    var json = false

    @Flag(name: .long, help: "List only tasks that will run (stale or new).")
    var changed = false

    @Flag(name: .long, help: "Re-hash every cached output, even those whose files are unchanged since they last verified.")
    var verify = false

    func run() throws {
        let session = try options.open()
        let plan = session.plan(verify: verify)
        ExitKeepsAlive.keep((session, plan))
        if json {
            var text = plan.prettyJSON
            text += "\n"
            printOut(text)
            return
        }
        var out = ""
        let width = plan.entries.map(\.id.rawValue.count).max() ?? 0
        for e in plan.entries where !changed || e.state != .cached {
            out += TerminalText.padded(e.state.rawValue, to: 7) + "  "
                + TerminalText.padded(e.id.rawValue, to: width) + "  " + e.reason + "\n"
        }
        out += "\(plan.entries.count) tasks: \(plan.count(.cached)) cached, \(plan.count(.stale)) stale, \(plan.count(.new)) new\n"
        printOut(out)
    }
}

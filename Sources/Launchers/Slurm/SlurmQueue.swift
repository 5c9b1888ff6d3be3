// What Slurm says about jobs without an accounting database: `squeue -t all` lists pending,
// running and recently ended jobs (for MinJobAge after the end) with their state; `sacct` is asked
// only where accounting exists. Parsing and the meaning of states are pure.
import Foundation

/// A job's state as `squeue` reports it.
public struct SlurmJobState: Sendable, Equatable {
    /// Slurm's state word (PENDING, RUNNING, COMPLETED, TIMEOUT, OUT_OF_MEMORY, …).
    public var state: String
    /// Slurm's reason (`%r`): why it pends, or why it ended ("None" when there is none).
    public var reason: String

    public init(state: String, reason: String) { self.state = state; self.reason = reason }

    /// Still queued or running: its exit-code file may yet appear.
    public var isActive: Bool { SlurmQueue.activeStates.contains(state) }
    /// Ended for a reason that is not the command's: submitting it again may succeed.
    public var isRetriable: Bool { SlurmQueue.retriableStates.contains(state) }
}

/// `squeue` / `sacct` queries and their parsing.
public enum SlurmQueue {
    /// `squeue` output format: array job id, array index (N/A for a lone job), state, reason.
    public static let format = "%F|%K|%T|%r"

    static let activeStates: Set<String> = [
        "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING",
        "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "RESV_DEL_HOLD",
    ]
    static let retriableStates: Set<String> = ["PREEMPTED", "NODE_FAIL", "BOOT_FAIL"]
    /// Ends Slurm imposes on a job from outside its command.
    static let slurmEndedStates: Set<String> = [
        "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "PREEMPTED", "NODE_FAIL", "BOOT_FAIL", "DEADLINE",
    ]

    /// Whether `state` is an end Slurm imposed (scancel, a limit, a lost node), not the command's own.
    public static func endedBySlurm(_ state: String) -> Bool { slurmEndedStates.contains(state) }

    /// `squeue` arguments listing every element of the jobs named `names`, ended ones included.
    public static func arguments(names: [String]) -> [String] {
        ["-h", "-r", "-t", "all", "--name=" + names.joined(separator: ","), "-o", format]
    }

    /// Parses `squeue -o "%F|%K|%T|%r"` output into states by job (`123_4`, or `123` alone).
    /// Lines that do not parse are ignored (a site's squeue may print notices).
    public static func parse(_ output: String) -> [String: SlurmJobState] {
        var states: [String: SlurmJobState] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count >= 4, !fields[0].isEmpty, fields[0].allSatisfy(\.isNumber), !fields[2].isEmpty else { continue }
            let index = fields[1]
            let job = index.isEmpty || index == "N/A" ? fields[0] : fields[0] + "_" + index
            states[job] = SlurmJobState(state: fields[2], reason: fields[3...].joined(separator: "|"))
        }
        return states
    }

    /// Parses `sacct -n -P -X -o State,Reason` output: the first line's state (`CANCELLED by 0`
    /// becomes CANCELLED), or nil.
    public static func parseAccounting(_ output: String) -> SlurmJobState? {
        guard let line = output.split(separator: "\n").first else { return nil }
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard let word = fields.first?.split(separator: " ").first, word.allSatisfy({ $0.isUppercase || $0 == "_" }) else { return nil }
        return SlurmJobState(state: String(word), reason: fields.count > 1 ? fields[1] : "None")
    }

    /// Words for a state that ended a job without an exit code from its command.
    public static func explain(_ state: String) -> String {
        switch state {
        case "OUT_OF_MEMORY": return "ran out of memory"
        case "TIMEOUT": return "reached its time limit"
        case "NODE_FAIL": return "lost its node"
        case "PREEMPTED": return "was preempted"
        case "BOOT_FAIL": return "could not boot its node"
        case "CANCELLED": return "was cancelled outside mixspec"
        case "DEADLINE": return "missed its deadline"
        case "FAILED": return "failed before its command finished"
        default: return "ended"
        }
    }
}

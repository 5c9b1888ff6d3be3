// Hooks through which a run reports progress (the progress printer, tests).
import Compiler

/// Receives run events; called from the scheduler, possibly from several threads.
public protocol RunObserver: Sendable {
    func runStarted(total: Int, jobs: Int)
    func taskStarted(_ id: TaskID)
    func taskFinished(_ result: TaskResult)
    func runFinished(_ report: RunReport)
}

/// An observer that ignores everything.
public struct SilentObserver: RunObserver {
    public init() {}
    public func runStarted(total: Int, jobs: Int) {}
    public func taskStarted(_ id: TaskID) {}
    public func taskFinished(_ result: TaskResult) {}
    public func runFinished(_ report: RunReport) {}
}

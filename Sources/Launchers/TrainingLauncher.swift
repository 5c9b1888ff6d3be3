// How a training command is launched: the protocol a pipeline executor calls, so that where a run
// happens (this machine, a Slurm cluster) is a choice of launcher, never part of a task's key.
import Engine
import Foundation

/// One training to launch: the argv template and the values of its placeholders.
public struct LaunchRequest: Sendable {
    /// The argv template (`{mixture}`, `{out}`, … placeholders).
    public var argv: [String]
    /// Mixture weights by domain, in domain order.
    public var weights: [(String, Double)]
    public var modelName: String
    public var modelSize: Int64
    public var tokens: Int64
    public var seed: Int
    /// The run id (`{run}`, `MIXSPEC_RUN`).
    public var runID: String
    /// Where the command runs (the spec's folder).
    public var workingDirectory: String
    /// The task kind (`train`, `verify`): a cluster launcher submits each kind's ready tasks together.
    public var kind: String

    public init(argv: [String], weights: [(String, Double)], modelName: String, modelSize: Int64, tokens: Int64,
                seed: Int, runID: String, workingDirectory: String, kind: String = "train") {
        self.argv = argv; self.weights = weights; self.modelName = modelName; self.modelSize = modelSize
        self.tokens = tokens; self.seed = seed; self.runID = runID; self.workingDirectory = workingDirectory
        self.kind = kind
    }
}

/// Launches a training command and returns the metrics it reported; throws with the reason (and
/// log tail) when it fails; honours cancellation.
public protocol TrainingLauncher: Sendable {
    func launch(_ request: LaunchRequest, context: TaskContext) async throws -> TrainMetrics

    /// True when launches run on other machines and only wait here (a cluster): the scheduler then
    /// starts every ready training at once instead of `--jobs` at a time, so they can be batched.
    var runsElsewhere: Bool { get }
}

extension TrainingLauncher {
    public var runsElsewhere: Bool { false }
}

/// Runs the command as a child process of this machine (DESIGN.md §6, `command`).
public struct LocalLauncher: TrainingLauncher {
    public init() {}

    public func launch(_ request: LaunchRequest, context: TaskContext) async throws -> TrainMetrics {
        try await CommandTrainer.run(argv: request.argv, weights: request.weights, model: (request.modelName, request.modelSize),
                                     tokens: request.tokens, seed: request.seed, runID: request.runID,
                                     workingDirectory: request.workingDirectory, context: context)
    }
}

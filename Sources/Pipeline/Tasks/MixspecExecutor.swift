// The mixspec pipeline's executor: decodes each task's typed parameters and hands them, with the
// task's upstream outputs (in the order the parameter type documents) and its declared input files,
// to the function of its kind. Nothing else reaches a kind: no spec, no compiled tables, no task ids.
import Compiler
import ContentStore
import Engine
import Foundation
import Launchers
import SpecModel

/// Executes the tasks of mixspec graphs.
public struct MixspecExecutor: TaskExecutor {
    /// Computes, in process, what a training command would report: final metrics for (weights by
    /// domain, model, seed). Fills a store fast (benchmarks); the records it produces are keyed
    /// exactly like the command's, so a later run finds them cached.
    public typealias CommandStandIn = @Sendable (_ weights: [(String, Double)], _ model: ModelSettings, _ seed: Int) throws -> [String: Double]

    /// The spec's folder: a command trainer runs there and relative data globs resolve against it.
    /// It is where inputs live, not what they are: their content is in the keys.
    public let workingDirectory: String
    private let corpora: CorpusCache
    private let commandStandIn: CommandStandIn?
    private let launcher: any TrainingLauncher

    /// An executor for tasks of specs in `workingDirectory`. A command trainer's runs go through
    /// `launcher`; with `commandStandIn` they call it instead of launching anything.
    public init(workingDirectory: String, launcher: any TrainingLauncher = LocalLauncher(),
                commandStandIn: CommandStandIn? = nil) {
        self.workingDirectory = workingDirectory
        self.corpora = CorpusCache(baseDirectory: workingDirectory)
        self.launcher = launcher
        self.commandStandIn = commandStandIn
    }

    public func describe(_ task: TaskNode) -> String {
        let trainer: TrainerSettings?
        switch task.kind {
        case .train: trainer = (try? TrainParameters.decode(task))?.proxies.trainer
        case .verify: trainer = (try? VerifyParameters.decode(task))?.verify.trainer
        default: trainer = nil
        }
        switch trainer {
        case .command(let argv)?: return argv.joined(separator: " ")
        case .builtin?: return "builtin trainer"
        case nil: return "mixspec \(task.kind.rawValue)"
        }
    }

    /// Trainings through a command go to the launcher, which may run them on a cluster.
    public func runsElsewhere(_ task: TaskNode) -> Bool {
        guard launcher.runsElsewhere, commandStandIn == nil else { return false }
        switch task.kind {
        case .train: if case .command? = (try? TrainParameters.decode(task))?.proxies.trainer { return true }
        case .verify: if case .command? = (try? VerifyParameters.decode(task))?.verify.trainer { return true }
        default: break
        }
        return false
    }

    public func execute(_ task: TaskNode, inputs: [TaskID: Data], context: TaskContext) async throws -> Data {
        let upstream = try task.inputs.map { id -> Data in
            guard let data = inputs[id] else { throw EngineError.taskFailed("missing input \(id)") }
            return data
        }
        let files = Dictionary(task.fileInputs.map { ($0.name, $0.path) }, uniquingKeysWith: { a, _ in a })
        let training = Training(workingDirectory: workingDirectory, corpora: corpora, commandStandIn: commandStandIn,
                                launcher: launcher, context: context)
        do {
            switch task.kind {
            case .sample: return try PayloadCoding.encode(SampleTask.run(try SampleParameters.decode(task)))
            case .train: return try PayloadCoding.encode(await training.train(try TrainParameters.decode(task)))
            case .verify: return try PayloadCoding.encode(await training.verify(try VerifyParameters.decode(task), upstream))
            case .importResults:
                return try PayloadCoding.encode(ImportTask.run(try ImportParameters.decode(task), files: files, warn: context.warn))
            case .stepLaw: return try PayloadCoding.encode(StepLawTask.run(try StepLawParameters.decode(task), upstream))
            case .sizeLaw: return try PayloadCoding.encode(SizeLawTask.run(try SizeLawParameters.decode(task), upstream))
            case .scalingSummary:
                return try PayloadCoding.encode(ScalingSummaryTask.run(try ScalingSummaryParameters.decode(task), upstream))
            case .collect: return try PayloadCoding.encode(CollectTask.run(try CollectParameters.decode(task), upstream))
            case .fit: return try PayloadCoding.encode(RegressionTasks.fit(try FitParameters.decode(task), upstream))
            case .crossValidate:
                return try PayloadCoding.encode(RegressionTasks.crossValidate(try CrossValidateParameters.decode(task), upstream))
            case .search: return try PayloadCoding.encode(SearchTask.run(try SearchParameters.decode(task), upstream, log: context.log))
            case .report: return try ReportTask.run(try ReportParameters.decode(task), upstream).jsonData()
            }
        } catch let error as ParameterError {
            throw EngineError.taskFailed(error.description)
        }
    }
}

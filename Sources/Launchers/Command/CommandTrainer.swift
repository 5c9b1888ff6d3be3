// The `command` trainer (DESIGN.md §6): fills the argv template, writes the mixture file, runs the
// command in the spec's folder with its output in the task log, and reads `{out}/metrics.json`.
import ContentStore
import Engine
import Foundation
import SafeFiles
import SpecModel

/// Runs a user training command for one proxy run.
public enum CommandTrainer {
    /// The placeholders an argv template may use.
    public static let placeholders = ["{mixture}", "{out}", "{model.name}", "{model.size}", "{tokens}", "{seed}", "{run}"]

    /// Runs the command for one proxy training and returns its metrics. The command sees the
    /// caller's environment plus `MIXSPEC_RUN`, `MIXSPEC_MIXTURE`, `MIXSPEC_OUT`,
    /// `MIXSPEC_MODEL_NAME`, `MIXSPEC_MODEL_SIZE`, `MIXSPEC_TOKENS`, `MIXSPEC_SEED`.
    /// Throws with a located message on a non-zero exit or a missing or malformed metrics file.
    public static func run(argv template: [String], weights: [(String, Double)], model: (name: String, size: Int64),
                           tokens: Int64, seed: Int, runID: String, workingDirectory: String,
                           context: TaskContext, environment: [String: String] = ProcessInfo.processInfo.environment,
                           gracePeriod: Double = 5) async throws -> TrainMetrics {
        guard !template.isEmpty else { throw EngineError.taskFailed("the trainer command is empty") }
        try context.checkCancellation()
        let mixturePath = context.scratchDirectory + "/mixture.json"
        let outPath = context.scratchDirectory + "/out"
        try AtomicFile.makeDirectory(outPath)
        try AtomicFile.write(Data(mixtureJSON(weights).utf8), to: mixturePath, durable: false)
        let values: [String: String] = [
            "{mixture}": mixturePath, "{out}": outPath, "{model.name}": model.name, "{model.size}": String(model.size),
            "{tokens}": String(tokens), "{seed}": String(seed), "{run}": runID,
        ]
        let argv = substitute(template, values)
        var env = environment
        env["MIXSPEC_RUN"] = runID
        env["MIXSPEC_MIXTURE"] = mixturePath
        env["MIXSPEC_OUT"] = outPath
        env["MIXSPEC_MODEL_NAME"] = model.name
        env["MIXSPEC_MODEL_SIZE"] = String(model.size)
        env["MIXSPEC_TOKENS"] = String(tokens)
        env["MIXSPEC_SEED"] = String(seed)
        context.log.write("mixspec: running in \(workingDirectory): \(argv.map(shellQuoted).joined(separator: " "))")
        let status = try await ChildProcess.run(argv: argv, environment: env, workingDirectory: workingDirectory,
                                                outputFD: context.log.fileDescriptor, gracePeriod: gracePeriod)
        try context.checkCancellation()
        guard status == .exited(0) else { throw EngineError.taskFailed("train command \(status)") }
        return try readMetrics(outPath: outPath, runID: runID)
    }

    /// Reads `{out}/metrics.json` as the trainer left it: `{out}` must still be the real folder
    /// mixspec made, and the file a regular file (a FIFO, device or symbolic link is refused without
    /// blocking) of at most `ReadLimits.metricsFile` bytes; `TrainMetrics.parse` bounds its counts.
    static func readMetrics(outPath: String, runID: String) throws -> TrainMetrics {
        let source = "{out}/metrics.json of run \(runID)"
        guard BoundedFile.isRealDirectory(outPath) else {
            let kind = BoundedFile.kind(at: outPath) ?? "missing"
            throw EngineError.taskFailed("the trainer replaced {out} of run \(runID): it is \(kind), not the folder mixspec made")
        }
        let data: Data?
        do { data = try BoundedFile.read(outPath + "/metrics.json", limit: ReadLimits.metricsFile) } catch {
            throw EngineError.taskFailed("\(source): \(error.reasonText)")
        }
        guard let data else {
            throw EngineError.taskFailed("train command exited 0 but did not write {out}/metrics.json")
        }
        return try TrainMetrics.parse(data, source: source)
    }

    /// `{"weights": {domain: w}}` with domains in the given order.
    public static func mixtureJSON(_ weights: [(String, Double)]) -> String {
        var out = "{\"weights\": {"
        for (n, (domain, weight)) in weights.enumerated() {
            if n > 0 { out += ", " }
            CanonicalValue.writeString(domain, into: &out)
            out += ": " + CanonicalValue.number(weight).canonicalJSON
        }
        return out + "}}\n"
    }

    /// Replaces every known placeholder in every argument (`--out={out}` works).
    public static func substitute(_ template: [String], _ values: [String: String]) -> [String] {
        template.map { argument in
            guard argument.contains("{") else { return argument }
            var result = argument
            for (placeholder, value) in values where result.contains(placeholder) {
                result = result.replacingOccurrences(of: placeholder, with: value)
            }
            return result
        }
    }

    /// An argument quoted for display in logs.
    static func shellQuoted(_ argument: String) -> String {
        let safe = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return safe && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

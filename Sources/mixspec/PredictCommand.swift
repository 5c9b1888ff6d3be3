import ArgumentParser
import Engine
import Pipeline
import Foundation
import SpecModel

/// `mixspec predict SPEC --mixtures FILE.csv`: the objective the fitted regressor predicts.
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the objective for mixtures in a CSV with the fitted regressor (fitting first if needed).",
        discussion: """
        FILE.csv has a header row, the run id in the first column and one column per domain (named \
        like the domain, or ending in _<domain>). Prints CSV `run,prediction` on stdout. With a \
        `scaling` section the prediction is at the target scale; --metrics adds one column per predicted \
        metric, --interval the bootstrap interval (`low,high`, and `<metric>.low,<metric>.high`).
        """
    )

    @OptionGroup var options: SpecOptions

    @Option(name: .long, help: ArgumentHelp("CSV of mixtures to predict.", valueName: "FILE.csv"))
    var mixtures: String

    @Option(name: .shortAndLong, help: "Tasks to run at once if fitting is needed.")
    var jobs: Int?

    @Flag(name: .long, help: "Print JSON [{\"run\": id, \"prediction\": x}] instead of CSV.")
    var json = false

    @Flag(name: .long, help: "Add one column per predicted metric.")
    var metrics = false

    @Flag(name: .long, help: "Add the bootstrap interval of each prediction (needs a 'scaling' section).")
    var interval = false

    func run() async throws {
        let session = try options.open()
        var runOptions = RunOptions(observer: ProgressPrinter())
        if let jobs { runOptions.jobs = max(1, jobs) }
        let predictions: Predictions
        do {
            predictions = try await session.predict(mixturesCSV: mixtures, interval: interval, options: runOptions, handleSignals: true,
                                            onWait: EngineMessages.lockWait, onFirstSignal: EngineMessages.cancelling)
        } catch {
            throw fail("\(error)")
        }
        for warning in predictions.warnings { DiagnosticsOutput.writeStderr("warning: \(warning)\n") }
        let rows = predictions.rows
        let names = metrics ? predictions.metrics.keys.sorted() : []
        let bounds = predictions.intervals
        if json {
            printOut("[\n" + rows.enumerated().map { i, row in
                var fields = ["\"run\": \(jsonString(row.0))", "\"prediction\": \(row.1)"]
                if let b = bounds?.objective[i] { fields += ["\"low\": \(b.0)", "\"high\": \(b.1)"] }
                for name in names {
                    var value = "{\"prediction\": \(predictions.metrics[name]?[i] ?? .nan)"
                    if let b = bounds?.metrics[name]?[i] { value += ", \"low\": \(b.0), \"high\": \(b.1)" }
                    fields.append("\(jsonString(name)): \(value)}")
                }
                return "  {" + fields.joined(separator: ", ") + "}"
            }.joined(separator: ",\n") + "\n]\n")
        } else {
            var header = ["run", "prediction"] + (bounds != nil ? ["low", "high"] : [])
            for name in names { header += [name] + (bounds != nil ? [name + ".low", name + ".high"] : []) }
            var out = header.map(csvField).joined(separator: ",") + "\n"
            for (i, (run, value)) in rows.enumerated() {
                var fields = [csvField(run), "\(value)"]
                if let b = bounds?.objective[i] { fields += ["\(b.0)", "\(b.1)"] }
                for name in names {
                    fields.append("\(predictions.metrics[name]?[i] ?? .nan)")
                    if let b = bounds?.metrics[name]?[i] { fields += ["\(b.0)", "\(b.1)"] }
                }
                out += fields.joined(separator: ",") + "\n"
            }
            printOut(out)
        }
    }

    private func csvField(_ s: String) -> String {
        s.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    private func jsonString(_ s: String) -> String {
        var out = ""
        CanonicalValue.writeString(s, into: &out)
        return out
    }
}

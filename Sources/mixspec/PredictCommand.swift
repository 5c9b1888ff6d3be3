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
        like the domain, or ending in _<domain>). Prints CSV `run,prediction` on stdout.
        """
    )

    @OptionGroup var options: SpecOptions

    @Option(name: .long, help: ArgumentHelp("CSV of mixtures to predict.", valueName: "FILE.csv"))
    var mixtures: String

    @Option(name: .shortAndLong, help: "Tasks to run at once if fitting is needed.")
    var jobs: Int?

    @Flag(name: .long, help: "Print JSON [{\"run\": id, \"prediction\": x}] instead of CSV.")
    var json = false

    func run() async throws {
        let session = try options.open()
        var runOptions = RunOptions(observer: ProgressPrinter())
        if let jobs { runOptions.jobs = max(1, jobs) }
        let predictions: Predictions
        do {
            predictions = try await session.predict(mixturesCSV: mixtures, options: runOptions, handleSignals: true,
                                            onWait: EngineMessages.lockWait, onFirstSignal: EngineMessages.cancelling)
        } catch {
            throw fail("\(error)")
        }
        for warning in predictions.warnings { DiagnosticsOutput.writeStderr("warning: \(warning)\n") }
        let rows = predictions.rows
        if json {
            printOut("[\n" + rows.map { "  {\"run\": \(jsonString($0.0)), \"prediction\": \($0.1)}" }.joined(separator: ",\n") + "\n]\n")
        } else {
            var out = "run,prediction\n"
            for (run, value) in rows { out += csvField(run) + ",\(value)\n" }
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

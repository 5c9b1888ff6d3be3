import ArgumentParser
import Foundation
import Pipeline

/// `mixspec export SPEC --format FORMAT`: a finished run's results for other training stacks.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a finished run's swarm and found mixture in the layouts of other training stacks.",
        discussion: """
        Formats: swarm-csv (mixtures.csv + metrics.csv, as proxies.results imports them), regmix \
        (RegMix mixture configs n<i>.yaml per proxy run and regmix.yaml for the found mixture), \
        megatron (the found mixture as one --data-path line), olmix (ratios.csv + metrics.csv for \
        `olmix fit`). Reads stored results only: the spec must have run as it stands. Prints the \
        written paths. Exit status: 0 success, 1 invalid spec, results not stored or a bad names \
        map, 64 usage error.
        """
    )

    @OptionGroup var options: SpecOptions

    @Option(name: .long, help: ArgumentHelp("swarm-csv | regmix | megatron | olmix", valueName: "FORMAT"))
    var format: String

    @Option(name: .long, help: ArgumentHelp("Output folder (default: out/<name>/export/<format>/ beside the spec).", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Dataset name per domain: YAML `domain: dataset` or CSV `domain,dataset` (default: the domain names).", valueName: "MAP"))
    var names: String?

    func validate() throws {
        if ExportFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)'; choose one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        guard let format = ExportFormat(rawValue: format) else { throw ExitCode(64) }
        let session = try options.open()
        do {
            let map = try names.map { try DatasetNames.load(path: $0, domains: session.spec.domainNames) }
            let paths = try session.export(format, names: map, to: out)
            let cwd = FileManager.default.currentDirectoryPath + "/"
            printOut(paths.map { ($0.hasPrefix(cwd) ? String($0.dropFirst(cwd.count)) : $0) + "\n" }.joined())
        } catch let problems as DatasetNamesError {
            DiagnosticsOutput.writeStderr(problems.problems.map { $0 + "\n" }.joined())
            throw ExitCode(1)
        } catch {
            throw fail("\(options.spec): \(error)")
        }
    }
}

// `mixspec export`: a finished run's stored results in the layouts other training stacks read
// (issue 14). Everything comes from the store through the plan's cached digests, as `compare` and
// `out/<name>/` do; nothing is run. A result that is not stored for the spec as it stands is an
// error that says to run it first.
import Compiler
import ContentStore
import Engine
import Foundation
import Methods
import SafeFiles
import SpecModel

/// The formats `mixspec export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// `mixtures.csv` and `metrics.csv`, exactly as `proxies.results` imports them.
    case swarmCSV = "swarm-csv"
    /// RegMix's lit-gpt mixture configs: `n<i>.yaml` per proxy run and `regmix.yaml` for the found mixture.
    case regmix
    /// One line `w1 prefix1 w2 prefix2 …`, Megatron-LM / GPT-NeoX `--data-path` blend of the found mixture.
    case megatron
    /// Olmix's fit inputs: `ratios.csv` and `metrics.csv`.
    case olmix
}

extension SpecSession {
    /// The stored output of `id` for the spec as it stands, or an error saying to run it first.
    /// `plan` is this session's plan (computed once by the caller).
    public func storedOutput(of id: TaskID, in plan: Plan) throws -> Data {
        guard let entry = plan.entries.first(where: { $0.id == id }) else {
            throw EngineError.io("\(spec.name): the task graph has no task \(id)")
        }
        guard entry.state == .cached, let digest = entry.outputDigest else {
            let pending = plan.entries.filter { $0.state != .cached }.count
            throw EngineError.io("spec '\(spec.name)' has no stored result of \(id) for its current contents in \(store.root) "
                                 + "(\(pending) of \(plan.entries.count) tasks not cached); run it first: mixspec run \(spec.sourcePath)")
        }
        guard let data = store.readBlob(digest) else {
            throw EngineError.io("spec '\(spec.name)': the stored output of \(id) (\(digest)) is missing or damaged; run it again")
        }
        return data
    }

    /// Writes `format` into `directory` (default `out/<name>/export/<format>/` beside the spec) from
    /// stored results only; returns the paths written, in writing order.
    public func export(_ format: ExportFormat, names: DatasetNames? = nil, to directory: String? = nil) throws -> [String] {
        let plan = plan()
        let names = names ?? DatasetNames(identityFor: spec.domainNames)
        let files = try ExportFiles.render(format, spec: spec, names: names,
                                           runs: { try PayloadCoding.decode(RunTablePayload.self, from: storedOutput(of: compiled.collect, in: plan), task: "collect") },
                                           search: { try PayloadCoding.decode(SearchPayload.self, from: storedOutput(of: compiled.search, in: plan), task: "search") })
        let folder: String
        if let directory {
            try AtomicFile.makeDirectory(directory)
            folder = directory
        } else {
            folder = OutputLayout(spec: spec).directory + "/export/" + format.rawValue
            try AtomicFile.makeRealDirectory(folder, inside: spec.baseDirectory)
        }
        return try files.map { name, text in
            let path = folder + "/" + name
            try AtomicFile.write(Data(text.utf8), to: path, durable: true, inside: folder)
            return path
        }
    }
}

/// Dataset names of the domains (`--names`): a domain's name in the training stack
/// (`pile_cc → train_the_pile_pile_cc`); the domain name itself where no map is given.
public struct DatasetNames: Sendable, Equatable {
    /// Dataset name per domain.
    public var byDomain: [String: String]

    public init(_ byDomain: [String: String]) { self.byDomain = byDomain }

    /// Every domain named as itself.
    public init(identityFor domains: [String]) {
        byDomain = Dictionary(uniqueKeysWithValues: domains.map { ($0, $0) })
    }

    /// The dataset name of `domain`.
    public subscript(domain: String) -> String { byDomain[domain] ?? domain }
}

/// The files of one export format, rendered from stored payloads (no I/O).
enum ExportFiles {
    static func render(_ format: ExportFormat, spec: Spec, names: DatasetNames,
                       runs: () throws -> RunTablePayload, search: () throws -> SearchPayload) throws -> [(String, String)] {
        switch format {
        case .swarmCSV:
            let table = try runs()
            return [("mixtures.csv", csv(["run"] + table.domains, table.runs.map { [text($0.id)] + $0.weights.map { "\($0)" } })),
                    ("metrics.csv", csv(["run"] + table.metrics, table.runs.map { run in [text(run.id)] + table.metrics.map { "\(run.metrics[$0] ?? .nan)" } }))]
        case .olmix:
            // Olmix (allenai/olmix `olmix fit`, docs/cli/fit.md and its example swarm CSVs) reads a
            // pandas frame written with its index: an unnamed index column, then `run`, `name`,
            // `index` (metadata it skips), then one column per domain (ratios) or metric (metrics),
            // joined on `run`.
            let table = try runs()
            func rows(_ values: (RunRow) -> [String]) -> [[String]] {
                table.runs.enumerated().map { i, run in ["\(i)", text(run.id), text("\(spec.name)-\(run.id)"), "\(i)"] + values(run) }
            }
            return [("ratios.csv", csv(["", "run", "name", "index"] + table.domains.map { names[$0] }, rows { $0.weights.map { "\($0)" } })),
                    ("metrics.csv", csv(["", "run", "name", "index"] + table.metrics, rows { run in table.metrics.map { "\(run.metrics[$0] ?? .nan)" } }))]
        case .regmix:
            // RegMix's proxy configs (sail-sg/regmix mixture_config/synthesize_proxy_configs.py) are
            // `config_1m/n<i>.yaml`, i from 1, each starting with `train: {<dataset>: weight}`; its
            // found mixture is `config_1b/regmix.yaml` of the same layout. The `valid:` section and
            // model settings are the training setup's, not the mixture's: add them there.
            let table = try runs()
            let found = try search()
            var files = table.runs.enumerated().map { i, run in
                ("n\(i + 1).yaml", "# mixspec '\(spec.name)' proxy run \(run.id)\n" + trainSection(zip(table.domains, run.weights), names))
            }
            files.append(("regmix.yaml", "# mixspec '\(spec.name)' found mixture (\(found.regressor))\n" + trainSection(zip(spec.domainNames, found.weights), names)))
            return files
        case .megatron:
            // `--data-path` takes `weight prefix` pairs (Megatron normalises the weights); a domain
            // the mixture leaves out (weight 0) is left out of the blend.
            let found = try search()
            let pairs = zip(spec.domainNames, found.weights).filter { $0.1 > 0 }.map { "\($0.1) \(names[$0.0])" }
            return [("data-path.txt", pairs.joined(separator: " ") + "\n")]
        }
    }

    private static func trainSection<S: Sequence>(_ weights: S, _ names: DatasetNames) -> String where S.Element == (String, Double) {
        "train:\n" + weights.map { "  \(YAMLScalar.plain(names[$0.0])): \($0.1)\n" }.joined()
    }

    /// A CSV file: the header's names escaped; rows hold numbers as written and text cells already escaped.
    private static func csv(_ header: [String], _ rows: [[String]]) -> String {
        ([header.map(text)] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private static func text(_ cell: String) -> String { CSVField.escape(cell) }
}

/// A YAML key written plain when that is safe, quoted otherwise.
enum YAMLScalar {
    static func plain(_ text: String) -> String {
        let safe = !text.isEmpty && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "_-./".unicodeScalars.contains($0) }
            && !"-.".contains(text.first!)
        if safe { return text }
        var out = ""
        CanonicalValue.writeString(text, into: &out)
        return out
    }
}

// Writes the user-facing outputs of a finished run from stored task outputs: the found mixture
// (YAML and JSON, weights in domain order), the CV table, out-of-fold predictions, summary.json
// and report.html. Everything is derived from blobs, so a resumed run writes the same bytes.
import Compiler
import ContentStore
import Foundation
import Reporting
import SafeFiles
import SpecModel

/// Writes `out/<name>/…` for a completed run.
public struct OutputWriter {
    public let spec: Spec
    public let compiled: CompiledSpec
    public let store: Store

    public init(spec: Spec, compiled: CompiledSpec, store: Store) {
        self.spec = spec; self.compiled = compiled; self.store = store
    }

    /// Writes every output; `digests` maps task ids to their output digests from the run or plan.
    /// Returns the summary for printing. When the outputs are already those of this report (a
    /// no-op run), nothing is read but a small stamp, and the summary returned is its compact copy:
    /// without the CV scatter and the top candidates, which summary.json holds.
    @discardableResult
    public func write(digests: [TaskID: String]) throws -> RunSummary {
        func blob(_ id: TaskID) throws -> Data {
            guard let digest = digests[id], let data = store.readBlob(digest) else {
                throw EngineError.io("the output of \(id) is not in the store; run `mixspec run` first")
            }
            return data
        }
        let layout = OutputLayout(spec: spec)
        // `out` and `out/<name>` must be real folders inside the spec's folder: a symbolic link
        // there would send the files elsewhere.
        try AtomicFile.makeRealDirectory(layout.directory, inside: layout.base)
        let files = [layout.mixtureYAML, layout.mixtureJSON, layout.crossValidationCSV, layout.predictionsCSV, layout.report]
        let stamp = OutputStamp(store: store, layout: layout)
        if let report = digests[compiled.report], let summary = stamp.summary(ifWrittenFrom: report, files: files + [layout.summary]) {
            return summary
        }
        let summary = try RunSummary.decode(json: blob(compiled.report))
        let summaryText = try summary.jsonText()
        // Every output derives from the report's inputs: when summary.json already holds these
        // bytes and the other files exist, there is nothing to rewrite.
        if (try? BoundedFile.read(layout.summary, limit: summaryText.utf8.count)) == Data(summaryText.utf8),
           files.allSatisfy(BoundedFile.isRegularFile) {
            stamp.record(digests[compiled.report], files: files + [layout.summary], summary: summary)
            return summary
        }
        let search = try PayloadCoding.decode(SearchPayload.self, from: blob(compiled.search), task: "search")
        let validations = try compiled.crossValidations.map {
            try PayloadCoding.decode(CrossValidationPayload.self, from: blob($0), task: $0.rawValue)
        }
        try put(MixtureFiles.yaml(spec: spec, weights: search.weights, predicted: search.objective, regressor: search.regressor), layout.mixtureYAML)
        try put(MixtureFiles.json(spec: spec, weights: search.weights, predicted: search.objective, regressor: search.regressor), layout.mixtureJSON)
        try put(Self.crossValidationCSV(validations), layout.crossValidationCSV)
        try put(Self.predictionsCSV(validations.first { $0.regressor == search.regressor }), layout.predictionsCSV)
        try put(ReportHTML.render(summary), layout.report)
        try put(summaryText, layout.summary)  // last: it marks the set as complete
        stamp.record(digests[compiled.report], files: files + [layout.summary], summary: summary)
        return summary
    }

    /// Writes one output file (a link already at `path` is replaced, never followed).
    private func put(_ text: String, _ path: String) throws {
        try AtomicFile.write(Data(text.utf8), to: path, durable: true, inside: OutputLayout(spec: spec).base)
    }

    static func crossValidationCSV(_ validations: [CrossValidationPayload]) -> String {
        var out = "regressor,target,spearman,pearson,mse,n\n"
        for cv in validations {
            let n = cv.points.count
            out += "\(cv.regressor),objective,\(cv.objective.spearman),\(cv.objective.pearson),\(cv.objective.mse),\(n)\n"
            for (metric, s) in cv.scores.sorted(by: { $0.key < $1.key }) {
                out += "\(cv.regressor),\(CSVField.escape(metric)),\(s.spearman),\(s.pearson),\(s.mse),\(n)\n"
            }
        }
        return out
    }

    static func predictionsCSV(_ cv: CrossValidationPayload?) -> String {
        var out = "run,actual,predicted\n"
        for p in cv?.points ?? [] { out += "\(CSVField.escape(p.run)),\(p.actual),\(p.predicted)\n" }
        return out
    }
}

/// What the outputs of a spec were last written from: the report's digest, each file's identity
/// then, and the summary without its long lists (what the terminal summary prints). Kept in the store (`outputs/`), never in `out/`.
/// A no-op run compares it with one `lstat` per file instead of decoding and re-encoding a
/// summary that holds every run of the swarm.
struct OutputStamp {
    private struct Contents: Codable {
        /// 2: the compact summary leaves out the diagnostics and the scaling laws of every mixture.
        static let currentFormat = 2
        var format: Int? = Contents.currentFormat
        var report: String
        var files: [String: FileIdentity]
        var summary: String
    }

    let path: String
    let root: String

    init(store: Store, layout: OutputLayout) {
        root = store.root
        // Named by the output folder too: specs of one name in several folders may share a store.
        path = store.root + "/outputs/" + Store.escape(TaskID(layout.directory.split(separator: "/").last.map(String.init) ?? "out"))
            + "-" + ContentDigest.sha256Hex(utf8: layout.directory).prefix(16) + ".json"
    }

    /// The compact summary when the files are exactly as written from report `digest`.
    func summary(ifWrittenFrom digest: String, files: [String]) -> RunSummary? {
        guard let data = try? AtomicFile.read(path, limit: ReadLimits.storeIndex), let contents = try? JSONDecoder().decode(Contents.self, from: data),
              contents.format == Contents.currentFormat, contents.report == digest, contents.files.count == files.count,
              files.allSatisfy({ path in FileIdentity.of(path).map { contents.files[path] == $0 } ?? false }) else { return nil }
        return try? RunSummary.decode(json: Data(contents.summary.utf8))
    }

    /// Records that `files` now hold the outputs of report `digest` (best effort: without a stamp
    /// the next run compares the files themselves). Not while a file is younger than two seconds:
    /// an edit in the same clock tick could keep its timestamps (as in the verification memo).
    func record(_ digest: String?, files: [String], summary: RunSummary) {
        guard let digest else { return }
        var compact = summary
        compact.cvScatter = nil
        compact.topCandidates = []
        // Per-run lists (swarm coverage, scatters, curves; every mixture's laws) are report material:
        // a 10,000-proxy swarm makes them megabytes that a no-op would decode for nothing.
        compact.diagnostics = nil
        compact.scaling?.mixtures = []
        var identities: [String: FileIdentity] = [:]
        let recent = Int64((Date().timeIntervalSince1970 - 2) * 1e9)
        for file in files {
            guard let identity = FileIdentity.of(file), identity.ctime < recent else {
                try? FileManager.default.removeItem(atPath: path)
                return
            }
            identities[file] = identity
        }
        guard let text = try? compact.jsonText(),
              let data = try? JSONEncoder().encode(Contents(report: digest, files: identities, summary: text)) else { return }
        try? AtomicFile.write(data, to: path, durable: false, inside: root)
    }
}

/// RFC 4180 quoting for one field. A text field that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'` (OWASP's advice).
enum CSVField {
    static func escape(_ text: String) -> String {
        var s = text
        if let first = s.first, "=+-@\t\r".contains(first) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The found mixture as files other tools read: YAML and JSON, weights in domain order.
enum MixtureFiles {
    static func yaml(spec: Spec, weights: [Double], predicted: Double, regressor: String) -> String {
        var out = "# Found by mixspec for spec '\(spec.name)': mean of the top \(spec.search.topK) candidates.\n"
        out += "# Predicted \(spec.objective.direction.rawValue) \(spec.objective.text) = \(predicted) (\(regressor)).\n"
        out += "weights:\n"
        for (name, w) in zip(spec.domainNames, weights) { out += "  \(name): \(w)\n" }
        return out
    }

    static func json(spec: Spec, weights: [Double], predicted: Double, regressor: String) -> String {
        var out = "{\n  \"spec\": \(quoted(spec.name)),\n  \"objective\": \(quoted(spec.objective.text)),\n"
        out += "  \"direction\": \(quoted(spec.objective.direction.rawValue)),\n  \"predicted\": \(predicted),\n"
        out += "  \"regressor\": \(quoted(regressor)),\n  \"weights\": {\n"
        out += zip(spec.domainNames, weights).map { "    \(quoted($0)): \($1)" }.joined(separator: ",\n")
        return out + "\n  }\n}\n"
    }

    private static func quoted(_ s: String) -> String {
        var out = ""
        CanonicalValue.writeString(s, into: &out)
        return out
    }
}

import Foundation

/// Metrics in long form, one row per checkpoint: `run, model, tokens` (or `step`, turned into tokens
/// by a fixed tokens-per-step), then one column per metric. What the scaling pipeline imports.
public struct LongFormMetrics: Sendable, Equatable {
    /// One checkpoint of one run of one model.
    public struct Row: Sendable, Equatable {
        public var run: String
        public var model: String
        public var tokens: Int64
        public var step: Int64
        /// One value per metric column.
        public var values: [Double]
        public var location: SourceLocation
    }
    /// File the rows came from.
    public var file: String
    /// Metric columns, in file order.
    public var metrics: [String]
    public var rows: [Row]

    /// Parses the text; every error of the file is reported together. The run id is the first
    /// column; `model` and `tokens` or `step` are found by name.
    public static func parse(_ text: String, file: String, tokensPerStep: Int64?) throws -> LongFormMetrics {
        let records = try CSVReader.records(text, file: file)
        guard let header = records.first else {
            throw CSVImportError(diagnostics: [CSVDiagnostic(SourceLocation(file: file, line: 1, column: 1), "file is empty; expected a header row: run, model, tokens (or step), metrics…")])
        }
        let names = header.map { $0.text.trimmingCharacters(in: .whitespaces) }
        var errors = [CSVDiagnostic]()
        func fail(_ at: SourceLocation, _ message: String) { if errors.count < 100 { errors.append(CSVDiagnostic(at, message)) } }
        let modelColumn = names.firstIndex(of: "model")
        let tokensColumn = names.firstIndex(of: "tokens")
        let stepColumn = names.firstIndex(of: "step")
        if modelColumn == nil { fail(header[0].location, "long-form metrics need a 'model' column naming the proxy model of each row") }
        if tokensColumn == nil && stepColumn == nil { fail(header[0].location, "long-form metrics need a 'tokens' or a 'step' column") }
        if tokensColumn == nil, stepColumn != nil, tokensPerStep == nil {
            fail(header[stepColumn ?? 0].location, "a 'step' column needs 'scaling.steps.tokens_per_step' in the spec")
        }
        let metricColumns = names.indices.filter { $0 != 0 && $0 != modelColumn && $0 != tokensColumn && $0 != stepColumn }
        if metricColumns.isEmpty { fail(header[0].location, "no metric columns after run, model and tokens/step") }
        var seen = [String: SourceLocation]()
        var rows = [Row]()
        for record in records.dropFirst() {
            guard record.count == header.count else {
                fail((record.last ?? record[0]).location, "row has \(record.count) fields but the header has \(header.count)")
                continue
            }
            guard errors.isEmpty || errors.count < 100, let modelColumn, tokensColumn != nil || stepColumn != nil else { continue }
            let run = record[0].text.trimmingCharacters(in: .whitespaces)
            let model = record[modelColumn].text.trimmingCharacters(in: .whitespaces)
            if run.isEmpty { fail(record[0].location, "empty run id") }
            if model.isEmpty { fail(record[modelColumn].location, "empty model name") }
            var step: Int64 = 0, tokens: Int64 = 0
            if let s = stepColumn {
                guard let v = Int64(record[s].text.trimmingCharacters(in: .whitespaces)), v >= 0 else {
                    fail(record[s].location, "step '\(record[s].text)' is not a whole number ≥ 0"); continue
                }
                step = v
            }
            if let t = tokensColumn {
                let cell = record[t].text.trimmingCharacters(in: .whitespaces)
                guard let v = RunTable.parseNumber(cell), v.isFinite, v > 0, v < 9e18, v == v.rounded() else {
                    fail(record[t].location, "tokens '\(cell)' is not a whole number > 0"); continue
                }
                tokens = Int64(v)
            } else if let perStep = tokensPerStep {
                let (product, overflow) = step.multipliedReportingOverflow(by: perStep)
                guard !overflow, product > 0 else { fail(record[stepColumn ?? 0].location, "step \(step) × tokens_per_step \(perStep) is not a usable token count"); continue }
                tokens = product
            }
            let key = "\(run)\u{0}\(model)\u{0}\(tokens)"
            if let first = seen[key] { fail(record[0].location, "duplicate checkpoint: run '\(run)', model '\(model)', \(tokens) tokens (first at \(first))"); continue }
            seen[key] = record[0].location
            var values = [Double]()
            for k in metricColumns {
                let cell = record[k].text.trimmingCharacters(in: .whitespaces)
                guard let v = RunTable.parseNumber(cell), v.isFinite else { fail(record[k].location, "'\(cell)' in column '\(names[k])' is not a finite number"); values.append(.nan); continue }
                values.append(v)
            }
            rows.append(Row(run: run, model: model, tokens: tokens, step: step, values: values, location: record[0].location))
        }
        if errors.isEmpty && rows.isEmpty { fail(header[0].location, "no data rows after the header") }
        if !errors.isEmpty { throw CSVImportError(diagnostics: errors) }
        return LongFormMetrics(file: file, metrics: metricColumns.map { names[$0] }, rows: rows)
    }
}

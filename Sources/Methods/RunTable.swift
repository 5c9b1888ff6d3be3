import Foundation

/// A table of finished runs read from CSV: first column = run id, other columns numeric.
public struct RunTable: Sendable, Equatable {
    /// File the table came from.
    public var file: String
    /// Column names after the id column.
    public var columns: [String]
    /// Run ids, in file order.
    public var runIDs: [String]
    /// One row of values per run, `columns.count` each.
    public var rows: [[Double]]
    /// Located warnings (e.g. rows that were renormalised).
    public var warnings: [CSVDiagnostic]
    /// Location of each run's row (its id cell).
    public var rowLocations: [SourceLocation]

    /// Parses a CSV text with a header row; every error of the file is reported together.
    public static func parse(_ text: String, file: String) throws -> RunTable {
        let records = try CSVReader.records(text, file: file)
        guard let header = records.first else {
            throw CSVImportError(diagnostics: [CSVDiagnostic(SourceLocation(file: file, line: 1, column: 1), "file is empty; expected a header row (run id column, then one column per value)")])
        }
        var errors = [CSVDiagnostic]()
        func fail(_ at: SourceLocation, _ message: String) { if errors.count < 100 { errors.append(CSVDiagnostic(at, message)) } }
        let layout = ResultsLayout(header: header.map { $0.text.trimmingCharacters(in: .whitespaces) })
        if layout.values.isEmpty { fail(header[0].location, "header needs a run id column and at least one value column") }
        var seenColumns = [String: SourceLocation]()
        for field in layout.values.map({ header[$0] }) {
            let name = field.text.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { fail(field.location, "empty column name") }
            if let first = seenColumns[name] {
                fail(field.location, "duplicate column '\(name)' (first at \(first))")
            } else { seenColumns[name] = field.location }
        }
        var ids = [String](), rows = [[Double]](), locations = [SourceLocation]()
        var seenIDs = [String: SourceLocation]()
        for record in records.dropFirst() {
            if record.count != header.count {
                let at = record.count > header.count ? record[header.count].location : (record.last ?? record[0]).location
                fail(at, "row has \(record.count) fields but the header has \(header.count)")
                continue
            }
            let idField = record[layout.id]
            let id = idField.text.trimmingCharacters(in: .whitespaces)
            if id.isEmpty { fail(idField.location, "empty run id") }
            if let first = seenIDs[id] { fail(idField.location, "duplicate run id '\(id)' (first at \(first))") } else { seenIDs[id] = idField.location }
            var row = [Double]()
            for k in layout.values {
                let field = record[k]
                let cell = field.text.trimmingCharacters(in: .whitespaces)
                let column = header[k].text
                guard !cell.isEmpty else { fail(field.location, "empty cell in column '\(column)'"); row.append(0); continue }
                guard let value = parseNumber(cell) else {
                    fail(field.location, "'\(cell)' in column '\(column)' is not a number"); row.append(0); continue
                }
                guard value.isFinite else {
                    fail(field.location, "'\(cell)' in column '\(column)' is not finite (NaN and infinities are not allowed)"); row.append(0); continue
                }
                row.append(value)
            }
            ids.append(id); rows.append(row); locations.append(idField.location)
        }
        if errors.isEmpty && ids.isEmpty {
            fail(header[0].location, "no data rows after the header")
        }
        if !errors.isEmpty { throw CSVImportError(diagnostics: errors) }
        return RunTable(
            file: file, columns: layout.values.map { header[$0].text.trimmingCharacters(in: .whitespaces) },
            runIDs: ids, rows: rows, warnings: [], rowLocations: locations)
    }

    /// Reads and parses a file.
    public static func load(path: String) throws -> RunTable {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CSVImportError(diagnostics: [CSVDiagnostic(SourceLocation(file: path, line: 1, column: 1), "cannot read file: \(error.localizedDescription)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVImportError(diagnostics: [CSVDiagnostic(SourceLocation(file: path, line: 1, column: 1), "file is not valid UTF-8")])
        }
        return try parse(text, file: path)
    }

    /// Decimal / scientific numbers only (no hex floats, no "nan"/"inf" words, which are reported as non-finite).
    static func parseNumber(_ text: String) -> Double? {
        let lowered = text.lowercased()
        if ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(lowered) {
            return lowered.contains("nan") ? .nan : (lowered.hasPrefix("-") ? -.infinity : .infinity)
        }
        guard text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) else { return nil }
        return Double(text)
    }
}

/// Mixtures and metrics of the same finished runs, aligned by run id (mixture file order).
public struct ImportedRuns: Sendable, Equatable {
    /// Mixture weights; rows renormalised to sum to 1 where needed.
    public var mixtures: RunTable
    /// Metrics, rows in the same order as `mixtures`.
    public var metrics: RunTable
    /// Warnings from both files.
    public var warnings: [CSVDiagnostic] { mixtures.warnings + metrics.warnings }

    /// A mixture row whose sum differs from 1 by more than this is renormalised with a warning.
    public static let renormaliseTolerance = 1e-6
    /// A mixture row whose sum differs from 1 by more than this is an error.
    public static let sumErrorTolerance = 1e-2

    /// Pairs two parsed tables. Errors: runs in only one file, negative weights, mixture rows
    /// whose sum is off by more than `sumErrorTolerance`.
    public static func pair(mixtures: RunTable, metrics: RunTable) throws -> ImportedRuns {
        var errors = [CSVDiagnostic]()
        let metricIndex = Dictionary(uniqueKeysWithValues: metrics.runIDs.enumerated().map { ($1, $0) })
        let mixtureIDs = Set(mixtures.runIDs)
        for (k, id) in mixtures.runIDs.enumerated() where metricIndex[id] == nil {
            errors.append(CSVDiagnostic(mixtures.rowLocations[k], "run '\(id)' has a mixture but no row in \(metrics.file)"))
        }
        for (k, id) in metrics.runIDs.enumerated() where !mixtureIDs.contains(id) {
            errors.append(CSVDiagnostic(metrics.rowLocations[k], "run '\(id)' has metrics but no row in \(mixtures.file)"))
        }
        var mix = mixtures
        let checked = MixtureRows.normalise(&mix.rows, runIDs: mix.runIDs, columns: mix.columns, locations: mix.rowLocations)
        errors += checked.errors
        if !errors.isEmpty { throw CSVImportError(diagnostics: errors) }
        if let warning = checked.warning { mix.warnings.append(warning) }
        var met = metrics
        let order = mix.runIDs.compactMap { metricIndex[$0] }
        met.runIDs = order.map { metrics.runIDs[$0] }
        met.rows = order.map { metrics.rows[$0] }
        met.rowLocations = order.map { metrics.rowLocations[$0] }
        return ImportedRuns(mixtures: mix, metrics: met)
    }

    /// Reads both files and pairs them.
    public static func load(mixturesPath: String, metricsPath: String) throws -> ImportedRuns {
        var errors = [CSVDiagnostic]()
        var mixtures: RunTable?, metrics: RunTable?
        do { mixtures = try RunTable.load(path: mixturesPath) } catch let e as CSVImportError { errors += e.diagnostics }
        do { metrics = try RunTable.load(path: metricsPath) } catch let e as CSVImportError { errors += e.diagnostics }
        guard let mixtures, let metrics, errors.isEmpty else { throw CSVImportError(diagnostics: errors) }
        return try pair(mixtures: mixtures, metrics: metrics)
    }

    /// The mixtures as a matrix (rows = runs, columns = domains).
    public var mixtureMatrix: Matrix { Matrix(unchecked: mixtures.rows.count, mixtures.columns.count, mixtures.rows.flatMap { $0 }) }

    /// The values of one metric column, in run order; throws when the column is missing.
    public func metric(_ name: String) throws -> [Double] {
        guard let j = metrics.columns.firstIndex(of: name) else {
            throw MethodsError("metric '\(name)' is not a column of \(metrics.file); columns: \(metrics.columns.joined(separator: ", "))")
        }
        return metrics.rows.map { $0[j] }
    }
}

/// The rule every mixture row mixspec reads obeys (imported runs, `predict`): no negative weight;
/// a sum off 1 by more than `ImportedRuns.renormaliseTolerance` is renormalised with a warning, by
/// more than `ImportedRuns.sumErrorTolerance` an error.
public enum MixtureRows {
    /// Applies the rule in place; returns the errors (one per bad row) and one warning naming how
    /// many rows were renormalised and the worst.
    public static func normalise(_ rows: inout [[Double]], runIDs: [String], columns: [String],
                                 locations: [SourceLocation]) -> (errors: [CSVDiagnostic], warning: CSVDiagnostic?) {
        var errors: [CSVDiagnostic] = []
        var renormalised = 0
        var worst = 0.0
        var worstAt: SourceLocation?
        for k in rows.indices {
            let at = k < locations.count ? locations[k] : SourceLocation(file: "", line: k + 2, column: 1)
            let id = k < runIDs.count ? runIDs[k] : "#\(k + 1)"
            if let j = rows[k].firstIndex(where: { !($0 >= 0) }) {
                let column = j < columns.count ? columns[j] : "#\(j + 1)"
                errors.append(CSVDiagnostic(at, "run '\(id)': weight of '\(column)' is negative or not a number (\(rows[k][j]))"))
                continue
            }
            let sum = rows[k].reduce(0, +)
            let deviation = abs(sum - 1)
            if !(deviation <= ImportedRuns.sumErrorTolerance) {
                errors.append(CSVDiagnostic(at, "run '\(id)': mixture weights sum to \(sum), more than \(ImportedRuns.sumErrorTolerance) away from 1"))
            } else if deviation > ImportedRuns.renormaliseTolerance {
                rows[k] = rows[k].map { $0 / sum }
                renormalised += 1
                if deviation > worst { worst = deviation; worstAt = at }
            }
        }
        let warning = worstAt.map {
            CSVDiagnostic($0, "\(renormalised) mixture row(s) did not sum to 1 (largest deviation \(worst), on this row); renormalised")
        }
        return (errors, warning)
    }
}

/// Which column of a results CSV holds the run id and which hold values. Normally the first column
/// is the run id and every other column a value. Olmix's swarm CSVs (pandas frames written with their
/// index: an unnamed first column, then `run`, `name`, `index`, then the values) are read as they
/// are: when the first column is unnamed (`` or `Unnamed: 0`) and a column is named `run` or
/// `run_id`, that column is the run id, and unnamed columns, `name` and `index` are skipped.
/// (SpecModel's `CSVShape.valueColumns` applies the same rule when `check` reads a header.)
public struct ResultsLayout: Sendable, Equatable {
    /// Index of the run id column.
    public var id: Int
    /// Indices of the value columns, in file order.
    public var values: [Int]

    public init(header: [String]) {
        func unnamed(_ name: String) -> Bool { name.isEmpty || name.hasPrefix("Unnamed:") }
        if let first = header.first, unnamed(first), let run = header.firstIndex(where: { $0 == "run" || $0 == "run_id" }) {
            id = run
            values = header.indices.filter { $0 != run && !unnamed(header[$0]) && header[$0] != "name" && header[$0] != "index" }
        } else {
            id = 0
            values = Array(header.indices.dropFirst())
        }
    }
}

// Just enough CSV to check a spec: the header's column names and the number of data rows.
// (The full importer lives in Methods; here a readable file only sharpens the checks.)

/// The shape of a CSV file: header columns and data row count.
struct CSVShape: Sendable {
    var columns: [String]
    var rows: Int

    /// Reads `bytes` as CSV with RFC 4180 quoting; blank lines are skipped.
    init?(bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var records: [[String]] = []
        var field = "", record: [String] = [], inQuotes = false, fieldStarted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            if fieldStarted || !record.isEmpty || !field.isEmpty { record.append(field); records.append(record) }
            record = []; field = ""; fieldStarted = false
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"": inQuotes = true; fieldStarted = true
            case ",": record.append(field); field = ""; fieldStarted = true
            case "\n": endRecord()
            case "\r": break
            default: field.unicodeScalars.append(c); fieldStarted = true
            }
        }
        endRecord()
        guard let header = records.first else { return nil }
        columns = header.map { $0.trimmingSpaces }
        rows = records.count - 1
    }
}

extension CSVShape {
    /// The value columns (domains or metrics): every column after the run id, except for Olmix's
    /// pandas-written CSVs (an unnamed first column and a `run` or `run_id` column), whose unnamed,
    /// `run`, `run_id`, `name` and `index` columns are metadata. The importer (Methods'
    /// `ResultsLayout`) applies the same rule.
    var valueColumns: [String] {
        func unnamed(_ name: String) -> Bool { name.isEmpty || name.hasPrefix("Unnamed:") }
        guard let first = columns.first, unnamed(first), let run = columns.firstIndex(where: { $0 == "run" || $0 == "run_id" }) else {
            return Array(columns.dropFirst())
        }
        return columns.indices.filter { $0 != run && !unnamed(columns[$0]) && columns[$0] != "name" && columns[$0] != "index" }.map { columns[$0] }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

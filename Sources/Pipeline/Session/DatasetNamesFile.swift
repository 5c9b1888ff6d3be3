// Reading `mixspec export --names MAP`: a YAML mapping `domain: dataset` or a two-column CSV
// `domain,dataset` (an optional header row `domain,dataset`). Every problem is reported together,
// each located `file:line:column`.
import Foundation
import Methods
import SafeFiles
import SpecSyntax

/// Problems of a names map file, each located.
public struct DatasetNamesError: Error, Sendable, CustomStringConvertible {
    /// `file:line:column: error: message` lines.
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

extension DatasetNames {
    /// A names map file can hold this many bytes.
    static let fileLimit = 8 << 20

    /// Reads the map at `path` for `domains`: every domain needs exactly one entry, and every
    /// entry must name a domain (a typo would otherwise export the domain under its own name).
    public static func load(path: String, domains: [String]) throws -> DatasetNames {
        let read: Data?
        do { read = try BoundedFile.read(path, limit: fileLimit) } catch {
            throw DatasetNamesError(problems: ["\(path):1:1: error: cannot read the names map: \(error)"])
        }
        guard let data = read else {
            throw DatasetNamesError(problems: ["\(path):1:1: error: the names map does not exist"])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetNamesError(problems: ["\(path):1:1: error: the names map is not UTF-8 text"])
        }
        let isCSV = path.lowercased().hasSuffix(".csv")
        let entries = try isCSV ? csvEntries(text, path: path) : yamlEntries(data, path: path)
        var problems: [String] = []
        var map: [String: String] = [:]
        var firstAt: [String: String] = [:]
        let known = Set(domains)
        for entry in entries {
            let at = "\(path):\(entry.line):\(entry.column)"
            if !known.contains(entry.domain) {
                let hint = Suggestions.closest(to: entry.domain, in: domains).map { "; did you mean '\($0)'?" } ?? ""
                problems.append("\(at): error: '\(entry.domain)' is not a domain of the spec\(hint)")
            } else if let first = firstAt[entry.domain] {
                problems.append("\(at): error: domain '\(entry.domain)' is mapped twice (first at \(first))")
            } else if entry.dataset.isEmpty || entry.dataset.contains(where: { $0.isWhitespace }) {
                problems.append("\(at): error: the dataset name of '\(entry.domain)' must be non-empty text without spaces")
            } else {
                map[entry.domain] = entry.dataset
                firstAt[entry.domain] = at
            }
        }
        let missing = domains.filter { domain in !entries.contains { $0.domain == domain } }
        if !missing.isEmpty {
            problems.append("\(path):1:1: error: no dataset name for domain\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))")
        }
        if !problems.isEmpty { throw DatasetNamesError(problems: problems) }
        return DatasetNames(map)
    }

    private struct Entry { var domain: String; var dataset: String; var line: Int; var column: Int }

    private static func yamlEntries(_ data: Data, path: String) throws -> [Entry] {
        let parsed = YAMLParser.parse(bytes: [UInt8](data), file: path)
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw DatasetNamesError(problems: errors.map { d in
                "\(path):\(d.range?.start.line ?? 1):\(d.range?.start.column ?? 1): error: \(d.message)"
            })
        }
        guard let root = parsed.root, let pairs = root.pairs else {
            let at = parsed.root?.range.start
            throw DatasetNamesError(problems: ["\(path):\(at?.line ?? 1):\(at?.column ?? 1): error: the names map must be a mapping `domain: dataset` (or a CSV file `domain,dataset`)"])
        }
        return try pairs.map { pair in
            guard let dataset = pair.value.scalar else {
                let at = pair.value.range.start
                throw DatasetNamesError(problems: ["\(path):\(at.line):\(at.column): error: the dataset name of '\(pair.name)' must be a string"])
            }
            return Entry(domain: pair.name, dataset: dataset, line: pair.key.range.start.line, column: pair.key.range.start.column)
        }
    }

    private static func csvEntries(_ text: String, path: String) throws -> [Entry] {
        let records: [[Methods.CSVField]]
        do { records = try CSVReader.records(text, file: path) } catch let e as CSVImportError {
            throw DatasetNamesError(problems: e.diagnostics.map { "\($0.location): error: \($0.message)" })
        }
        var entries: [Entry] = [], problems: [String] = []
        for (index, record) in records.enumerated() {
            let cells = record.map { $0.text.trimmingCharacters(in: .whitespaces) }
            if index == 0, cells == ["domain", "dataset"] { continue }
            if cells.allSatisfy(\.isEmpty) { continue }
            guard cells.count == 2 else {
                problems.append("\(record[0].location): error: expected two columns `domain,dataset`, found \(cells.count)")
                continue
            }
            entries.append(Entry(domain: cells[0], dataset: cells[1], line: record[0].location.line, column: record[0].location.column))
        }
        if !problems.isEmpty { throw DatasetNamesError(problems: problems) }
        return entries
    }
}

// What `check` can tell about a spec's data without reading whole corpora: each domain's globs
// match files (not only folders), and each file is non-empty and starts as UTF-8 text. A problem is
// reported once per domain and pattern, for a diagnostic at that domain's `path:` entry.
import Foundation
import SafeFiles
import SpecModel
import Trainer

/// Quick checks of the data files a spec names.
public enum DataPreflight {
    /// Bytes read from the start of each file to judge whether it is text.
    static let sniffBytes = 4096

    /// Every problem found, one per domain and pattern (or file), in domain order.
    public static func problems(_ spec: Spec) -> [DomainDataError] {
        var problems: [DomainDataError] = []
        for domain in spec.domains {
            guard case .paths(let patterns) = domain.source else { continue }
            var seen = Set<String>()
            for pattern in Array(NSOrderedSet(array: patterns)).compactMap({ $0 as? String }) {
                guard let files = FileGlob.matches(pattern: pattern, baseDirectory: spec.baseDirectory) else {
                    let folders = FileGlob.directoryMatches(pattern: pattern, baseDirectory: spec.baseDirectory)
                    let hint = folders.isEmpty ? "" : "; it matches only folders (\(folders.count)): write '\(pattern.hasSuffix("/") ? pattern : pattern + "/")*.txt' (or *.jsonl) for the files in them"
                    problems.append(DomainDataError(domain: domain.name,
                        message: "domain '\(domain.name)': path '\(pattern)' matches no files in \(spec.baseDirectory)\(hint)"))
                    continue
                }
                for file in files where seen.insert(file).inserted {
                    if let problem = fileProblem(file) {
                        problems.append(DomainDataError(domain: domain.name, message: "domain '\(domain.name)': \(display(file, spec)) \(problem)"))
                    }
                }
            }
        }
        return problems
    }

    /// Why a data file cannot be text for the trainer, judged from its size and first bytes.
    static func fileProblem(_ path: String) -> String? {
        let head: [UInt8]
        do {
            guard let handle = try BoundedFile.openRegular(path, followLinks: true) else { return "cannot be read" }
            defer { close(handle) }
            var buffer = [UInt8](repeating: 0, count: sniffBytes)
            let count = buffer.withUnsafeMutableBytes { read(handle, $0.baseAddress, sniffBytes) }
            guard count >= 0 else { return "cannot be read" }
            head = Array(buffer.prefix(count))
        } catch {
            return "cannot be read: \(error)"
        }
        if head.isEmpty { return "is empty" }
        if head.contains(0) { return "is not text (it holds NUL bytes: a binary file?)" }
        if !isUTF8Prefix(head, complete: head.count < sniffBytes) { return "is not UTF-8 text" }
        return nil
    }

    /// True when `bytes` is valid UTF-8, allowing a sequence cut at the end unless `complete`.
    static func isUTF8Prefix(_ bytes: [UInt8], complete: Bool) -> Bool {
        var trimmed = bytes[...]
        if !complete {
            // Drop an incomplete multi-byte sequence cut by the sniff window.
            var back = 0
            while back < 3, back < trimmed.count, (trimmed[trimmed.endIndex - 1 - back] & 0xC0) == 0x80 { back += 1 }
            if back < trimmed.count, trimmed[trimmed.endIndex - 1 - back] >= 0xC0 { trimmed = trimmed.dropLast(back + 1) }
        }
        return String(validating: trimmed, as: UTF8.self) != nil
    }

    private static func display(_ path: String, _ spec: Spec) -> String {
        let base = spec.baseDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

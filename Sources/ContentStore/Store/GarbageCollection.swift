// gc (DESIGN.md §7): removes action records, blobs, last-run pointers and logs that the given specs
// no longer reach, plus scratch folders and temp files left by crashed runs. The caller computes
// reachability (keys and output digests of every task of every kept graph) and holds the lock.
import Foundation

/// What a garbage collection removed (or would remove, on a dry run).
public struct GarbageReport: Sendable, Equatable {
    public var removedRecords = 0
    public var removedBlobs = 0
    public var removedLogs = 0
    public var removedOther = 0
    public var bytesFreed: Int64 = 0
    /// Total number of files removed.
    public var removedCount: Int { removedRecords + removedBlobs + removedLogs + removedOther }
}

extension Store {
    /// Removes every action record whose key is not in `keepingRecords`, every blob whose digest is
    /// not in `keepingBlobs` (blobs of kept records are always kept), task pointers and logs of
    /// unkept keys, and leftovers in `tmp/`. With `dryRun`, only counts. Hold the write lock.
    public func collectGarbage(keepingRecords: Set<String>, keepingBlobs: Set<String>, dryRun: Bool) throws -> GarbageReport {
        var report = GarbageReport()
        var blobsToKeep = keepingBlobs
        let fm = FileManager.default

        func remove(_ path: String) -> Int64 {
            var info = stat()
            let size: Int64 = stat(path, &info) == 0 ? Int64(info.st_size) : 0
            if !dryRun { try? fm.removeItem(atPath: path) }
            return size
        }

        // Action records (keep the blobs of kept records even if the caller forgot them).
        for (folder, name) in listTwoLevels("\(root)/actions") {
            let path = "\(root)/actions/\(folder)/\(name)"
            let key = name.hasSuffix(".json") ? String(name.dropLast(5)) : ""
            if keepingRecords.contains(key), let record = actionRecord(forKey: key) {
                blobsToKeep.insert(record.outputDigest)
                continue
            }
            report.bytesFreed += remove(path)
            if name.hasPrefix(".tmp-") { report.removedOther += 1 } else { report.removedRecords += 1 }
        }
        for (folder, name) in listTwoLevels("\(root)/cas") where !blobsToKeep.contains(name) {
            report.bytesFreed += remove("\(root)/cas/\(folder)/\(name)")
            if name.hasPrefix(".tmp-") { report.removedOther += 1 } else { report.removedBlobs += 1 }
        }
        // Last-run pointers to removed records go with them; the memo forgets them.
        for name in indexNames() {
            var index = TaskIndex(store: self, name: name)
            if !dryRun { try index.retain { keepingRecords.contains($0) } }
        }
        if !dryRun { try VerificationMemo.retain(in: self) { keepingRecords.contains($0) } }
        // `tasks/`: the pointers of stores written before per-spec indexes (no longer read).
        for name in (try? fm.contentsOfDirectory(atPath: "\(root)/tasks")) ?? [] {
            report.bytesFreed += remove("\(root)/tasks/\(name)")
            report.removedOther += 1
        }
        if !dryRun { try? fm.removeItem(atPath: "\(root)/tasks") }
        for (folder, name) in listTwoLevels("\(root)/logs") {
            let key = name.hasSuffix(".log") ? String(name.dropLast(4)) : ""
            if keepingRecords.contains(key) { continue }
            report.bytesFreed += remove("\(root)/logs/\(folder)/\(name)")
            report.removedLogs += 1
        }
        for name in (try? fm.contentsOfDirectory(atPath: "\(root)/tmp")) ?? [] {
            report.bytesFreed += removeTree("\(root)/tmp/\(name)", dryRun: dryRun)
            report.removedOther += 1
        }
        if !dryRun {
            for top in ["actions", "cas", "logs"] {
                for folder in (try? fm.contentsOfDirectory(atPath: "\(root)/\(top)")) ?? [] {
                    let path = "\(root)/\(top)/\(folder)"
                    if (try? fm.contentsOfDirectory(atPath: path))?.isEmpty == true { try? fm.removeItem(atPath: path) }
                }
            }
        }
        return report
    }

    private func listTwoLevels(_ top: String) -> [(String, String)] {
        let fm = FileManager.default
        var out: [(String, String)] = []
        for folder in ((try? fm.contentsOfDirectory(atPath: top)) ?? []).sorted() {
            for name in ((try? fm.contentsOfDirectory(atPath: top + "/" + folder)) ?? []).sorted() {
                out.append((folder, name))
            }
        }
        return out
    }

    private func removeTree(_ path: String, dryRun: Bool) -> Int64 {
        let fm = FileManager.default
        var total: Int64 = 0
        if let enumerator = fm.enumerator(atPath: path) {
            for case let name as String in enumerator {
                var info = stat()
                if stat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { total += Int64(info.st_size) }
            }
        }
        if !dryRun { try? fm.removeItem(atPath: path) }
        return total
    }
}

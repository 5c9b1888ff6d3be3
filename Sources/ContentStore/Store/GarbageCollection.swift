// gc (DESIGN.md §7): removes action records, blobs, last-run pointers and logs that the given specs
// no longer reach, plus scratch folders and temp files left by crashed runs. The caller computes
// reachability (keys and output digests of every task of every kept graph) and holds the lock.
// Nothing is followed through a symbolic link: a store folder that is a link is refused, a link
// found inside is removed as a link (its target untouched), and folders are removed by TreeRemoval.
import Foundation
import SafeFiles

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
    /// unkept keys, leftovers in `tmp/`, and Slurm job folders no job was submitted for. With
    /// `dryRun`, only counts. Hold the write lock.
    public func collectGarbage(keepingRecords: Set<String>, keepingBlobs: Set<String>, dryRun: Bool) throws -> GarbageReport {
        try checkFolders()
        var report = GarbageReport()
        var blobsToKeep = keepingBlobs

        func remove(_ path: String) -> Int64 { TreeRemoval.remove(path, dryRun: dryRun) }

        // A shard that is not a real folder (a planted link, a stray file) goes itself, never its target.
        for top in ["actions", "cas", "logs"] {
            for shard in Self.list("\(root)/\(top)") where !BoundedFile.isRealDirectory("\(root)/\(top)/\(shard)") {
                report.bytesFreed += remove("\(root)/\(top)/\(shard)")
                report.removedOther += 1
            }
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
        for name in Self.list("\(root)/tasks") {
            report.bytesFreed += remove("\(root)/tasks/\(name)")
            report.removedOther += 1
        }
        if !dryRun { TreeRemoval.remove("\(root)/tasks") }
        for (folder, name) in listTwoLevels("\(root)/logs") {
            let key = name.hasSuffix(".log") ? String(name.dropLast(4)) : ""
            if keepingRecords.contains(key) { continue }
            report.bytesFreed += remove("\(root)/logs/\(folder)/\(name)")
            report.removedLogs += 1
        }
        for name in Self.list("\(root)/tmp") {
            report.bytesFreed += remove("\(root)/tmp/\(name)")
            report.removedOther += 1
        }
        // Slurm job folders prepared for a submission that never happened (sbatch failed, or
        // mixspec died before journalling the job): without an entry no job writes there. A
        // journalled job's folder stays, whatever its key: the job may still be running.
        let journal = JobJournal(store: self)
        if BoundedFile.isRealDirectory(journal.root), BoundedFile.isRealDirectory(journal.root + "/jobs") {
            for key in Self.list(journal.root + "/jobs") where journal.entry(key) == nil {
                report.bytesFreed += remove(journal.jobDirectory(key))
                report.removedOther += 1
            }
        }
        if !dryRun {
            for top in ["actions", "cas", "logs"] {
                // rmdir removes only an empty real folder (never a link).
                for folder in Self.list("\(root)/\(top)") { rmdir("\(root)/\(top)/\(folder)") }
            }
        }
        return report
    }

    /// The store's folders; each must be a real folder (or absent), never a symbolic link.
    static let folders = ["actions", "cas", "tasks", "logs", "tmp", "facts"]

    /// Throws when one of the store's folders is a symbolic link or not a folder: writing or removing
    /// "its" files would reach files outside the store. Checked when the write lock is taken and by gc.
    public func checkFolders() throws {
        for name in Self.folders {
            let path = "\(root)/\(name)"
            guard let kind = BoundedFile.kind(at: path), !BoundedFile.isRealDirectory(path) else { continue }
            let target = BoundedFile.isSymbolicLink(path)
                ? (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " to \($0)" } ?? "" : ""
            throw EngineError.io("store folder \(path) is \(kind)\(target), not a real folder; mixspec writes and "
                + "removes nothing through it (make it a real folder, or point --store at the store it belongs to)")
        }
    }

    /// (shard, name) pairs under `top`, sorted; only real shard folders are entered.
    private func listTwoLevels(_ top: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for folder in Self.list(top) {
            guard BoundedFile.isRealDirectory(top + "/" + folder) else { continue }
            for name in Self.list(top + "/" + folder) { out.append((folder, name)) }
        }
        return out
    }

    /// The sorted entries of the real folder `path` (none when it is absent, a link or not a folder).
    static func list(_ path: String) -> [String] {
        guard BoundedFile.isRealDirectory(path) else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

// The journal of tasks handed to a cluster (DESIGN.md §6, `slurm`): which job runs the task of
// each key. An entry is written as soon as the job id is known, before the task waits, so that a
// later run finds it and re-attaches to the job instead of submitting the task again; it is removed
// once the job's result has been collected, or the job cancelled. Entries live in the store, next
// to the job's own files (the store must be on a filesystem the compute nodes share):
//   jobs/<key>/job   the entry, one `name value` pair a line
import Compiler
import Foundation
import SafeFiles

/// One submitted job of one task.
public struct JobEntry: Sendable, Equatable {
    /// The scheduler's id of the job, `123` or an array element `123_7`.
    public var job: String
    /// The job's name (`squeue --name` finds it).
    public var name: String
    /// The task it computes.
    public var taskID: TaskID
    /// The spec whose run submitted it (its last-run index name).
    public var spec: String
    /// 0 for the first submission; each resubmission (preemption, node failure) adds one.
    public var attempt: Int

    public init(job: String, name: String, taskID: TaskID, spec: String, attempt: Int) {
        self.job = job; self.name = name; self.taskID = taskID; self.spec = spec; self.attempt = attempt
    }

    /// The id of the whole array (`123` of `123_7`): what `scancel` and `squeue` take.
    public var arrayJob: String { String(job.split(separator: "_", maxSplits: 1).first ?? Substring(job)) }

    /// The array element (`7` of `123_7`), nil for a job submitted alone.
    public var arrayIndex: Int? {
        let parts = job.split(separator: "_", maxSplits: 1)
        return parts.count == 2 ? Int(parts[1]) : nil
    }

    var text: String {
        "job \(job)\nname \(name)\ntask \(taskID.rawValue)\nspec \(spec)\nattempt \(attempt)\n"
    }

    static func parse(_ data: Data) -> JobEntry? {
        var fields: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        guard let job = fields["job"], !job.isEmpty, let name = fields["name"], let task = fields["task"],
              let spec = fields["spec"], let attempt = fields["attempt"].flatMap(Int.init), attempt >= 0 else { return nil }
        return JobEntry(job: job, name: name, taskID: TaskID(task), spec: spec, attempt: attempt)
    }
}

/// The store's journal of submitted jobs, keyed by task key.
public struct JobJournal: Sendable {
    /// The folder of all job files: `<store>/slurm`.
    public let root: String
    private let storeRoot: String

    public init(store: Store) {
        self.storeRoot = store.root
        self.root = store.root + "/slurm"
    }

    /// The folder of the task with `key`: its scripts, mixture, `{out}`, log and exit-code file.
    public func jobDirectory(_ key: String) -> String { "\(root)/jobs/\(key)" }

    /// The folder of one submission (an array or a single job): its script and task list.
    public func submissionDirectory(_ name: String) -> String { "\(root)/submissions/\(name)" }

    /// The entry of `key`, if a job for it was submitted and not yet collected or cancelled.
    public func entry(_ key: String) -> JobEntry? {
        guard let data = try? BoundedFile.read(jobDirectory(key) + "/job", limit: ReadLimits.smallFile) else { return nil }
        return JobEntry.parse(data)
    }

    /// Records that `key`'s task runs as `entry`. Not fsynced: the journal must survive mixspec's
    /// death (the kernel keeps the write), and a crash of the whole machine loses the jobs anyway.
    public func record(_ entry: JobEntry, for key: String) throws {
        try AtomicFile.write(Data(entry.text.utf8), to: jobDirectory(key) + "/job", durable: false, inside: storeRoot)
    }

    /// Forgets `key`'s job and removes its folder (never following a link planted in it).
    public func remove(_ key: String) {
        TreeRemoval.remove(jobDirectory(key))
    }

    /// Every recorded entry, by key, in key order.
    public func all() -> [(key: String, entry: JobEntry)] {
        let keys = (try? FileManager.default.contentsOfDirectory(atPath: root + "/jobs")) ?? []
        return keys.sorted().compactMap { key in entry(key).map { (key, $0) } }
    }

    /// Names of the submission folders, sorted.
    public func submissions() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/submissions")) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}

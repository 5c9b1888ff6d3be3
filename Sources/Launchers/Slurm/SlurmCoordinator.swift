// The shared state of one run's Slurm launcher: it collects ready tasks for a short window and
// submits them as one `sbatch --array` per kind (split at the cluster's MaxArraySize), journals
// every job before the waiting task resumes, and runs one polling loop for all waiting tasks
// (exit-code files every second, `squeue` with back-off). On cancellation it `scancel`s every job
// of the run once and forgets them.
import Compiler
import ContentStore
import Foundation
import SafeFiles
import SpecModel

/// How a job ended, seen from the submitting machine.
enum SlurmJobEnd: Sendable, Equatable {
    /// The wrapper wrote the command's exit status.
    case exited(Int32)
    /// The job left the queue without an exit-code file; Slurm's last known state (nil: none).
    case vanished(SlurmJobState?)
}

actor SlurmCoordinator {
    let resources: Slurm
    let journal: JobJournal
    let commands: SlurmCommands
    /// Recent `squeue` answers per job name, and the queries in flight (see `queueStates`).
    private var queueSnapshots: [String: (at: Date, states: [String: SlurmJobState])] = [:]
    private var queueQueries: [String: Task<[String: SlurmJobState]?, Never>] = [:]
    let options: SlurmLauncherOptions
    let workingDirectory: String

    private struct Queued {
        var key: String
        var taskID: TaskID
        var attempt: Int
        var continuation: CheckedContinuation<JobEntry, any Error>
    }

    private struct Waiter {
        var entry: JobEntry
        var continuation: CheckedContinuation<SlurmJobEnd, any Error>
        /// When the job was first seen gone from the queue (or ended) without an exit-code file.
        var goneSince: Date?
        var lastState: SlurmJobState?
    }

    private var queued: [String: [Queued]] = [:]
    private var flushing = false
    private var lastArrival = Date()
    private var waiters: [String: Waiter] = [:]
    private var polling = false
    private var squeueInterval: Double
    private var nextSqueue = Date()
    /// Jobs and keys of this run (submitted or re-attached): what a cancel `scancel`s and forgets.
    private var runJobs: Set<String> = []
    private var runKeys: Set<String> = []
    private var cancelling: Task<Void, Never>?
    private var maxArraySize: Int?
    private var recovery: Task<Void, Never>?
    private var counter = 0
    private let token = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    private(set) var statistics = SlurmStatistics()
    private var firstSqueue: Date?

    init(resources: Slurm, journal: JobJournal, options: SlurmLauncherOptions, workingDirectory: String) {
        self.resources = resources
        self.journal = journal
        self.commands = SlurmCommands(scratch: journal.root + "/tmp")
        self.options = options
        self.workingDirectory = workingDirectory
        self.squeueInterval = options.firstPoll
    }

    // MARK: Submission

    /// Queues `key`'s prepared task for the next submission of its `group` (task kind) and returns
    /// its journalled job once sbatch has accepted it.
    func submit(key: String, taskID: TaskID, group: String, attempt: Int) async throws -> JobEntry {
        try await withCheckedThrowingContinuation { continuation in
            // A cancel that came before this point has already swept the queue: do not queue.
            if Task.isCancelled || cancelling != nil {
                continuation.resume(throwing: CancellationError())
                return
            }
            queued[group, default: []].append(Queued(key: key, taskID: taskID, attempt: attempt, continuation: continuation))
            lastArrival = Date()
            if !flushing {
                flushing = true
                Task { await self.flushAfterWindow() }
            }
        }
    }

    /// Waits until arrivals pause for `batchWindow` (or `batchMaxDelay` passed), then submits.
    private func flushAfterWindow() async {
        let start = Date()
        while true {
            try? await Task.sleep(nanoseconds: UInt64(options.batchWindow * 1e9))
            let now = Date()
            if now.timeIntervalSince(lastArrival) >= options.batchWindow || now.timeIntervalSince(start) >= options.batchMaxDelay { break }
        }
        let groups = queued
        queued = [:]
        flushing = false
        // Elements in task order: element i of a swarm's array is its i-th ready task.
        for group in groups.keys.sorted() { await submitGroup(group, (groups[group] ?? []).sorted { $0.taskID < $1.taskID }) }
    }

    private func submitGroup(_ group: String, _ items: [Queued]) async {
        let asArray = resources.array
        let size = asArray ? await arraySize() : 1
        var start = 0
        while start < items.count {
            let chunk = Array(items[start..<min(items.count, start + size)])
            start += chunk.count
            await submitChunk(group, chunk, asArray: asArray)
        }
    }

    private func submitChunk(_ group: String, _ chunk: [Queued], asArray: Bool) async {
        if cancelling != nil {
            for item in chunk { item.continuation.resume(throwing: CancellationError()) }
            return
        }
        counter += 1
        let name = "mixspec-\(options.specName)-\(token)-\(counter)"
        let folder = journal.submissionDirectory(name)
        let jobID: String
        do {
            // The task list is written before sbatch runs: if mixspec dies before it journals the
            // job id, the next run finds the job by this name and adopts it (see `recover`).
            let tasks = chunk.map { "\($0.key)\t\($0.taskID.rawValue)\t\($0.attempt)" }.joined(separator: "\n") + "\n"
            try AtomicFile.write(Data(("spec \(options.specName) \(asArray ? "array" : "single")\n" + tasks).utf8), to: folder + "/tasks", durable: false)
            let manifest = chunk.map { journal.jobDirectory($0.key) }.joined(separator: "\n") + "\n"
            try AtomicFile.write(Data(manifest.utf8), to: folder + "/manifest", durable: false)
            try AtomicFile.write(Data(SlurmScripts.submissionScript(manifest: folder + "/manifest").utf8), to: folder + "/submit.sh", durable: false)
            let comment = chunk.count == 1 ? chunk[0].taskID.rawValue
                : "mixspec \(options.specName): \(chunk.count) \(group) tasks \(chunk[0].taskID.rawValue) to \(chunk[chunk.count - 1].taskID.rawValue); element i is line i+1 of \(folder)/tasks"
            let arguments = SlurmScripts.sbatchArguments(name: name, comment: comment, count: chunk.count, asArray: asArray,
                                                         resources: resources, submissionDirectory: folder,
                                                         workingDirectory: workingDirectory)
            let started = Date()
            let result = try await commands.run("sbatch", arguments, workingDirectory: workingDirectory)
            statistics.sbatchCalls += 1
            statistics.sbatchSeconds += Date().timeIntervalSince(started)
            guard result.succeeded else {
                throw EngineError.taskFailed("sbatch refused the job (exit \(result.status)): \(result.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            guard let id = Self.parseJobID(result.output) else {
                throw EngineError.taskFailed("sbatch printed no job id: \(result.output.prefix(200))")
            }
            jobID = id
            try AtomicFile.write(Data((id + "\n").utf8), to: folder + "/jobid", durable: false)
        } catch {
            TreeRemoval.remove(folder)
            for item in chunk { item.continuation.resume(throwing: error) }
            return
        }
        statistics.submittedTasks += chunk.count
        runJobs.insert(jobID)
        if cancelling != nil {
            // Cancelled while sbatch ran: the job must not outlive the run.
            _ = try? await commands.run("scancel", [jobID])
            for item in chunk { item.continuation.resume(throwing: CancellationError()) }
            return
        }
        for (index, item) in chunk.enumerated() {
            let entry = JobEntry(job: asArray ? "\(jobID)_\(index)" : jobID, name: name, taskID: item.taskID,
                                 spec: options.specName, attempt: item.attempt)
            do {
                try journal.record(entry, for: item.key)
                runKeys.insert(item.key)
                item.continuation.resume(returning: entry)
            } catch {
                item.continuation.resume(throwing: error)
            }
        }
        // A new submission is checked soon, then less and less often.
        squeueInterval = options.firstPoll
        nextSqueue = Date().addingTimeInterval(options.firstPoll)
    }

    /// `123` of sbatch --parsable's `123` or `123;cluster`.
    static func parseJobID(_ output: String) -> String? {
        let first = output.split(whereSeparator: \.isNewline).last.map { String($0.split(separator: ";").first ?? "") } ?? ""
        let id = first.trimmingCharacters(in: .whitespaces)
        return !id.isEmpty && id.allSatisfy(\.isNumber) ? id : nil
    }

    /// The cluster's MaxArraySize (elements per array), asked once; 1001 (Slurm's default) if unknown.
    private func arraySize() async -> Int {
        if let maxArraySize { return maxArraySize }
        var size = 1001
        if let result = try? await commands.run("scontrol", ["show", "config"]), result.succeeded {
            for line in result.output.split(separator: "\n") where line.hasPrefix("MaxArraySize") {
                if let value = line.split(separator: "=").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), value > 0 {
                    size = value
                }
            }
        }
        maxArraySize = size
        return size
    }

    // MARK: Re-attaching

    /// Once per run, before any task looks for its entry: adopts submissions whose job id was
    /// never journalled (mixspec died inside sbatch) by finding their job by name, and removes
    /// submission folders no task uses any more. Every caller waits for the one recovery.
    func recover() async {
        if recovery == nil { recovery = Task { await self.recoverSubmissions() } }
        await recovery?.value
    }

    private func recoverSubmissions() async {
        for name in journal.submissions() {
            let folder = journal.submissionDirectory(name)
            guard let tasksData = try? BoundedFile.read(folder + "/tasks", limit: ReadLimits.storeIndex) else {
                TreeRemoval.remove(folder)
                continue
            }
            let lines = String(decoding: tasksData, as: UTF8.self).split(separator: "\n")
            let header = lines.first?.split(separator: " ").map(String.init) ?? []
            guard header.count == 3, header[0] == "spec" else {
                TreeRemoval.remove(folder)
                continue
            }
            let spec = header[1], asArray = header[2] == "array"
            let tasks = lines.dropFirst().map { $0.split(separator: "\t").map(String.init) }.filter { $0.count == 3 }
            var jobID = (try? BoundedFile.read(folder + "/jobid", limit: 64)).flatMap { $0 }
                .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            if jobID == nil, let result = try? await commands.run("squeue", ["-h", "-t", "all", "--name=\(name)", "-o", "%F"]),
               result.succeeded {
                jobID = Self.parseJobID(result.output.split(separator: "\n").first.map(String.init) ?? "")
                if let jobID { try? AtomicFile.write(Data((jobID + "\n").utf8), to: folder + "/jobid", durable: false) }
            }
            var used = false
            if let jobID {
                for (index, task) in tasks.enumerated() {
                    let key = task[0]
                    if let entry = journal.entry(key) {
                        if entry.name == name { used = true }
                        continue
                    }
                    // Only a task whose folder still exists was waiting for this job (collected and
                    // cancelled tasks have their folder removed).
                    guard BoundedFile.isRealDirectory(journal.jobDirectory(key)) else { continue }
                    let job = asArray ? "\(jobID)_\(index)" : jobID
                    let entry = JobEntry(job: job, name: name, taskID: TaskID(task[1]), spec: spec, attempt: Int(task[2]) ?? 0)
                    if (try? journal.record(entry, for: key)) != nil { used = true }
                }
            }
            if !used { TreeRemoval.remove(folder) }
        }
    }

    /// Counts `entry`'s job as one of this run's (a cancel reaches it).
    func adopt(_ entry: JobEntry, key: String) {
        runJobs.insert(entry.arrayJob)
        runKeys.insert(key)
    }

    // MARK: Waiting

    /// Waits until `entry`'s job writes its exit code or leaves the queue without one.
    func wait(key: String, entry: JobEntry) async throws -> SlurmJobEnd {
        adopt(entry, key: key)
        return try await withCheckedThrowingContinuation { continuation in
            if Task.isCancelled || cancelling != nil {
                continuation.resume(throwing: CancellationError())
                return
            }
            if let code = Self.exitCode(in: journal.jobDirectory(key)) {
                continuation.resume(returning: .exited(code))
                return
            }
            waiters[key] = Waiter(entry: entry, continuation: continuation)
            if !polling {
                polling = true
                if nextSqueue < Date() { nextSqueue = Date().addingTimeInterval(squeueInterval) }
                Task { await self.poll() }
            }
        }
    }

    /// Stops waiting for `key` (its task was cancelled).
    func dropWaiter(_ key: String) {
        waiters.removeValue(forKey: key)?.continuation.resume(throwing: CancellationError())
    }

    /// Drops `key` from the submission queue (its task was cancelled before sbatch ran).
    func dropQueued(_ key: String) {
        for group in queued.keys {
            guard let items = queued[group], let position = items.firstIndex(where: { $0.key == key }) else { continue }
            queued[group]?.remove(at: position)
            items[position].continuation.resume(throwing: CancellationError())
        }
    }

    private func poll() async {
        while !waiters.isEmpty {
            // A stat per waiting job is cheap locally but a GETATTR each on NFS: at most about
            // 2,000 a second, so a 10,000-task swarm checks its files every 5 s.
            let interval = max(options.fileCheckInterval, Double(waiters.count) / 2000)
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            checkExitCodes()
            guard !waiters.isEmpty else { break }
            if Date() >= nextSqueue {
                await checkQueue()
                squeueInterval = min(options.pollCap, squeueInterval * 1.5)
                nextSqueue = Date().addingTimeInterval(squeueInterval)
            }
        }
        polling = false
    }

    private func checkExitCodes() {
        for key in waiters.keys.sorted() {
            if let code = Self.exitCode(in: journal.jobDirectory(key)), let waiter = waiters.removeValue(forKey: key) {
                waiter.continuation.resume(returning: .exited(code))
            }
        }
    }

    /// One `squeue` for every waiting job; jobs gone (or ended) without an exit-code file for
    /// `outputGrace` seconds end as `vanished` with their last known state.
    private func checkQueue() async {
        let names = Set(waiters.values.map(\.entry.name)).sorted()
        guard !names.isEmpty else { return }
        let now = Date()
        if firstSqueue == nil { firstSqueue = now }
        guard let result = try? await commands.run("squeue", SlurmQueue.arguments(names: names)) else { return }
        statistics.squeueCalls += 1
        statistics.squeueSpan = Date().timeIntervalSince(firstSqueue ?? now)
        // A failing squeue (slurmctld restarting) says nothing about the jobs: wait for the next.
        guard result.succeeded else { return }
        let states = SlurmQueue.parse(result.output)
        checkExitCodes()
        var vanished: [(String, Waiter)] = []
        for key in waiters.keys.sorted() {
            guard var waiter = waiters[key] else { continue }
            let state = states[waiter.entry.job]
            if let state, state.isActive {
                waiter.goneSince = nil
                waiter.lastState = state
            } else {
                if let state { waiter.lastState = state }
                if waiter.goneSince == nil { waiter.goneSince = now }
                if now.timeIntervalSince(waiter.goneSince ?? now) >= options.outputGrace {
                    vanished.append((key, waiter))
                    waiters[key] = nil
                    continue
                }
            }
            waiters[key] = waiter
        }
        for (key, waiter) in vanished {
            var state = waiter.lastState
            if state == nil || state?.isActive == true { state = await accountingState(waiter.entry.job) }
            if let code = Self.exitCode(in: journal.jobDirectory(key)) {
                waiter.continuation.resume(returning: .exited(code))
            } else {
                waiter.continuation.resume(returning: .vanished(state?.isActive == true ? nil : state))
            }
        }
    }

    /// The job's state from `sacct`, where the cluster keeps accounting; nil otherwise.
    func accountingState(_ job: String) async -> SlurmJobState? {
        guard let result = try? await commands.run("sacct", ["-n", "-P", "-X", "-j", job, "-o", "State,Reason"]),
              result.succeeded else { return nil }
        return SlurmQueue.parseAccounting(result.output)
    }

    /// The queue's current word on `entry`'s job (for the reason of a failed command).
    func currentState(_ entry: JobEntry) async -> SlurmJobState? {
        if let state = await queueStates(name: entry.name)?[entry.job] { return state }
        return await accountingState(entry.job)
    }

    /// squeue's states of every element of the jobs named `name`, at most a second old: the tasks
    /// of one array that fail together (each asking for its job's state) share one call a second.
    private func queueStates(name: String) async -> [String: SlurmJobState]? {
        if let snapshot = queueSnapshots[name], Date().timeIntervalSince(snapshot.at) < 1 { return snapshot.states }
        if let running = queueQueries[name] { return await running.value }
        let commands = self.commands
        let query = Task { () -> [String: SlurmJobState]? in
            guard let result = try? await commands.run("squeue", SlurmQueue.arguments(names: [name])), result.succeeded else { return nil }
            return SlurmQueue.parse(result.output)
        }
        queueQueries[name] = query
        let states = await query.value
        queueQueries[name] = nil
        if let states {
            statistics.squeueCalls += 1
            queueSnapshots[name] = (Date(), states)
        }
        return states
    }

    /// The state of a job whose wrapper wrote its exit code, once it has left the states of an
    /// ending job (still RUNNING for the moment the wrapper takes to exit, then COMPLETING),
    /// waiting up to `settleSeconds`; nil when Slurm no longer knows the job. Still active after
    /// that, the job was requeued and runs (or waits to run) again.
    func settledState(_ entry: JobEntry, settleSeconds: Double = 15) async -> SlurmJobState? {
        let ending: Set<String> = ["RUNNING", "COMPLETING", "SIGNALING"]
        let deadline = Date().addingTimeInterval(settleSeconds)
        var state = await currentState(entry)
        while let current = state, ending.contains(current.state), Date() < deadline {
            try? await Task.sleep(nanoseconds: 500_000_000)
            state = await currentState(entry)
        }
        return state
    }

    /// Removes a stale exit-code file (left by an attempt Slurm requeued).
    static func removeExitCode(in directory: String) {
        unlink(directory + "/exitcode")
    }

    /// The exit status the wrapper wrote in `directory`, if it did.
    static func exitCode(in directory: String) -> Int32? {
        guard let data = try? BoundedFile.read(directory + "/exitcode", limit: 64) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    // MARK: Cancellation

    /// `scancel`s every job of this run (once, whoever asks first) and forgets them, so the next
    /// run submits their tasks afresh. Runs outside the cancelled task so scancel is not itself cancelled.
    func cancelRun() async {
        if cancelling == nil {
            let jobs = runJobs.sorted(), keys = runKeys, journal = self.journal, commands = self.commands
            for group in queued.keys { for item in queued[group] ?? [] { item.continuation.resume(throwing: CancellationError()) } }
            queued = [:]
            for (_, waiter) in waiters { waiter.continuation.resume(throwing: CancellationError()) }
            waiters = [:]
            cancelling = Task.detached {
                if !jobs.isEmpty { _ = try? await commands.run("scancel", jobs) }
                for key in keys { journal.remove(key) }
            }
        }
        await cancelling?.value
    }
}

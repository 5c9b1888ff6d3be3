import ArgumentParser
import Compiler
import ContentStore
import Foundation
import Pipeline
import SafeFiles

/// `mixspec logs SPEC TASK`: the log of a task's current key (kept for failed and succeeded runs).
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the log of a task's current key (its trainer's output, warnings, timings).",
        discussion: """
        Logs are kept per task and key. When the current key has no log in the store (its result \
        came from another spec's run, or gc removed the log), a note on stderr says so and the \
        newest log of the task is printed, with its key and date.
        """
    )

    @OptionGroup var options: SpecOptions

    @Argument(help: "The task id, e.g. train/small/0003/s0.")
    var task: String

    func run() throws {
        let session = try options.open()
        let id = try requireTask(task, in: session, spec: options.spec)
        let log: StoredLog
        switch session.log(of: id) {
        case .current(let current):
            log = current
        case .computedAs(let producer, let other):
            log = other
            note("the current result of \(task) (key \(other.key.prefix(12))…) was computed as task \(producer); showing its log")
        case .latest(let latest, let reason):
            log = latest
            note("\(task): \(reason); showing its latest log instead, of key \(latest.key.prefix(12))…, written \(ActionRecord.timestamp(latest.modified))")
        case .none:
            throw fail("task '\(task)' has no log yet: it has not run against this store")
        }
        // A regular file only (never a link, FIFO or device), copied in chunks: logs can be long.
        let opened: Int32?
        do { opened = try BoundedFile.openRegular(log.path) } catch { throw fail("\(error)") }
        guard let fd = opened else { throw fail("cannot read the log \(log.path)") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            FileHandle.standardOutput.write(chunk)
        }
    }

    private func note(_ text: String) { DiagnosticsOutput.writeStderr("note: \(text)\n") }
}

import ArgumentParser
import Compiler
import ContentStore
import Foundation
import SafeFiles

/// `mixspec logs SPEC TASK`: the latest log of a task (kept for failed and succeeded runs).
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the latest log of a task (its trainer's output, warnings, timings)."
    )

    @OptionGroup var options: SpecOptions

    @Argument(help: "The task id, e.g. train/small/0003/s0.")
    var task: String

    func run() throws {
        let session = try options.open()
        let id = try requireTask(task, in: session, spec: options.spec)
        guard let path = session.store.latestLog(for: id) else {
            throw fail("task '\(task)' has no log yet: it has not run against this store")
        }
        // A regular file only (never a link, FIFO or device), copied in chunks: logs can be long.
        let opened: Int32?
        do { opened = try BoundedFile.openRegular(path) } catch { throw fail("\(error)") }
        guard let fd = opened else { throw fail("task '\(task)' has no log yet: it has not run against this store") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            FileHandle.standardOutput.write(chunk)
        }
    }
}

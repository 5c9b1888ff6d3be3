// Run progress on standard error: on a terminal, one live status line (done / running / cached /
// failed, elapsed, an estimate from the mean executed-task time), redrawn at most 10 times a
// second; otherwise plain lines, one per executed or failed task (cached tasks are counted in
// the summary rather than listed, so a 10,000-task no-op run prints one line).
import Compiler
import ContentStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints run progress to a file descriptor (standard error by default).
public final class ProgressPrinter: RunObserver, @unchecked Sendable {
    private let lock = NSLock()
    private let fd: Int32
    private let live: Bool
    private var total = 0
    private var jobs = 1
    private var done = 0
    private var runningIDs: Set<TaskID> = []
    private var running: Int { runningIDs.count }
    private var executed = 0
    private var cached = 0
    private var failed = 0
    private var skipped = 0
    private var submitted = 0
    private var executedSeconds = 0.0
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lineVisible = false

    /// A printer on `fd`; `live` defaults to whether `fd` is a terminal.
    public init(fd: Int32 = 2, live: Bool? = nil) {
        self.fd = fd
        self.live = live ?? (isatty(fd) == 1)
    }

    public func runStarted(total: Int, jobs: Int) {
        lock.lock(); defer { lock.unlock() }
        self.total = total
        self.jobs = jobs
    }

    public func taskStarted(_ id: TaskID) {
        lock.lock(); defer { lock.unlock() }
        runningIDs.insert(id)
        if live { draw(force: false) } else { emit("start  \(id)") }
    }

    public func taskFinished(_ result: TaskResult) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        let wasRunning = runningIDs.remove(result.id) != nil
        switch result.outcome {
        case .executed:
            executed += 1; executedSeconds += result.duration
            line(String(format: "done   %@ (%.2f s)", result.id.rawValue, result.duration))
        case .failed:
            failed += 1
            line("FAILED \(result.id): \(result.message ?? "")")
        case .cancelled where wasRunning:
            skipped += 1
            line("cancelled \(result.id)")
        case .cached: cached += 1
        case .submitted:
            submitted += 1
            line("submitted \(result.id): \(result.message ?? "")")
        case .skipped, .cancelled: skipped += 1
        }
        if live { draw(force: done == total) }
    }

    public func runFinished(_ report: RunReport) {
        lock.lock(); defer { lock.unlock() }
        if live, lineVisible { emit("\r\u{1B}[K", newline: false); lineVisible = false }
        emit(String(format: "%d executed, %d cached, %d failed, %d not run in %.2f s",
                     report.executed, report.cached, report.failed, report.skipped, report.elapsed)
             + (report.submitted > 0 ? " (\(report.submitted) submitted, still running)" : "")
             + (report.wasCancelled ? " (cancelled)" : ""))
    }

    /// A permanent line (above the live line on a terminal).
    private func line(_ text: String) {
        if live {
            emit("\r\u{1B}[K" + text)
            lineVisible = false
            draw(force: true)
        } else {
            emit(text)
        }
    }

    private func draw(force: Bool) {
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        var status = "[\(done)/\(total)] \(running) running, \(executed) done, \(cached) cached, \(failed) failed"
        status += String(format: ", %.0f s", elapsed)
        if executed > 0, done < total {
            let remainingSeconds = executedSeconds / Double(executed) * Double(total - done) / Double(max(1, jobs))
            status += String(format: ", about %.0f s left", remainingSeconds)
        }
        // A status line wider than the terminal would wrap and defeat the carriage return.
        let width = terminalWidth()
        if status.count >= width { status = String(status.prefix(max(10, width - 2))) + "…" }
        emit("\r\u{1B}[K" + status, newline: false)
        lineVisible = true
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 120 }
        return Int(size.ws_col)
    }

    private func emit(_ text: String, newline: Bool = true) {
        let data = Data((newline ? text + "\n" : text).utf8)
        try? AtomicFile.writeAll(fd: fd, data: data, path: "standard error")
    }
}

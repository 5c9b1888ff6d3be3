import ArgumentParser
import ContentStore
import Foundation
import Pipeline
import SpecModel

/// `mixspec gc SPEC…`: remove from the store what none of the given specs reaches.
struct GcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove stored results, blobs and logs that none of the given specs still reaches.",
        discussion: """
        Name every spec that shares the store: what none of them reaches (results of old parameters, \
        superseded outputs) is deleted. Takes the store's write lock. --dry-run only reports.
        """
    )

    @Argument(help: "Every spec whose results must be kept.")
    var specs: [String]

    @Option(name: .long, help: ArgumentHelp("The store folder (default: $MIXSPEC_STORE, else .mixspec/ beside the specs).", valueName: "DIR"))
    var store: String?

    @Flag(name: .long, help: "Report what would be removed without removing anything.")
    var dryRun = false

    func validate() throws {
        if specs.isEmpty { throw ValidationError("give at least one spec file") }
    }

    func run() async throws {
        var byStore: [String: (session: SpecSession, records: Set<String>, blobs: Set<String>)] = [:]
        for path in specs {
            let session = try SpecOptions.parse([path] + (store.map { ["--store", $0] } ?? [])).open()
            let reach = session.reachable()
            var entry = byStore[session.store.root] ?? (session, [], [])
            entry.records.formUnion(reach.records)
            entry.blobs.formUnion(reach.blobs)
            byStore[session.store.root] = entry
        }
        for (root, entry) in byStore.sorted(by: { $0.key < $1.key }) {
            let report: GarbageReport
            do {
                let lock = try await StoreLock.acquire(entry.session.store, wait: true, onWait: EngineMessages.lockWait)
                defer { lock.release() }
                report = try entry.session.store.collectGarbage(keepingRecords: entry.records, keepingBlobs: entry.blobs, dryRun: dryRun)
            } catch {
                throw fail("\(error)")
            }
            let verb = dryRun ? "would remove" : "removed"
            printOut("\(root): \(verb) \(report.removedRecords) records, \(report.removedBlobs) blobs, \(report.removedLogs) logs"
                + (report.removedOther > 0 ? ", \(report.removedOther) other files" : "")
                + "; \(formatBytes(report.bytesFreed)) \(dryRun ? "would be " : "")freed\n")
        }
    }

    private func formatBytes(_ n: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n), unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}

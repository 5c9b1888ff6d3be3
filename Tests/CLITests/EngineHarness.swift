// Drives the real `mixspec` binary for the engine's end-to-end tests: a scratch folder per test
// with a spec whose trainer is the python fixture (Tests/EngineTestSupport/Fixtures/fake_trainer.py),
// helpers to run the binary to completion or in the background, and readers for its JSON output.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `mixspec` binary and the fixtures the engine tests use.
enum EngineCLI {
    static let repoRoot: URL = CLI.repoRoot

    static let fakeTrainer: String = repoRoot.appendingPathComponent("Tests/EngineTestSupport/Fixtures/fake_trainer.py").path

    /// The built `mixspec` (found as the CLI tests find it).
    static let binary: String? = CLI.binary?.path

    /// Whether python3 is on PATH (the fixture trainer needs it).
    static let hasPython: Bool = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
    }()

    /// The argv template of the fixture trainer, as a YAML flow sequence.
    static var trainerCommand: String {
        "[python3, \"\(fakeTrainer)\", \"{mixture}\", \"{out}\", \"{run}\", \"{seed}\", \"{model.size}\", \"{tokens}\"]"
    }

    /// A small spec: three data-less domains, `count` proxies trained by the fixture (or by the
    /// argv template `trainer`), a linear fit.
    static func spec(name: String = "e2e", count: Int = 32, topK: Int = 16, regression: String = "{model: linear, folds: 4}",
                     trainer: String = trainerCommand) -> String {
        """
        mixspec: 1
        name: \(name)
        domains:
          web: {tokens: 4M}
          code: {tokens: 1M}
          wiki: {tokens: 2M}
        proxies:
          count: \(count)
          models:
            - {name: tiny, size: 100k, tokens: 1000000}
          trainer:
            command: \(trainer)
        regression: \(regression)
        objective:
          minimize: mean(loss.web, loss.code, loss.wiki)
        search:
          candidates: 2000
          top_k: \(topK)
          seed: 7

        """
    }
}

/// The outcome of one `mixspec` invocation.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
    }

    /// `run --json` counts.
    var executed: Int { json["executed"] as? Int ?? -1 }
    var cached: Int { json["cached"] as? Int ?? -1 }
    var failed: Int { json["failed"] as? Int ?? -1 }

    /// `run --json`: executed tasks of one kind.
    func executed(_ kind: String) -> Int {
        ((json["executed_by_kind"] as? [String: Any])?[kind] as? Int) ?? 0
    }

    /// `run --json`: the output digest of task `id`.
    func output(of id: String) -> String? {
        ((json["tasks"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == id }?["output"] as? String
    }

    /// `plan --json`: (id, kind, state) of every task.
    var planTasks: [(id: String, kind: String, state: String)] {
        ((json["tasks"] as? [[String: Any]]) ?? []).map {
            ($0["id"] as? String ?? "", $0["kind"] as? String ?? "", $0["state"] as? String ?? "")
        }
    }

    var summary: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// A running `mixspec` started in the background.
final class BackgroundRun: @unchecked Sendable {
    let process: Process
    private let out: URL
    private let err: URL

    init(process: Process, out: URL, err: URL) { self.process = process; self.out = out; self.err = err }

    /// Waits for it to end and returns its result.
    func wait() throws -> CLIResult {
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// SIGKILL, then reap.
    func kill9() {
        _ = kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A scratch folder holding a spec, removed when the test ends.
final class Workspace {
    let root: URL
    let pids: URL
    let trainerLog: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-e2e-\(UUID().uuidString)")
        pids = root.appendingPathComponent("pids")
        trainerLog = root.appendingPathComponent("trainer.log")
        try FileManager.default.createDirectory(at: pids, withIntermediateDirectories: true)
    }

    deinit {
        killTrainers()
        try? FileManager.default.removeItem(at: root)
    }

    var specPath: String { root.appendingPathComponent("spec.yaml").path }
    var storePath: String { root.appendingPathComponent(".mixspec").path }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ text: String, to relative: String = "spec.yaml") throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(relative))
    }

    func read(_ relative: String) -> Data? { FileManager.default.contents(atPath: path(relative)) }

    /// Run ids the fixture trainer started since the log was last cleared.
    func trainedRuns() -> [String] {
        guard let data = read("trainer.log") else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func clearTrainerLog() { try? FileManager.default.removeItem(at: trainerLog) }

    /// The environment every invocation gets: the trainer's execution log and pid folder.
    func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "MIXSPEC_STORE")
        env["FAKE_TRAINER_LOG"] = trainerLog.path
        env["FAKE_TRAINER_PIDS"] = pids.path
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Starts `mixspec args…` in the workspace folder.
    func start(_ args: [String], environment extra: [String: String] = [:]) throws -> BackgroundRun {
        guard let binary = EngineCLI.binary else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "mixspec binary not found"])
        }
        let tag = UUID().uuidString
        let out = root.appendingPathComponent("stdout-\(tag)"), err = root.appendingPathComponent("stderr-\(tag)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        process.currentDirectoryURL = root
        process.environment = environment(extra)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return BackgroundRun(process: process, out: out, err: err)
    }

    /// Runs `mixspec args…` to completion.
    @discardableResult
    func mixspec(_ args: [String], environment extra: [String: String] = [:]) throws -> CLIResult {
        try start(args, environment: extra).wait()
    }

    /// SIGKILLs every fixture trainer of this workspace that recorded its pid and is still alive.
    /// A pid is killed only while its command line still names this workspace (pids are reused).
    func killTrainers() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pids.path)) ?? []
        for name in names {
            if let pid = pid_t(name), let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
               String(decoding: cmdline, as: UTF8.self).contains(root.path) {
                _ = kill(pid, SIGKILL)
            }
            try? FileManager.default.removeItem(at: pids.appendingPathComponent(name))
        }
    }

    /// Every file under `out/<name>/`, relative path → bytes.
    func outputs(name: String = "e2e") -> [String: Data] {
        let folder = root.appendingPathComponent("out/\(name)")
        var result: [String: Data] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            result[file] = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path)
        }
        return result
    }

    /// Polls until `condition` holds or `seconds` pass.
    func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}

extension EngineCLI {
    /// Whether the end-to-end tests can run here (decided once).
    static let canRun: Bool = binary != nil && hasPython
}

extension Trait where Self == ConditionTrait {
    /// End-to-end engine tests: reported as skipped, not passed, where they cannot run.
    static var engineCLI: Self {
        .enabled(if: EngineCLI.canRun, "needs the built mixspec binary and python3 on PATH (the fixture trainer)")
    }

    /// Tests that run the built `mixspec` binary.
    static var mixspecBinary: Self {
        .enabled(if: CLI.binary != nil, "needs the mixspec binary built next to the tests")
    }
}

/// Runs a tool found on PATH (`/usr/bin/env argv…`) to completion: its exit status and standard
/// output (standard error is dropped).
func runTool(_ argv: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = argv
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

// The Slurm tests' side of the harness: whether a Slurm cluster answers here, a workspace whose
// `sbatch` is a shim counting submissions before handing over to the real one, and queue queries.
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cluster the Slurm tests submit to (.ci/slurm-single-node.sh starts one in CI).
enum SlurmCluster {
    /// The real `sbatch` on PATH, if any.
    static let sbatch: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/sbatch" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// True when sbatch exists and `sinfo` reports a usable node (decided once).
    static let isUp: Bool = {
        guard sbatch != nil, let out = try? command("sinfo", ["-h", "-o", "%t"]) else { return false }
        return out.split(separator: "\n").contains { ["idle", "mix", "alloc"].contains($0.trimmingCharacters(in: .whitespaces)) }
    }()

    /// Runs a Slurm client command and returns its stdout (throws on a non-zero exit).
    @discardableResult
    static func command(_ program: String, _ arguments: [String]) throws -> String {
        let result = try runTool([program] + arguments)
        guard result.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(program) exited \(result.status)"])
        }
        return String(decoding: result.output, as: UTF8.self)
    }

    /// `squeue` lines `job|state` (array elements one by one) of every job whose name starts with `prefix`.
    static func jobs(namePrefix prefix: String, states: String = "all") -> [(job: String, state: String)] {
        let out = (try? command("squeue", ["-h", "-r", "-t", states, "-o", "%i|%T|%j"])) ?? ""
        return out.split(separator: "\n").compactMap { line in
            let f = line.split(separator: "|").map(String.init)
            return f.count == 3 && f[2].hasPrefix(prefix) ? (f[0], f[1]) : nil
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Tests that submit real jobs: reported as skipped where no Slurm cluster answers.
    static var slurm: Self {
        .enabled(if: EngineCLI.canRun && SlurmCluster.isUp,
                 "needs a running Slurm cluster (sinfo, sbatch; .ci/slurm-single-node.sh starts one), the mixspec binary and python3")
    }
}

extension Workspace {
    /// The environment of a Slurm run: an `sbatch` shim first on PATH that logs each submission,
    /// and fast polling (the defaults suit real clusters, not a test).
    func slurmEnvironment(_ extra: [String: String] = [:]) throws -> [String: String] {
        let bin = path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let shim = "#!/bin/sh\necho \"$*\" >> '\(path("sbatch.log"))'\nexec '\(SlurmCluster.sbatch ?? "sbatch")' \"$@\"\n"
        try Data(shim.utf8).write(to: URL(fileURLWithPath: bin + "/sbatch"))
        _ = chmod(bin + "/sbatch", 0o755)
        var env = extra
        env["PATH"] = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        env["MIXSPEC_SLURM_POLL"] = env["MIXSPEC_SLURM_POLL"] ?? "0.5,2"
        env["MIXSPEC_SLURM_OUTPUT_GRACE"] = env["MIXSPEC_SLURM_OUTPUT_GRACE"] ?? "3"
        return env
    }

    /// sbatch calls so far, and the array elements they asked for.
    var submissions: (calls: Int, elements: Int) {
        let lines = read("sbatch.log").map { String(decoding: $0, as: UTF8.self).split(separator: "\n") } ?? []
        var elements = 0
        for line in lines {
            if let range = line.range(of: "--array=0-") {
                let digits = line[range.upperBound...].prefix { $0.isNumber }
                elements += (Int(digits) ?? 0) + 1
            } else {
                elements += 1
            }
        }
        return (lines.count, elements)
    }

    /// Entries of the store's job journal (tasks whose job is submitted and not yet collected).
    var journalledJobs: Int {
        let jobs = storePath + "/slurm/jobs"
        return ((try? FileManager.default.contentsOfDirectory(atPath: jobs)) ?? []).filter {
            FileManager.default.fileExists(atPath: "\(jobs)/\($0)/job")
        }.count
    }
}

extension EngineCLI {
    /// `spec(...)` with `slurm:` settings added to the trainer.
    static func slurmSpec(name: String = "e2e", count: Int, topK: Int = 16,
                          slurm: String = "{partition: debug, time: \"00:10:00\"}") -> String {
        spec(name: name, count: count, topK: topK)
            .replacingOccurrences(of: "    command: \(trainerCommand)\n", with: "    command: \(trainerCommand)\n    slurm: \(slurm)\n")
    }
}

// The Slurm tests wait for processes for many seconds. Waiting in a synchronous test would hold one
// of the cooperative pool's threads (one per core: two on CI) that the in-process engine tests
// need to react to cancellation in time; so these tests are async and wait on threads of their own.
extension Workspace: @unchecked Sendable {}


extension Workspace {
    /// `mixspec args…` to completion, waited for off the cooperative pool.
    func run(_ args: [String], environment extra: [String: String] = [:]) async throws -> CLIResult {
        try await offThePool { try self.mixspec(args, environment: extra) }
    }

    /// Polls `condition` every 20 ms (sleeping, not blocking) until it holds or `seconds` pass.
    func eventually(seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return condition()
    }
}

extension BackgroundRun {
    /// `wait()` off the cooperative pool.
    func finish() async throws -> CLIResult { try await offThePool { try self.wait() } }
}

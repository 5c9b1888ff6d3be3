// The Slurm launcher's decisions that a one-node cluster cannot provoke on demand (preemption, a
// store the compute nodes do not share, MaxArraySize), against shims of sbatch / squeue / scontrol
// / scancel / sacct first on PATH: sbatch records the submission and runs the elements itself
// (or not), squeue reports what the test asks. These run without a cluster.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Workspace {
    /// Writes the fake Slurm commands into `fake-slurm/` and returns the environment that puts them
    /// first on PATH. Knobs: FAKE_SLURM_PREEMPT_CALLS=k (the first k submissions are never run and
    /// squeue says PREEMPTED), FAKE_SLURM_SIGNAL_CALLS=k with FAKE_SLURM_SIGNAL_STATE=S (the first k
    /// submissions' commands are killed, their wrappers still write an exit code, and squeue says
    /// S), FAKE_SLURM_LOST=1 (nothing runs, squeue says COMPLETED),
    /// FAKE_SLURM_MAX_ARRAY=n (scontrol's MaxArraySize).
    func fakeSlurmEnvironment(_ extra: [String: String] = [:]) throws -> [String: String] {
        let bin = path("fake-slurm"), w = SlurmShims.quote(root.path)
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let scripts = [
            "sbatch": """
            #!/bin/sh
            W=\(w)
            n=$(( $(cat "$W/sbatch.count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$W/sbatch.count"
            echo "$*" >> "$W/sbatch.log"
            last=; count=1; name=
            for a in "$@"; do
              case "$a" in
                --array=0-*) r=${a#--array=0-}; count=$(( ${r%%%*} + 1 ));;
                --job-name=*) name=${a#--job-name=};;
              esac
              last=$a
            done
            id=$((1000 + n))
            echo "$id $count $name" >> "$W/jobs"
            if [ "$n" -le "${FAKE_SLURM_PREEMPT_CALLS:-0}" ]; then echo "$id" >> "$W/preempted"
            elif [ "$n" -le "${FAKE_SLURM_SIGNAL_CALLS:-0}" ]; then
              # Slurm ends the job and its command dies before the wrapper's trap: an exit code is
              # left, and squeue tells Slurm's reason.
              echo "$id" >> "$W/signalled"
              i=0; while [ $i -lt $count ]; do FAKE_TRAINER_CRASH='*' SLURM_ARRAY_TASK_ID=$i /bin/sh "$last" > /dev/null 2>&1; i=$((i + 1)); done
            elif [ -n "$FAKE_SLURM_KILL_SUBMITTER" ]; then
              # The job runs on; mixspec dies before it learns the job id.
              i=0; while [ $i -lt $count ]; do SLURM_ARRAY_TASK_ID=$i /bin/sh "$last" > /dev/null 2>&1; i=$((i + 1)); done
              kill -9 $PPID
              exit 1
            elif [ -z "$FAKE_SLURM_LOST" ]; then
              i=0; while [ $i -lt $count ]; do SLURM_ARRAY_TASK_ID=$i /bin/sh "$last" > /dev/null 2>&1; i=$((i + 1)); done
            fi
            echo "$id"
            """,
            "squeue": """
            #!/bin/sh
            W=\(w)
            echo x >> "$W/squeue.calls"
            [ -f "$W/jobs" ] || exit 0
            # `squeue --name=NAME -o %F`: the job id of a name.
            for a in "$@"; do case "$a" in --name=*) want=${a#--name=};; esac; last=$a; done
            if [ "$last" = "%F" ]; then
              while read id count name; do [ "$name" = "$want" ] && echo "$id"; done < "$W/jobs"
              exit 0
            fi
            while read id count name; do
              state=
              if grep -qx "$id" "$W/preempted" 2>/dev/null; then state=PREEMPTED
              elif grep -qx "$id" "$W/signalled" 2>/dev/null; then state=$FAKE_SLURM_SIGNAL_STATE
              elif [ -n "$FAKE_SLURM_LOST" ]; then state=COMPLETED; fi
              [ -n "$state" ] || continue
              i=0; while [ $i -lt $count ]; do echo "$id|$i|$state|None"; i=$((i + 1)); done
            done < "$W/jobs"
            """,
            "scontrol": "#!/bin/sh\necho \"MaxArraySize            = ${FAKE_SLURM_MAX_ARRAY:-1001}\"\n",
            "scancel": "#!/bin/sh\necho \"$*\" >> \(w)/scancel.log\n",
            "sacct": "#!/bin/sh\necho 'Slurm accounting storage is disabled' >&2\nexit 1\n",
        ]
        for (name, text) in scripts {
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: bin + "/" + name))
            _ = chmod(bin + "/" + name, 0o755)
        }
        var env = extra
        env["PATH"] = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        env["MIXSPEC_SLURM_POLL"] = "0.2,0.5"
        env["MIXSPEC_SLURM_OUTPUT_GRACE"] = "1"
        return env
    }

    /// Lines of a log the shims wrote.
    func shimLog(_ name: String) -> [String] {
        read(name).map { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init) } ?? []
    }
}

enum SlurmShims {
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

@Suite(.serialized, .engineCLI)
struct SlurmShimTests {
    @Test func preemptedJobsAreSubmittedAgainAndTheRunSucceeds() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "shim", count: 16, topK: 8))
        let run = try await ws.run(["run", "spec.yaml", "--json"], environment: try ws.fakeSlurmEnvironment(["FAKE_SLURM_PREEMPT_CALLS": "1"]))
        #expect(run.status == 0, "\(run.summary)")
        #expect(run.executed("train") == 16)
        // The first array was preempted; its 16 tasks went out again together, as one array.
        #expect(ws.shimLog("sbatch.log").count == 2, "\(ws.shimLog("sbatch.log"))")
        #expect(ws.shimLog("sbatch.log").last?.contains("--array=0-15") == true)
        let logs = try await ws.run(["logs", "spec.yaml", "train/tiny/0002/s0"])
        #expect(logs.stdout.contains("PREEMPTED (was preempted); submitting again (retry 1 of 2)"), "\(logs.stdout)")
        #expect(ws.trainedRuns().count == 16)
    }

    @Test func preemptionBeyondTheRetriesFailsWithTheReason() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "shim", count: 16, topK: 8, slurm: "{retries: 1}"))
        let run = try await ws.run(["run", "spec.yaml", "--json"], environment: try ws.fakeSlurmEnvironment(["FAKE_SLURM_PREEMPT_CALLS": "99"]))
        #expect(run.status == 1, "\(run.summary)")
        #expect(ws.shimLog("sbatch.log").count == 2, "one submission and one retry: \(ws.shimLog("sbatch.log"))")
        #expect(run.stderr.contains("was preempted (PREEMPTED) after 1 resubmission (slurm.retries is 1)"), "\(run.stderr)")
        #expect(ws.journalledJobs == 0)
    }

    /// Slurm signals a job's command and its wrapper at once, so a command killed by a time limit
    /// or a preemption can leave an exit code: Slurm's state, not the code, then decides.
    @Test func anExitCodeLeftByAKilledCommandYieldsToSlurmsReason() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "shim", count: 16, topK: 8))
        let timedOut = try await ws.run(["run", "spec.yaml", "--json", "--keep-going"], environment: try ws.fakeSlurmEnvironment(
            ["FAKE_SLURM_SIGNAL_CALLS": "1", "FAKE_SLURM_SIGNAL_STATE": "TIMEOUT"]))
        #expect(timedOut.status == 1, "\(timedOut.summary)")
        let failures = (timedOut.json["failures"] as? [[String: Any]]) ?? []
        #expect(failures.count == 16, "\(failures)")
        #expect(failures.allSatisfy { ($0["reason"] as? String)?.contains("reached its time limit (TIMEOUT); its command exited with status 137") == true },
                "\(failures.first ?? [:])")
        #expect(ws.shimLog("sbatch.log").count == 1, "a time limit is not retried: \(ws.shimLog("sbatch.log"))")
        #expect(ws.journalledJobs == 0)

        let preempted = try Workspace()
        try preempted.write(EngineCLI.slurmSpec(name: "shim", count: 16, topK: 8))
        let run = try await preempted.run(["run", "spec.yaml", "--json"], environment: try preempted.fakeSlurmEnvironment(
            ["FAKE_SLURM_SIGNAL_CALLS": "1", "FAKE_SLURM_SIGNAL_STATE": "PREEMPTED"]))
        #expect(run.status == 0, "\(run.summary)")
        #expect(run.executed("train") == 16)
        #expect(preempted.shimLog("sbatch.log").count == 2, "resubmitted once, as one array: \(preempted.shimLog("sbatch.log"))")
    }

    @Test func aRunKilledInsideSbatchAdoptsTheJobByNameInsteadOfSubmittingAgain() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "shim", count: 16, topK: 8))
        let killed = try await ws.run(["run", "spec.yaml"], environment: try ws.fakeSlurmEnvironment(["FAKE_SLURM_KILL_SUBMITTER": "1"]))
        #expect(killed.status == SIGKILL, "\(killed.summary)")
        #expect(ws.journalledJobs == 0, "mixspec died before journalling the job id")
        let second = try await ws.run(["run", "spec.yaml", "--json"], environment: try ws.fakeSlurmEnvironment())
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.executed("train") == 16)
        #expect(ws.shimLog("sbatch.log").count == 1, "submitted again: \(ws.shimLog("sbatch.log"))")
        #expect(ws.trainedRuns().count == 16)
    }

    @Test func aJobWhoseFilesNeverAppearHereFailsSayingTheStoreMustBeShared() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "shim", count: 16, topK: 8))
        let run = try await ws.run(["run", "spec.yaml"], environment: try ws.fakeSlurmEnvironment(["FAKE_SLURM_LOST": "1"]))
        #expect(run.status == 1, "\(run.summary)")
        #expect(run.stderr.contains("ended but its exit-code file"), "\(run.stderr)")
        #expect(run.stderr.contains("must be on a filesystem shared with the compute nodes"), "\(run.stderr)")
    }

    @Test func arraysSplitAtMaxArraySizeCarryTheLimitAndArrayFalseSubmitsOneByOne() async throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.slurmSpec(name: "shim", count: 16, topK: 8,
                                         slurm: "{partition: cpu, cpus: 2, memory: 4G, array_limit: 3, extra_args: [--nice=5]}"))
        let run = try await ws.run(["run", "spec.yaml", "--json"], environment: try ws.fakeSlurmEnvironment(["FAKE_SLURM_MAX_ARRAY": "5"]))
        #expect(run.status == 0, "\(run.summary)")
        let calls = ws.shimLog("sbatch.log")
        #expect(calls.count == 4, "16 tasks in arrays of at most 5: \(calls)")
        #expect(calls.allSatisfy { $0.contains("%3") && $0.contains("--partition=cpu") && $0.contains("--cpus-per-task=2")
            && $0.contains("--mem=4G") && $0.contains("--nice=5") && $0.contains("--job-name=mixspec-shim-") }, "\(calls)")
        #expect(calls.first?.contains("--array=0-4%3") == true, "\(calls)")

        let single = try Workspace()
        try single.write(EngineCLI.slurmSpec(name: "shim", count: 16, topK: 8, slurm: "{array: false}"))
        let one = try await single.run(["run", "spec.yaml", "--json"], environment: try single.fakeSlurmEnvironment())
        #expect(one.status == 0, "\(one.summary)")
        let lines = single.shimLog("sbatch.log")
        #expect(lines.count == 16 && lines.allSatisfy { !$0.contains("--array") }, "\(lines)")
        // A job submitted alone carries its task id as its comment.
        #expect(lines.contains { $0.contains("--comment=train/tiny/0007/s0") }, "\(lines)")
        // The same results either way.
        #expect(one.output(of: "search") == run.output(of: "search"))
    }
}

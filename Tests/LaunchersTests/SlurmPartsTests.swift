// The Slurm launcher's pure parts: squeue / sacct parsing, the wrapper script (run by /bin/sh
// here: same argv, placeholders, environment, exit-code file), sbatch arguments, journal entries
// and the polling options read from the environment.
import Compiler
import ContentStore
import Foundation
import Launchers
import SpecModel
import Testing
import TestSupport

struct SlurmPartsTests {
    @Test func squeueLinesBecomeStatesByJobAndArrayElement() {
        let states = SlurmQueue.parse("""
        412|0|RUNNING|None
        412|1|PENDING|Resources
        413|N/A|TIMEOUT|TimeLimit
        notice: something else
        |x|y|z

        """)
        #expect(states["412_0"] == SlurmJobState(state: "RUNNING", reason: "None"))
        #expect(states["412_1"]?.isActive == true)
        #expect(states["413"] == SlurmJobState(state: "TIMEOUT", reason: "TimeLimit"))
        #expect(states["413"]?.isActive == false && states["413"]?.isRetriable == false)
        #expect(SlurmJobState(state: "PREEMPTED", reason: "None").isRetriable)
        #expect(SlurmJobState(state: "NODE_FAIL", reason: "None").isRetriable)
        #expect(states.count == 3)
    }

    @Test func sacctStateWordsAreRead() {
        #expect(SlurmQueue.parseAccounting("CANCELLED by 0|None\n") == SlurmJobState(state: "CANCELLED", reason: "None"))
        #expect(SlurmQueue.parseAccounting("OUT_OF_MEMORY|OutOfMemory\n")?.state == "OUT_OF_MEMORY")
        #expect(SlurmQueue.parseAccounting("") == nil)
        #expect(SlurmQueue.parseAccounting("Slurm accounting storage is disabled") == nil)
        #expect(SlurmQueue.explain("OUT_OF_MEMORY") == "ran out of memory")
        #expect(SlurmQueue.explain("TIMEOUT") == "reached its time limit")
    }

    /// A command killed by scancel or a limit may still leave an exit code (Slurm signals the
    /// command and its wrapper at once): these states, not the code, then give the reason.
    @Test func endsImposedBySlurmAreToldApartFromTheCommandsOwn() {
        for state in ["CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "PREEMPTED", "NODE_FAIL", "BOOT_FAIL", "DEADLINE"] {
            #expect(SlurmQueue.endedBySlurm(state), "\(state)")
        }
        for state in ["COMPLETED", "FAILED", "RUNNING", "PENDING", "COMPLETING"] {
            #expect(!SlurmQueue.endedBySlurm(state), "\(state)")
        }
    }

    @Test func sbatchArgumentsCarryTheResourcesAndTheArrayLimit() {
        let resources = Slurm(partition: "gpu", time: "01:00:00", gpus: 1, cpus: 4, memory: "16G", extraArgs: ["--exclusive"],
                              array: true, arrayLimit: 8, retries: 2)
        let args = SlurmScripts.sbatchArguments(name: "mixspec-s-1", comment: "c", count: 512, asArray: true, resources: resources,
                                                submissionDirectory: "/s/sub", workingDirectory: "/w")
        #expect(args == ["--parsable", "--job-name=mixspec-s-1", "--comment=c", "--chdir=/w", "--array=0-511%8",
                         "--output=/s/sub/slurm-%a.out", "--partition=gpu", "--time=01:00:00", "--gpus=1", "--cpus-per-task=4",
                         "--mem=16G", "--exclusive", "/s/sub/submit.sh"])
        let single = SlurmScripts.sbatchArguments(name: "n", comment: "train/x", count: 1, asArray: false,
                                                  resources: Slurm(partition: nil, time: nil, gpus: nil, cpus: nil, memory: nil, extraArgs: []),
                                                  submissionDirectory: "/s", workingDirectory: "/w")
        #expect(single == ["--parsable", "--job-name=n", "--comment=train/x", "--chdir=/w", "--output=/s/slurm.out", "/s/submit.sh"])
    }

    /// The wrapper, run by /bin/sh as a compute node would: the command sees the placeholders'
    /// values and the MIXSPEC_* variables, runs in the working folder, and the exit code lands last.
    @Test func theTaskWrapperRunsTheCommandAndWritesItsExitCode() throws {
        let scratch = TemporaryFolder()
        defer { scratch.cleanup() }
        let job = scratch.path + "/job dir", work = scratch.path + "/work 'quoted'"
        try FileManager.default.createDirectory(atPath: job, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let request = LaunchRequest(argv: ["/bin/sh", "-c", "pwd; echo \"$0|$1|$MIXSPEC_RUN|$MIXSPEC_SEED\" > \"$1/seen\"; exit 7", "{run}", "{out}"],
                                    weights: [("web", 1)], modelName: "m", modelSize: 10, tokens: 20, seed: 3,
                                    runID: "train/m/0001/s3", workingDirectory: work)
        let script = SlurmScripts.taskScript(request, taskID: "train/m/0001/s3", jobDirectory: job)
        try Data(script.utf8).write(to: URL(fileURLWithPath: job + "/run.sh"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [job + "/run.sh"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 7)
        let code = FileManager.default.contents(atPath: job + "/exitcode").map { String(decoding: $0, as: UTF8.self) }
        #expect(code == "7\n")
        let seen = FileManager.default.contents(atPath: job + "/out/seen").map { String(decoding: $0, as: UTF8.self) }
        #expect(seen == "train/m/0001/s3|\(job)/out|train/m/0001/s3|3\n")
        let log = FileManager.default.contents(atPath: job + "/log").map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(log.contains(work + "\n"), "the command ran elsewhere: \(log)")
    }

    @Test func journalEntriesRoundTripAndAreRemovedWithTheirFolder() throws {
        let scratch = TemporaryFolder()
        defer { scratch.cleanup() }
        let journal = JobJournal(store: Store(root: scratch.path))
        let entry = JobEntry(job: "77_3", name: "mixspec-a-b-1", taskID: TaskID("train/m/0003/s0"), spec: "a", attempt: 1)
        try journal.record(entry, for: "k1")
        #expect(journal.entry("k1") == entry)
        #expect(entry.arrayJob == "77" && entry.arrayIndex == 3)
        #expect(journal.all().map(\.key) == ["k1"])
        journal.remove("k1")
        #expect(journal.entry("k1") == nil && journal.all().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: journal.jobDirectory("k1")))
    }

    @Test func pollingOptionsComeFromTheEnvironmentWhenValid() {
        let tuned = SlurmLauncherOptions.fromEnvironment(specName: "s", detach: false,
                                                        environment: ["MIXSPEC_SLURM_POLL": "0.5,4", "MIXSPEC_SLURM_OUTPUT_GRACE": "5"])
        #expect(tuned.firstPoll == 0.5 && tuned.pollCap == 4 && tuned.outputGrace == 5 && tuned.fileCheckInterval == 0.5)
        let ignored = SlurmLauncherOptions.fromEnvironment(specName: "s", detach: true,
                                                          environment: ["MIXSPEC_SLURM_POLL": "nan,-1", "MIXSPEC_SLURM_OUTPUT_GRACE": "1e99"])
        let defaults = SlurmLauncherOptions(specName: "s", detach: true)
        #expect(ignored.firstPoll == defaults.firstPoll && ignored.pollCap == defaults.pollCap && ignored.outputGrace == defaults.outputGrace)
        #expect(ignored.detach)
    }
}

// SIGKILL of the engine process itself in the middle of a run. The test re-executes this test
// binary with a filter that selects `engineChildProcessRun` (enabled only by the environment
// variables set here), kills it while two trainers are running, and checks the store.
import Compiler
import ContentStore
import Engine
import EngineTestSupport
import Foundation
import Testing
import TestSupport

private let environment = ProcessInfo.processInfo.environment
private let childStore = environment["MIXSPEC_TEST_CHILD_STORE"]

/// The test binary when it can be re-executed (`swift test` runs `…PackageTests.xctest`).
private var testBinary: String? {
    let path = CommandLine.arguments.first ?? ""
    return path.hasSuffix(".xctest") && FileManager.default.isExecutableFile(atPath: path) ? path : nil
}

private let crashGraph = swarmGraph(SwarmParameters(count: 4))

@Suite(.serialized) struct EngineCrashTests {
    /// The child half: a run whose trains 2 and 3 hang until the parent kills this process.
    @Test(.enabled(if: childStore != nil, "runs only as the child of sigkillOfTheEngineMidRun"))
    func engineChildProcessRun() async throws {
        let store = Store(root: try #require(childStore))
        var executor = FixtureTrainExecutor(workingDirectory: try #require(environment["MIXSPEC_TEST_CHILD_WORKDIR"]))
        executor.environment = ["FAKE_TRAINER_SLEEP": "1200", "FAKE_TRAINER_SLEEP_ONLY": "/0002/,/0003/",
                                "FAKE_TRAINER_PIDS": try #require(environment["MIXSPEC_TEST_CHILD_PIDS"])]
        _ = try await runOnce(crashGraph, store: store, executor: executor, options: RunOptions(jobs: 2))
    }

    @Test(.enabled(if: childStore == nil && testBinary != nil, "needs the re-executable test binary"))
    func sigkillOfTheEngineMidRunThenRerunMatchesAnUninterruptedRun() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let storeRoot = folder.path + "/store"
        let pids = folder.path + "/pids"
        try FileManager.default.createDirectory(atPath: pids, withIntermediateDirectories: true)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try #require(testBinary))
        child.arguments = ["--testing-library", "swift-testing", "--filter", "engineChildProcessRun"]
        var env = environment
        env["MIXSPEC_TEST_CHILD_STORE"] = storeRoot
        env["MIXSPEC_TEST_CHILD_WORKDIR"] = folder.path
        env["MIXSPEC_TEST_CHILD_PIDS"] = pids
        child.environment = env
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()

        // Wait until the two hanging trainers run (trains 0 and 1 are then recorded), then SIGKILL the
        // engine. Watched from a thread of its own: synchronous tests can hold the cooperative pool
        // (two threads on CI) for minutes, and the kill must not wait for them.
        let childPID = child.processIdentifier
        let (trainers, exitSeconds) = try await offThePool { () -> ([pid_t], Double) in
            var trainers: [pid_t] = []
            let deadline = Date().addingTimeInterval(600)
            while Date() < deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: pids)) ?? []
                let hanging = names.filter { name in
                    let id = (try? String(contentsOfFile: pids + "/" + name, encoding: .utf8)) ?? ""
                    return id.hasSuffix("0002/s0") || id.hasSuffix("0003/s0")
                }
                if hanging.count == 2 { trainers = hanging.compactMap { pid_t($0) }; break }
                usleep(20_000)
            }
            let killed = Date()
            kill(childPID, SIGKILL)
            child.waitUntilExit()
            return (trainers, Date().timeIntervalSince(killed))
        }
        // Trainers inherit no descriptor but their log, so nothing waits on the orphans.
        #expect(exitSeconds < 600)  // well below the trainers' 1200 s sleep
        for trainer in trainers { kill(trainer, SIGKILL) }  // orphans of the killed engine
        #expect(trainers.count == 2)
        #expect(child.terminationReason == .uncaughtSignal)

        // No record is corrupt, and each names a valid blob.
        let warnings = MessageLog()
        let store = Store(root: storeRoot, warn: { warnings.add($0) })
        for path in listFiles(storeRoot + "/actions") where !path.contains(".tmp-") {
            let data = try Data(contentsOf: URL(fileURLWithPath: storeRoot + "/actions/" + path))
            let record = try ActionRecord.decode(data).get()
            #expect(store.readBlob(record.outputDigest) != nil)
        }
        let plan = Planner(store: store).plan(crashGraph)
        #expect(plan.count(.cached) == 3)  // sample, train 0000 and 0001

        // The rerun completes and its outputs equal those of an uninterrupted run, byte for byte.
        let resumed = try await runOnce(crashGraph, store: store, executor: FixtureTrainExecutor(workingDirectory: folder.path))
        #expect(resumed.succeeded)
        #expect(resumed.cached == 3)
        let clean = TemporaryFolder(); defer { clean.cleanup() }
        let reference = try await runOnce(crashGraph, store: makeStore(clean), executor: FixtureTrainExecutor(workingDirectory: folder.path))
        #expect(resumed.results.map(\.outputDigest) == reference.results.map(\.outputDigest))
        let final = try #require(resumed[TaskID("report")]?.outputDigest)
        #expect(store.readBlob(final) == makeStore(clean).readBlob(final))
        #expect(warnings.messages.isEmpty)
    }
}

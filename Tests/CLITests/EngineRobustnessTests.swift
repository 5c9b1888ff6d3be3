// Issue 4 "Must show", robustness: SIGKILL mid-run then resume, a corrupted blob, two runs on one
// store, and --no-wait against a held lock.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks every action record of a store: it parses, names its blob, and the blob's SHA-256 is its name.
func storeProblems(_ store: String) throws -> [String] {
    var problems: [String] = []
    let actions = store + "/actions"
    var records: [String] = []
    for shard in (try? FileManager.default.contentsOfDirectory(atPath: actions)) ?? [] {
        for file in (try? FileManager.default.contentsOfDirectory(atPath: "\(actions)/\(shard)")) ?? [] {
            records.append("\(actions)/\(shard)/\(file)")
        }
    }
    if records.isEmpty { problems.append("no action records in \(store)") }
    var blobs: [String] = []
    for path in records {
        guard let data = FileManager.default.contents(atPath: path),
              let record = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let digest = record["output"] as? String, let key = record["key"] as? String else {
            problems.append("unreadable record \(path)"); continue
        }
        if !path.hasSuffix("/\(key).json") { problems.append("record \(path) holds key \(key)") }
        blobs.append("\(store)/cas/\(digest.prefix(2))/\(digest)")
    }
    let sums = try sha256(blobs)
    for (path, sum) in zip(blobs, sums) where !path.hasSuffix("/" + sum) {
        problems.append("blob \(path) has digest \(sum)")
    }
    return problems
}

/// SHA-256 of files, through `sha256sum` (the test target links no crypto library).
func sha256(_ paths: [String]) throws -> [String] {
    guard !paths.isEmpty else { return [] }
    var sums: [String] = []
    for chunk in stride(from: 0, to: paths.count, by: 200).map({ Array(paths[$0..<min($0 + 200, paths.count)]) }) {
        let lines = String(decoding: try runTool(["sha256sum", "--"] + chunk).output, as: UTF8.self).split(separator: "\n")
        for (i, _) in chunk.enumerated() {
            sums.append(i < lines.count ? String(lines[i].prefix(64)) : "missing")
        }
    }
    return sums
}

@Suite(.serialized, .engineCLI)
struct EngineRobustnessTests {
    @Test func sigkillMidRunThenRerunEqualsAnUninterruptedRun() throws {
        let reference = try Workspace()
        try reference.write(EngineCLI.spec())
        let clean = try reference.mixspec(["run", "spec.yaml", "--jobs", "2"])
        try #require(clean.status == 0, "\(clean.summary)")
        let expected = reference.outputs()
        #expect(expected.keys.sorted().contains("mixture.json"))

        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let run = try ws.start(["run", "spec.yaml", "--jobs", "3"], environment: ["FAKE_TRAINER_SLEEP": "0.4"])
        // Kill once some trainings are recorded and others are in flight.
        let progressed = ws.waitUntil(seconds: 60) { ws.trainedRuns().count >= 10 }
        run.kill9()
        ws.killTrainers()
        #expect(progressed, "the run never got going")
        #expect(ws.trainedRuns().count < 32, "the run finished before it was killed")
        #expect(try storeProblems(ws.storePath) == [])

        ws.clearTrainerLog()
        let resumed = try ws.mixspec(["run", "spec.yaml", "--json", "--jobs", "2"])
        #expect(resumed.status == 0, "\(resumed.summary)")
        #expect(!resumed.stderr.contains("corrupt"), "\(resumed.stderr)")
        #expect(resumed.cached > 0, "nothing of the killed run was kept")
        #expect(ws.trainedRuns().count < 32)
        #expect(try storeProblems(ws.storePath) == [])
        let outputs = ws.outputs()
        #expect(outputs.keys.sorted() == expected.keys.sorted())
        for (name, data) in expected { #expect(outputs[name] == data, "out/e2e/\(name) differs from the uninterrupted run") }
    }

    @Test func aCorruptedBlobIsDetectedAndRecomputed() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let first = try ws.mixspec(["run", "spec.yaml", "--jobs", "2", "--json"])
        try #require(first.status == 0, "\(first.summary)")
        let before = ws.outputs()

        // The blob of train/tiny/0005/s0, as the run reported it.
        let digest = try #require(first.output(of: "train/tiny/0005/s0"), "no output for train/tiny/0005/s0")
        let blob = ws.storePath + "/cas/\(digest.prefix(2))/\(digest)"
        try #require(FileManager.default.fileExists(atPath: blob))
        try Data("{\"not\": \"the output\"}".utf8).write(to: URL(fileURLWithPath: blob))

        ws.clearTrainerLog()
        let second = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.stderr.contains("warning"), "no warning about the corrupt blob: \(second.stderr)")
        #expect(second.stderr.contains(digest.prefix(12)) || second.stderr.contains("0005"), "\(second.stderr)")
        #expect(ws.trainedRuns() == ["train/tiny/0005/s0"])
        #expect(second.executed("train") == 1)
        #expect(try storeProblems(ws.storePath) == [])
        #expect(ws.outputs() == before)
    }

    @Test func twoConcurrentRunsOnOneStoreEndConsistent() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let a = try ws.start(["run", "spec.yaml", "--json", "--jobs", "2"], environment: ["FAKE_TRAINER_SLEEP": "0.05"])
        let b = try ws.start(["run", "spec.yaml", "--json", "--jobs", "2"], environment: ["FAKE_TRAINER_SLEEP": "0.05"])
        let ra = try a.wait(), rb = try b.wait()
        #expect(ra.status == 0, "\(ra.summary)")
        #expect(rb.status == 0, "\(rb.summary)")
        #expect(ra.stderr.contains("waiting for lock") || rb.stderr.contains("waiting for lock"), "\(ra.stderr)\n\(rb.stderr)")
        // One did all the work, the other found it all cached.
        #expect(min(ra.executed, rb.executed) == 0)
        #expect(max(ra.executed, rb.executed) == ra.cached + ra.executed)
        #expect(ws.trainedRuns().count == 32)
        let ma = try #require(ra.json["mixture"] as? [String: Double]), mb = try #require(rb.json["mixture"] as? [String: Double])
        #expect(ma == mb)
        #expect(try storeProblems(ws.storePath) == [])
        let written = try #require(ws.read("out/e2e/mixture.json"))
        let weights = (try JSONSerialization.jsonObject(with: written) as? [String: Any])?["weights"] as? [String: Double]
        #expect(weights == ma)
    }

    @Test func noWaitFailsClearlyWhileAnotherRunHoldsTheLock() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let holder = try ws.start(["run", "spec.yaml", "--jobs", "1"], environment: ["FAKE_TRAINER_SLEEP": "5"])
        defer { holder.kill9(); ws.killTrainers() }
        // A trainer running means the holder has the lock.
        let started = ws.waitUntil(seconds: 60) { !ws.trainedRuns().isEmpty }
        try #require(started, "the holding run never started a trainer")
        let blocked = try ws.mixspec(["run", "spec.yaml", "--no-wait"])
        #expect(blocked.status == 1, "\(blocked.summary)")
        #expect(blocked.stderr.contains("error:") && blocked.stderr.contains("locked"), "\(blocked.stderr)")
        #expect(blocked.stderr.contains("pid \(holder.process.processIdentifier)"), "\(blocked.stderr)")
        #expect(holder.process.isRunning)
    }
}

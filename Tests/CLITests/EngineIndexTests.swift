// Issue 10, through the real binary: last runs are kept per spec (two specs in one folder), a
// cached run refreshes them (a reverted edit), `logs` shows the log of the current key, and the
// verification memo still catches corrupted blobs (`--verify` even those that kept their metadata).
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CLIResult {
    /// `plan --json`: the reason given for task `id`.
    func reason(of id: String) -> String? {
        ((json["tasks"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == id }?["reason"] as? String
    }

    /// `plan --json`: the state of task `id`.
    func state(of id: String) -> String? { planTasks.first { $0.id == id }?.state }
}

@Suite(.serialized, .engineCLI)
struct EngineIndexTests {
    /// The engine spec with `top_k`, `candidates` and the proxy count set.
    private func spec(name: String = "e2e", count: Int = 32, topK: Int = 16, candidates: Int = 2000) -> String {
        EngineCLI.spec(name: name, count: count, topK: topK).replacingOccurrences(of: "candidates: 2000", with: "candidates: \(candidates)")
    }

    @Test func twoSpecsInOneFolderKeepTheirOwnLastRuns() throws {
        let ws = try Workspace()
        try ws.write(spec(name: "pile-a"), to: "a.yaml")
        try ws.write(spec(name: "pile-b", topK: 8), to: "b.yaml")
        let a = try ws.mixspec(["run", "a.yaml", "--json"])
        try #require(a.status == 0, "\(a.summary)")

        // b shares a's trainings (same store) but has never run itself: its own tasks are new.
        let plan = try ws.mixspec(["plan", "b.yaml", "--json"])
        #expect(plan.status == 0, "\(plan.summary)")
        #expect(plan.state(of: "train/tiny/0000/s0") == "cached")
        #expect(plan.state(of: "search") == "new", "\(plan.stdout)")
        #expect(plan.reason(of: "search") == "never run")
        #expect(plan.state(of: "report") == "new")
        let explainB = try ws.mixspec(["explain", "b.yaml", "report"])
        #expect(explainB.stdout.contains("last run: none"), "\(explainB.summary)")
        #expect(!explainB.stdout.contains("name"), "another spec's run shown as b's: \(explainB.stdout)")

        let b = try ws.mixspec(["run", "b.yaml", "--json"])
        try #require(b.status == 0, "\(b.summary)")
        #expect(b.executed("train") == 0)
        // a's last runs are still a's: nothing to redo, nothing changed.
        let planA = try ws.mixspec(["plan", "a.yaml", "--json"])
        #expect(planA.planTasks.allSatisfy { $0.state == "cached" }, "\(planA.stdout)")
        try ws.write(spec(name: "pile-a", topK: 12), to: "a.yaml")
        let explainA = try ws.mixspec(["explain", "a.yaml", "report"])
        #expect(!explainA.stdout.contains("spec.name") && !explainA.stdout.contains("pile-b"), "\(explainA.stdout)")
        #expect(FileManager.default.fileExists(atPath: ws.storePath + "/index/pile-a"))
        #expect(FileManager.default.fileExists(atPath: ws.storePath + "/index/pile-b"))
    }

    @Test func aRunThatFindsEverythingCachedRefreshesTheLastRuns() throws {
        let ws = try Workspace()
        for topK in [8, 16, 8] {
            try ws.write(spec(topK: topK))
            let run = try ws.mixspec(["run", "spec.yaml", "--json"])
            try #require(run.status == 0, "\(run.summary)")
        }
        let index = ws.read(".mixspec/index/e2e")
        // Back at 8, all cached: a no-op run leaves the index as it is.
        let noop = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(noop.executed == 0)
        #expect(ws.read(".mixspec/index/e2e") == index)

        try ws.write(spec(count: 33, topK: 8))
        let plan = try ws.mixspec(["plan", "spec.yaml", "--changed"])
        #expect(plan.status == 0, "\(plan.summary)")
        #expect(plan.stdout.contains("search"), "\(plan.stdout)")
        #expect(!plan.stdout.contains("top_k"), "blames an edit that was reverted:\n\(plan.stdout)")
    }

    @Test func logsShowTheLogOfTheCurrentKey() throws {
        let ws = try Workspace()
        for candidates in [2000, 3000, 2000] {
            try ws.write(spec(candidates: candidates))
            let run = try ws.mixspec(["run", "spec.yaml"])
            try #require(run.status == 0, "\(run.summary)")
        }
        let logs = try ws.mixspec(["logs", "spec.yaml", "search"])
        #expect(logs.status == 0, "\(logs.summary)")
        #expect(logs.stdout.contains("of 2000 candidates"), "\(logs.stdout)")
        #expect(logs.stderr.isEmpty, "\(logs.stderr)")

        // Its log gone (as gc would remove it): said so, and the latest log is shown with its key.
        let explain = try ws.mixspec(["explain", "spec.yaml", "search"])
        let key = try #require(explain.stdout.split(separator: "\n").first { $0.contains("key: ") }?
            .split(separator: " ").last.map(String.init))
        try FileManager.default.removeItem(atPath: ws.storePath + "/logs/search/\(key).log")
        let fallback = try ws.mixspec(["logs", "spec.yaml", "search"])
        #expect(fallback.status == 0, "\(fallback.summary)")
        #expect(fallback.stdout.contains("of 3000 candidates"), "\(fallback.stdout)")
        #expect(fallback.stderr.contains("note:") && fallback.stderr.contains(String(key.prefix(12))), "\(fallback.stderr)")
        #expect(fallback.stderr.contains("latest log"), "\(fallback.stderr)")
    }

    @Test func aNoOpRunChecksItsOutputsByStampAndRestoresChangedOnes() throws {
        let ws = try Workspace()
        try ws.write(spec())
        let first = try ws.mixspec(["run", "spec.yaml"])
        try #require(first.status == 0, "\(first.summary)")
        let before = ws.outputs()
        // Outputs younger than two seconds are compared in full; then a stamp stands in for them.
        Thread.sleep(forTimeInterval: 2.2)
        let second = try ws.mixspec(["run", "spec.yaml"])
        #expect(second.stdout == first.stdout)
        let stamps = (try? FileManager.default.contentsOfDirectory(atPath: ws.storePath + "/outputs")) ?? []
        #expect(stamps.count == 1 && stamps[0].hasPrefix("e2e-"), "\(stamps)")
        let third = try ws.mixspec(["run", "spec.yaml"])
        #expect(third.stdout == first.stdout, "the summary printed from the stamp differs")
        let json = try ws.mixspec(["run", "spec.yaml", "--json"])
        let written = try #require(ws.read("out/e2e/mixture.json"))
        let weights = (try JSONSerialization.jsonObject(with: written) as? [String: Any])?["weights"] as? [String: Double]
        #expect((json.json["mixture"] as? [String: Double]) == weights)
        #expect(ws.outputs() == before)

        // A removed or edited output is noticed and written again.
        try FileManager.default.removeItem(atPath: ws.path("out/e2e/report.html"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: ws.path("out/e2e/summary.json")))
        let repaired = try ws.mixspec(["run", "spec.yaml"])
        #expect(repaired.status == 0, "\(repaired.summary)")
        #expect(ws.outputs() == before)
    }

    /// The identity the verification memo records for a file: inode, size, mtime, ctime (ns).
    private func identity(_ path: String) throws -> [UInt8] {
        var info = stat()
        try #require(stat(path, &info) == 0)
        var bytes: [UInt8] = []
        for value in [UInt64(info.st_ino), UInt64(info.st_size),
                      UInt64(info.st_mtim.tv_sec) * 1_000_000_000 + UInt64(info.st_mtim.tv_nsec),
                      UInt64(info.st_ctim.tv_sec) * 1_000_000_000 + UInt64(info.st_ctim.tv_nsec)] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Rewrites the blob with other bytes of the same size and restores its mtime.
    private func corruptKeepingSizeAndMtime(_ blob: String) throws {
        var info = stat()
        try #require(stat(blob, &info) == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: blob))
        try Data(original.reversed()).write(to: URL(fileURLWithPath: blob))
        var times = [info.st_atim, info.st_mtim]
        try #require(utimensat(AT_FDCWD, blob, &times, 0) == 0)
    }

    @Test func theVerificationMemoStillCatchesCorruptBlobsAndVerifyTrustsNothing() throws {
        let ws = try Workspace()
        try ws.write(spec())
        let first = try ws.mixspec(["run", "spec.yaml", "--json"])
        try #require(first.status == 0, "\(first.summary)")
        let before = ws.outputs()
        // Files younger than two seconds are not memoised; then a plan memoises every output.
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try ws.mixspec(["plan", "spec.yaml"]).status == 0)
        let memo = ws.storePath + "/verified.bin"
        try #require(FileManager.default.fileExists(atPath: memo))

        // Corrupted in place, size and mtime kept: its ctime changed, so it is re-hashed and caught.
        let digest = try #require(first.output(of: "train/tiny/0005/s0"))
        let blob = ws.storePath + "/cas/\(digest.prefix(2))/\(digest)"
        try corruptKeepingSizeAndMtime(blob)
        ws.clearTrainerLog()
        let second = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.stderr.contains("is corrupt"), "\(second.stderr)")
        #expect(ws.trainedRuns() == ["train/tiny/0005/s0"])
        #expect(ws.outputs() == before)

        // Corruption that changes no metadata at all (bit rot under the file system), simulated by
        // giving the memo the corrupted file's identity: only a full verification sees it.
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try ws.mixspec(["plan", "spec.yaml"]).status == 0)
        let other = try #require(first.output(of: "train/tiny/0007/s0"))
        let otherBlob = ws.storePath + "/cas/\(other.prefix(2))/\(other)"
        let known = try identity(otherBlob)
        try corruptKeepingSizeAndMtime(otherBlob)
        var table = try #require(FileManager.default.contents(atPath: memo))
        let replaced = try identity(otherBlob)
        let header = "mixspec-verified 1\n".utf8.count
        var patched = 0
        // Entries: key (32 bytes), output digest (32), the blob's identity (32).
        for offset in stride(from: header, to: table.count, by: 96) where Array(table[(offset + 64)..<(offset + 96)]) == known {
            table.replaceSubrange((offset + 64)..<(offset + 96), with: replaced)
            patched += 1
        }
        try #require(patched > 0, "the memo does not hold train/tiny/0007/s0's blob")
        try table.write(to: URL(fileURLWithPath: memo))
        let trusting = try ws.mixspec(["plan", "spec.yaml", "--json"])
        #expect(trusting.state(of: "train/tiny/0007/s0") == "cached", "the memo was not used: \(trusting.stderr)")

        let verifyPlan = try ws.mixspec(["plan", "spec.yaml", "--json", "--verify"])
        #expect(verifyPlan.state(of: "train/tiny/0007/s0") == "stale", "\(verifyPlan.summary)")
        #expect(verifyPlan.reason(of: "train/tiny/0007/s0") == "its cached output is missing or corrupt")
        ws.clearTrainerLog()
        let verified = try ws.mixspec(["run", "spec.yaml", "--json", "--verify"])
        #expect(verified.status == 0, "\(verified.summary)")
        #expect(ws.trainedRuns() == ["train/tiny/0007/s0"])
        #expect(ws.outputs() == before)
    }
}

// Issue 4 "Must show", incremental behaviour: a second run does nothing, an edit reruns only what
// it changes, growing the swarm trains only the new mixtures, reformatting changes no key.
import Foundation
import Testing

@Suite(.serialized, .engineCLI)
struct EngineIncrementalTests {
    @Test func fullRunPrintsTheMixtureAndASecondRunExecutesNothing() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let first = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])
        try #require(first.status == 0, "\(first.summary)")
        for domain in ["web", "code", "wiki"] { #expect(first.stdout.contains(domain), "\(first.summary)") }
        #expect(ws.trainedRuns().count == 32)
        let mixture = try #require(ws.read("out/e2e/mixture.json"))
        let found = try #require(try JSONSerialization.jsonObject(with: mixture) as? [String: Any])
        let weights = try #require(found["weights"] as? [String: Double], "mixture.json: \(String(decoding: mixture, as: UTF8.self))")
        #expect(abs(weights.values.reduce(0, +) - 1) < 1e-9)
        // The printed summary shows every found weight, as written to mixture.json.
        #expect(first.stdout.contains("Found mixture"), "\(first.summary)")
        for (domain, weight) in weights {
            let line = first.stdout.split(separator: "\n").first { $0.split(separator: " ").first.map(String.init) == domain }
            #expect(line?.contains(String(format: "%.3f", weight)) == true, "no line '\(domain) \(weight)' in \(first.stdout)")
        }

        ws.clearTrainerLog()
        let second = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.executed == 0)
        #expect(second.failed == 0)
        #expect(second.cached > 32)
        #expect(ws.trainedRuns().isEmpty)
        #expect((second.json["mixture"] as? [String: Double]) == weights)
        #expect(ws.read("out/e2e/mixture.json") == mixture)

        let third = try ws.mixspec(["run", "spec.yaml"])
        #expect(third.status == 0)
        #expect(third.stdout == first.stdout, "the printed summary changed between identical runs")
    }

    @Test func changingTopKRerunsOnlySearchAndWhatFollows() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec(topK: 16))
        let first = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])
        try #require(first.status == 0, "\(first.summary)")

        try ws.write(EngineCLI.spec(topK: 8))
        let plan = try ws.mixspec(["plan", "spec.yaml", "--json"])
        try #require(plan.status == 0, "\(plan.summary)")
        let tasks = plan.planTasks
        #expect(tasks.count > 32)
        let rerun = tasks.filter { $0.state != "cached" }
        #expect(rerun.contains { $0.id == "search" && $0.state == "stale" }, "\(plan.stdout)")
        for kind in ["sample", "train", "collect", "fit", "cross-validate"] {
            #expect(!rerun.contains { $0.kind == kind }, "\(kind) became stale: \(rerun)")
        }
        // Only search and its downstream (verify, report) may rerun.
        #expect(Set(rerun.map(\.kind)).isSubset(of: ["search", "verify", "report"]), "\(rerun)")

        ws.clearTrainerLog()
        let second = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.executed("train") == 0)
        #expect(second.executed("fit") == 0)
        #expect(second.executed("cross-validate") == 0)
        #expect(second.executed("search") == 1)
        #expect(second.executed == rerun.count)
        #expect(ws.trainedRuns().isEmpty)
    }

    @Test func growingTheSwarmTrainsOnlyTheNewMixtures() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec(count: 32))
        let first = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])
        try #require(first.status == 0, "\(first.summary)")

        try ws.write(EngineCLI.spec(count: 48))
        let plan = try ws.mixspec(["plan", "spec.yaml", "--json"])
        let trains = plan.planTasks.filter { $0.kind == "train" }
        #expect(trains.count == 48)
        #expect(trains.filter { $0.state == "cached" }.count == 32, "\(plan.stdout)")
        #expect(trains.filter { $0.state == "new" }.map(\.id) == (32..<48).map { String(format: "train/tiny/%04d/s0", $0) })

        ws.clearTrainerLog()
        let second = try ws.mixspec(["run", "spec.yaml", "--json", "--jobs", "2"])
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.executed("train") == 16)
        #expect(ws.trainedRuns().sorted() == (32..<48).map { String(format: "train/tiny/%04d/s0", $0) })
    }

    @Test func reformattingReorderingAndUnitSpellingsLeaveEveryTaskCached() throws {
        let ws = try Workspace()
        try ws.write(EngineCLI.spec())
        let first = try ws.mixspec(["run", "spec.yaml", "--jobs", "2"])
        try #require(first.status == 0, "\(first.summary)")
        let mixture = ws.read("out/e2e/mixture.json")

        // Same spec: keys reordered, flow and block styles swapped, comments, 1M for 1000000 and back.
        try ws.write("""
        # The same experiment, written differently.
        name: e2e          # the name
        mixspec: 1
        search: {seed: 7, top_k: 16, candidates: 2k}
        objective:
          minimize: "mean(loss.web, loss.code, loss.wiki)"
        regression:
          folds: 4
          model: linear
        proxies:
          trainer: {command: \(EngineCLI.trainerCommand)}
          models:
            - tokens: 1M    # was 1000000
              size: 100000  # was 100k
              name: tiny
          count: 32
        domains:
          web:
            tokens: 4000000
          code: {tokens: 1000k}
          wiki: {tokens: 2e6}

        """)
        let check = try ws.mixspec(["check", "spec.yaml"])
        try #require(check.status == 0, "\(check.summary)")
        let plan = try ws.mixspec(["plan", "spec.yaml", "--json"])
        try #require(plan.status == 0, "\(plan.summary)")
        let notCached = plan.planTasks.filter { $0.state != "cached" }
        #expect(notCached.isEmpty, "\(notCached)")
        #expect(plan.planTasks.count > 32)

        ws.clearTrainerLog()
        let second = try ws.mixspec(["run", "spec.yaml", "--json"])
        #expect(second.status == 0, "\(second.summary)")
        #expect(second.executed == 0)
        #expect(ws.trainedRuns().isEmpty)
        #expect(ws.read("out/e2e/mixture.json") == mixture)
    }
}

// Golden outputs of `mixspec diff` for the review scenarios of issue 6, and the invariants behind
// them (which kinds of task an edit touches, and what the rerun costs).
import Compiler
import Foundation
import Review
import SpecModel
import TestSupport
import Testing

@Suite struct DiffGoldenTests {
    /// Diffs golden/diff/specs/<old> → <new> against a store that does not exist.
    func diff(_ old: String, _ new: String) throws -> SpecDiff {
        let store = ScratchFolder("diff-store")
        defer { store.cleanup() }
        return try ReviewSupport.diff(.file(Repo.path("golden/diff/specs/" + old)), .file(Repo.path("golden/diff/specs/" + new)),
                                      oldLabel: old, newLabel: new, store: store.path + "/none")
    }

    func checkAll(_ d: SpecDiff, _ name: String) throws {
        try Golden.check(SpecDiffText.render(d, color: false), "golden/diff/\(name).txt")
        try Golden.check(SpecDiffMarkdown.render(d), "golden/diff/\(name).md")
        try Golden.check(SpecDiffJSON.render(d), "golden/diff/\(name).json")
    }

    func count(_ d: SpecDiff, _ kind: TaskKind) -> SpecDiff.KindRow {
        d.rows.first { $0.kind == kind } ?? SpecDiff.KindRow(kind: kind, added: 0, removed: 0, invalidated: 0, toRun: 0)
    }

    @Test func reformattedReorderedAndUnitRewrittenIsNoChange() throws {
        let d = try diff("base.yaml", "reformatted.yaml")
        try checkAll(d, "no-semantic-change")
        #expect(d.isSemanticallyIdentical)
        #expect(d.added.isEmpty && d.removed.isEmpty && d.invalidated.isEmpty && d.toRun.isEmpty)
        #expect(d.rerunFLOPs == 0)
        let text = SpecDiffText.render(d, color: false)
        #expect(text.contains("No semantic change"))
        #expect(text.contains("0 invalidated tasks"))
    }

    @Test func searchOnlyChangeKeepsEveryTraining() throws {
        let d = try diff("base.yaml", "search-only.yaml")
        try checkAll(d, "search-only")
        #expect(d.changes.map(\.path) == ["search.bounds.code", "search.candidates", "search.top_k"])
        #expect(count(d, .train).invalidated == 0 && count(d, .train).added == 0)
        #expect(count(d, .search).invalidated == 1)
        // Only the verify trainings (they train on the found mixture) cost anything.
        let graph = try ReviewSupport.open(.file(Repo.path("golden/diff/specs/search-only.yaml")), store: "/nonexistent").compiled.graph
        let verifyFLOPs = d.toRun.compactMap { graph[$0] }.filter { $0.kind == .verify }.reduce(0) { $0 + $1.trainingFLOPs }
        #expect(d.rerunFLOPs == verifyFLOPs && verifyFLOPs > 0)
    }

    @Test func swarmGrowthAddsOnlyTheNewTrainings() throws {
        let d = try diff("base.yaml", "swarm-growth.yaml")
        try checkAll(d, "swarm-growth")
        #expect(d.changes.map(\.path) == ["proxies.count"])
        #expect(count(d, .train).added == 16)
        #expect(count(d, .train).invalidated == 0)
        #expect(d.added.allSatisfy { $0.rawValue >= "train/small/0048" && $0.rawValue.hasPrefix("train/small/00") })
    }

    @Test func domainAddedInvalidatesTheSwarm() throws {
        let d = try diff("base.yaml", "domain-added.yaml")
        try checkAll(d, "domain-added")
        #expect(d.changes.first?.path == "domains[books]")
        #expect(d.changes.first?.kind == .added)
        #expect(count(d, .train).invalidated == 48)
    }

    @Test func regressorSwitchedRefitsWithoutRetraining() throws {
        let d = try diff("base.yaml", "regressor-switched.yaml")
        try checkAll(d, "regressor-switched")
        #expect(count(d, .fit).added == 1 && count(d, .fit).removed == 1)
        #expect(count(d, .train).invalidated == 0 && count(d, .train).added == 0)
    }

    @Test func baseChangedUnderExtends() throws {
        let d = try diff("extends-old/spec.yaml", "extends-new/spec.yaml")
        try checkAll(d, "extends-base-changed")
        #expect(d.changes.map(\.path) == ["proxies.models[small].tokens"])
        #expect(count(d, .train).invalidated == 48)
    }

    /// The cost is 6 · N · D summed over the invalidated training tasks (the spec has no verify step).
    @Test func costIsTheSumOverInvalidatedTrainings() throws {
        let d = try diff("extends-old/spec.yaml", "extends-new/spec.yaml")
        let graph = try ReviewSupport.open(.file(Repo.path("golden/diff/specs/extends-new/spec.yaml")), store: "/nonexistent").compiled.graph
        let trains = d.invalidated.compactMap { graph[$0] }.filter { $0.kind == .train }
        #expect(trains.count == 48)
        let sum = trains.reduce(0.0) { $0 + $1.trainingFLOPs }
        #expect(d.rerunFLOPs == sum)
        #expect(sum == 48 * 6 * 1e6 * 40e6)
        #expect(d.totalFLOPs == sum)
        #expect(d.rerunShare == 1)
    }

    @Test func colourOnlyWhenAsked() throws {
        let d = try diff("base.yaml", "search-only.yaml")
        #expect(!SpecDiffText.render(d, color: false).contains("\u{1B}["))
        #expect(SpecDiffText.render(d, color: true).contains("\u{1B}[32m"))
    }
}

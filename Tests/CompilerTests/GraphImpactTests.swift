import Testing
@testable import Compiler
import SpecModel

private let domainFacts: DomainFactTable = SpecFixtures.facts.mapValues { DomainFacts(tokens: $0.0, contentDigest: $0.1) }
private let facts = CompileFacts(domains: domainFacts)

@Test func identicalSpecsHaveNoImpact() throws {
    let a = try SpecCompiler.compile(SpecFixtures.small(), facts: facts)
    let impact = GraphImpact.between(a.graph, a.graph)
    #expect(impact.added.isEmpty && impact.removed.isEmpty && impact.invalidated.isEmpty)
    #expect(impact.rerunFLOPs == 0)
    #expect(impact.totalFLOPs == 32 * 6 * 8000 * 200_000 + 3 * 6 * 32_000 * 1_000_000)
}

@Test func swarmGrowthCostsExactlyTheNewTrainings() throws {
    let a = try SpecCompiler.compile(SpecFixtures.small(count: 32), facts: facts)
    let b = try SpecCompiler.compile(SpecFixtures.small(count: 48), facts: facts)
    let impact = GraphImpact.between(a.graph, b.graph)
    #expect(impact.added.count == 16)
    let invalidatedKinds = Set(impact.invalidated.compactMap { b.graph[$0]?.kind })
    #expect(!invalidatedKinds.contains(.train))
    // The found mixture may move, so verify/found reruns; the baselines do not.
    #expect(impact.invalidated.contains(TaskID("verify/found/s0")))
    #expect(!impact.invalidated.contains(TaskID("verify/prior/s0")))
    let expected = impact.toRun.reduce(0.0) { $0 + b.graph[$1]!.trainingFLOPs }
    #expect(impact.rerunFLOPs == expected)
    #expect(impact.rerunFLOPs == 16 * 6 * 8000 * 200_000 + 6 * 32_000 * 1_000_000)
    let counts = impact.counts(in: b.graph)
    #expect(counts.first { $0.kind == .train }?.added == 16)
}

@Test func storedTasksCostNothing() throws {
    let a = try SpecCompiler.compile(SpecFixtures.small(count: 32), facts: facts)
    let b = try SpecCompiler.compile(SpecFixtures.small(count: 48), facts: facts)
    let impact = GraphImpact.between(a.graph, b.graph, isStored: { b.graph[$0]?.kind == .train })
    #expect(impact.rerunFLOPs == 6 * 32_000 * 1_000_000)
}

@Test func removedTasksAreCountedByKind() throws {
    let a = try SpecCompiler.compile(SpecFixtures.small(count: 48), facts: facts)
    let b = try SpecCompiler.compile(SpecFixtures.small(count: 32, verify: false), facts: facts)
    let impact = GraphImpact.between(a.graph, b.graph)
    let counts = impact.counts(in: b.graph)
    #expect(counts.first { $0.kind == .train }?.removed == 16)
    #expect(counts.first { $0.kind == .verify }?.removed == 3)
}

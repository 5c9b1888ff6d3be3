import Testing
@testable import Compiler
import SpecModel

private let domainFacts: DomainFactTable = SpecFixtures.facts.mapValues { DomainFacts(tokens: $0.0, contentDigest: $0.1) }
private let facts = CompileFacts(domains: domainFacts)

private func parameters(_ compiled: CompiledSpec) -> [TaskID: CanonicalValue] {
    Dictionary(uniqueKeysWithValues: compiled.graph.nodes.map { ($0.id, $0.parameters) })
}

@Test func compilationIsDeterministicAndTopologicallyOrdered() throws {
    let a = try SpecCompiler.compile(SpecFixtures.small(), facts: facts)
    let b = try SpecCompiler.compile(SpecFixtures.small(), facts: facts)
    #expect(a == b)
    var seen = Set<TaskID>()
    for node in a.graph.nodes {
        #expect(node.inputs.allSatisfy(seen.contains))
        seen.insert(node.id)
    }
    #expect(a.trains.count == 32)
    #expect(a.trains.first == TaskID("train/small/0000/s0"))
    #expect(a.trains.last == TaskID("train/small/0031/s0"))
    #expect(a.verifications.map(\.rawValue) == ["verify/found/s0", "verify/prior/s0", "verify/uniform/s0"])
}

@Test func topKChangeTouchesOnlySearchAndReport() throws {
    let a = parameters(try SpecCompiler.compile(SpecFixtures.small(topK: 8), facts: facts))
    let b = parameters(try SpecCompiler.compile(SpecFixtures.small(topK: 4), facts: facts))
    let changed = a.keys.filter { a[$0] != b[$0] }.map(\.rawValue).sorted()
    #expect(changed == ["report", "search"])  // the report shows the search settings
}

@Test func growingTheSwarmAddsOnlyNewTrainTasks() throws {
    let a = try SpecCompiler.compile(SpecFixtures.small(count: 32), facts: facts)
    let b = try SpecCompiler.compile(SpecFixtures.small(count: 48), facts: facts)
    let pa = parameters(a), pb = parameters(b)
    let newTrains = Set(b.trains).subtracting(a.trains)
    #expect(newTrains.count == 16)
    for id in a.trains { #expect(pa[id] == pb[id], "train task \(id) changed") }
}

@Test func trainKeysIgnoreSearchRegressionAndVerifySettings() throws {
    var other = SpecFixtures.small(regressors: [.linear, .gbdt], verify: false)
    other.search.seed = 99
    other.objective = Objective(direction: .maximize, expression: .metric("loss.wiki"))
    let a = try SpecCompiler.compile(SpecFixtures.small(), facts: facts)
    let b = try SpecCompiler.compile(other, facts: facts)
    let pa = parameters(a), pb = parameters(b)
    for id in a.trains { #expect(pa[id] == pb[id]) }
    #expect(b.fits.map(\.rawValue) == ["fit/linear", "fit/gbdt"])
    // With several regressors the search also reads the cross-validations (best by CV).
    #expect(b.graph[b.search]!.inputs == b.fits + b.crossValidations)
}

@Test func commandTrainerKeysCarryTheCommandNotTheData() throws {
    let compiled = try SpecCompiler.compile(SpecFixtures.small(trainer: .command(argv: ["python3", "train.py", "{mixture}"], slurm: nil)), facts: facts)
    guard case .object(let p) = compiled.graph[compiled.trains[0]]!.parameters else { Issue.record("not an object"); return }
    #expect(p["data"] == nil)
    #expect(p["proxies"]?.canonicalJSON.contains("train.py") == true)
}

@Test(arguments: [TrainerSpec.builtin, .command(argv: ["python3", "train.py", "{run}"], slurm: nil)])
func trainParametersEqualTheirFullEncoding(_ trainer: TrainerSpec) throws {
    // The compiler encodes one training per model and sets mixture, seed and run per task.
    var spec = SpecFixtures.small(count: 12, trainer: trainer)
    spec.proxies.seeds = 2
    spec.proxies.models.append(ProxyModel(name: "large", size: 16_000, tokens: 400_000))
    let compiled = try SpecCompiler.compile(spec, facts: facts)
    #expect(compiled.trains.count == 48)
    for id in compiled.trains {
        let node = try #require(compiled.graph[id])
        let decoded = try TrainParameters.decode(node)
        #expect(decoded.canonical == node.parameters, "\(id)")
        #expect(decoded.run == (trainer == .builtin ? nil : id.rawValue))
        #expect(id.rawValue.hasSuffix(String(format: "%04d/s%d", decoded.mixture, decoded.seed)))
    }
    let collect = try #require(compiled.graph[compiled.collect])
    let runs = try CollectParameters.decode(collect)
    #expect(runs.canonical == collect.parameters)
    #expect(runs.runs.count == 24)
}

@Test func priorFollowsTokenSharesOrExplicitWeights() throws {
    var spec = SpecFixtures.small()
    #expect(spec.priorWeights(facts: domainFacts) == [0.4, 0.1, 0.5])
    for i in spec.domains.indices { spec.domains[i].prior = 1 }
    let third: Double = 1.0 / 3
    #expect(spec.priorWeights(facts: domainFacts) == [third, third, third])
}

@Test func graphRendersAsDotAndMermaid() throws {
    let compiled = try SpecCompiler.compile(SpecFixtures.small(count: 2, verify: false), facts: facts)
    let dot = compiled.graph.rendered(as: .dot, states: [TaskID("search"): "stale"])
    #expect(dot.hasPrefix("digraph mixspec {"))
    #expect(dot.contains("\"train/small/0001/s0\" -> \"collect\";"))
    #expect(dot.contains("\"search\" [label=\"search\", fillcolor=\"#ffe8b3\"]"))
    let mermaid = compiled.graph.rendered(as: .mermaid)
    #expect(mermaid.hasPrefix("flowchart LR\n"))
    #expect(mermaid.contains("[\"fit/gbdt\"]"))
}

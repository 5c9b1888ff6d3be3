// Every task's parameters decode as its kind's type and encode back to the same canonical value:
// what the executor reads is exactly what the key holds.
import Compiler
import SpecModel
import Testing

@Suite struct ParameterCodingTests {
    private static func roundTrip<P: TaskParameters>(_ type: P.Type, _ node: TaskNode) throws -> Bool {
        try P.decode(node).canonical == node.parameters
    }

    @Test(arguments: [(TrainerSpec.builtin, false), (.command(argv: ["python3", "train.py", "{mixture}"], slurm: nil), false),
                      (.builtin, true), (.command(argv: ["python3", "train.py", "{mixture}"], slurm: nil), true)])
    func everyNodeRoundTrips(_ trainer: TrainerSpec, scaled: Bool) throws {
        let facts = CompileFacts(domains: SpecFixtures.facts.mapValues { DomainFacts(tokens: $0.0, contentDigest: $0.1) })
        let spec = scaled ? SpecFixtures.scaled(count: 4, seeds: 2, trainer: trainer, regressors: [.linear, .gbdt, .mixingLaw])
            : SpecFixtures.small(count: 4, trainer: trainer, regressors: [.linear, .gbdt, .mixingLaw])
        let compiled = try SpecCompiler.compile(spec, facts: facts)
        if scaled { #expect(compiled.stepLaws.count == 12 && compiled.sizeLaws.count == 4 && compiled.scalingSummary != nil) }
        for node in compiled.graph.nodes {
            let same: Bool
            switch node.kind {
            case .sample: same = try Self.roundTrip(SampleParameters.self, node)
            case .train: same = try Self.roundTrip(TrainParameters.self, node)
            case .importResults: same = try Self.roundTrip(ImportParameters.self, node)
            case .collect: same = try Self.roundTrip(CollectParameters.self, node)
            case .fit: same = try Self.roundTrip(FitParameters.self, node)
            case .crossValidate: same = try Self.roundTrip(CrossValidateParameters.self, node)
            case .search: same = try Self.roundTrip(SearchParameters.self, node)
            case .verify: same = try Self.roundTrip(VerifyParameters.self, node)
            case .report: same = try Self.roundTrip(ReportParameters.self, node)
            case .stepLaw: same = try Self.roundTrip(StepLawParameters.self, node)
            case .sizeLaw: same = try Self.roundTrip(SizeLawParameters.self, node)
            case .scalingSummary: same = try Self.roundTrip(ScalingSummaryParameters.self, node)
            }
            #expect(same, "\(node.id) does not round-trip")
        }
    }

    @Test func aNodeOfAnotherKindIsAClearError() throws {
        let facts = CompileFacts(domains: SpecFixtures.facts.mapValues { DomainFacts(tokens: $0.0, contentDigest: $0.1) })
        let compiled = try SpecCompiler.compile(SpecFixtures.small(count: 2), facts: facts)
        let sample = try #require(compiled.graph[compiled.swarm])
        #expect(throws: ParameterError.self) { try TrainParameters.decode(sample) }
        var broken = sample
        broken.parameters = .object(["domains": .int(3)])
        #expect(throws: ParameterError.self) { try SampleParameters.decode(broken) }
    }

    @Test func unsignedSeedsAndIntegralDoublesSurvive() throws {
        let settings = SamplerSettings(Sampler(seed: UInt64.max, temperature: 1, strength: 0.5...5, maxUsage: 15, minWeight: 0))
        let value = try CanonicalEncoder.encode(settings)
        #expect(try CanonicalDecoder.decode(SamplerSettings.self, from: value) == settings)
    }
}

// The reads table (issue 9): for every leaf field of the spec language (FieldTable), an edit must
// change the key material of exactly the task kinds that read that field — a kind that reads it
// must change (or a stale result would be reused), a kind that does not must not (or work would
// be redone for nothing). Key material here is a task's own parameters, implementation version,
// declared input files and upstream task ids; upstream *outputs* propagate at run time (early cutoff).
// A new field without an entry in `cases` fails `everyLeafFieldHasACase`.
import Compiler
import SpecModel
import Testing

/// Which spec fields each kind reads. A suffix `@command` means "with a command trainer only";
/// "(prior)" stands for the fields the token prior is computed from.
private let reads: [TaskKind: Set<String>] = [
    .sample: ["proxies.count", "proxies.sampler.*", "(prior)"],
    .train: ["proxies.sampler.*", "(prior)", "proxies.models[].size", "proxies.models[].tokens",
             "proxies.models[].name@command", "proxies.trainer", "proxies.trainer.command", "proxies.trainer.inputs",
             "domains.*.path", "domains.*.synthetic.seed"],
    .importResults: ["proxies.results.mixtures", "proxies.results.metrics", "scaling.steps.tokens_per_step",
                     "proxies.models[].name@scaled"],
    // Scaling: a step law never sees the target, a size law never sees the checkpoint threshold; the
    // model name only labels the run in messages.
    // `@scaled`: in a spec with `scaling` (where collect reads size laws, not the first model's trainings).
    .stepLaw: ["scaling.steps.from_tokens", "scaling.bootstrap.*", "scaling.huber_delta", "proxies.models[].name@scaled"],
    .sizeLaw: ["scaling.target.*", "scaling.bootstrap.*", "scaling.huber_delta", "proxies.models[].size",
               "proxies.models[].name@scaled"],
    .scalingSummary: ["scaling.target.*", "scaling.bootstrap.*", "(prior)", "proxies.models[].*", "proxies.models[].name@scaled",
                      "objective.minimize", "objective.maximize", "objective.metrics", "regression.linear.*", "regression.gbdt.*",
                      "regression.mixing_law.*", "regression.model"],
    // collect lists the first model's trainings: which mixtures, seeds and task ids.
    .collect: ["proxies.count", "proxies.seeds", "proxies.models[].name"],
    .fit: ["regression.linear.*", "regression.gbdt.*", "regression.mixing_law.*", "objective.metrics"],
    .crossValidate: ["regression.folds", "regression.seed", "regression.linear.*", "regression.gbdt.*",
                     "regression.mixing_law.*", "objective.minimize", "objective.maximize", "objective.metrics"],
    .search: ["(prior)", "domains.*.tokens", "objective.minimize", "objective.maximize", "objective.metrics",
              "search.*", "regression.model"],
    .verify: ["verify.model.size", "verify.model.tokens", "verify.model.name@command", "verify.baselines[].weights",
              "(prior)", "proxies.trainer", "proxies.trainer.command", "proxies.trainer.inputs",
              "domains.*.path", "domains.*.synthetic.seed"],
    // The report shows the settings table, the objective, the prior, the verify rows and (data
    // table) each domain's source and tokens.
    .report: ["name", "description", "(prior)", "domains.*.path", "domains.*.synthetic.seed", "domains.*.tokens", "proxies.count", "proxies.seeds", "proxies.models[].*", "proxies.models[].name@scaled", "proxies.sampler.*",
              "proxies.trainer", "proxies.trainer.command", "proxies.trainer.slurm.partition", "proxies.results.*",
              "regression.model", "regression.folds", "regression.seed", "objective.minimize", "objective.maximize",
              "objective.metrics", "search.*", "verify.model.size", "verify.model.tokens", "verify.baselines",
              "verify.baselines[].name", "verify.seeds"],
]

/// True when `pattern` (from `reads`) covers the case's `field`.
private func covers(_ pattern: String, _ field: String) -> Bool {
    if pattern == field { return true }
    if pattern.hasSuffix(".*") { return field.hasPrefix(String(pattern.dropLast())) && !field.contains("@") }
    return false
}

private func expectedKinds(_ field: String, alsoReads: [String]) -> Set<TaskKind> {
    Set(reads.filter { _, patterns in ([field] + alsoReads).contains { f in patterns.contains { covers($0, f) } } }.keys)
}

/// The base specs, every field spelled out so that each case edits one literal.
enum ReadsBase: String, Sendable {
    case builtin, command, imported, scaled, scaledImport

    var text: String {
        switch self {
        case .builtin: return """
            mixspec: 1
            name: reads
            description: The reads table.
            domains:
              web: {path: data/web/*.txt, tokens: 4M}
              code: {synthetic: {seed: 2}, tokens: 1M}
              wiki: {synthetic: {seed: 3}, tokens: 2M}
            proxies:
              count: 40
              models:
                - {name: small, size: 8k, tokens: 200k}
                - {name: medium, size: 16k, tokens: 400k}
              seeds: 1
              sampler: {seed: 42, temperature: 0.5, strength: [0.1, 5], max_usage: 15, min_weight: 0.0002}
              trainer: builtin
            regression:
              model: [linear, gbdt, mixing-law]
              folds: 4
              seed: 0
              linear: {ridge: 0}
              gbdt: {iterations: 100, learning_rate: 0.01, leaves: 31, min_samples_leaf: 2, bins: 255, min_sum_hessian: 0.001}
              mixing_law: {huber_delta: 0.05, starts: 8, seed: 0}
            objective:
              minimize: loss.web + loss.code
            search:
              candidates: 1000
              top_k: 16
              seed: 7
              strength: 1
              bounds: {code: [0, 0.5]}
              availability: {target_tokens: 10M, max_epochs: 4}
            verify:
              model: {name: target, size: 32k, tokens: 1M}
              baselines: [prior, uniform, {name: heavy, weights: {web: 0.2, code: 0.8}}]
              seeds: 1  # verify replicates

            """
        case .command: return """
            mixspec: 1
            name: reads-command
            domains:
              web: {tokens: 4M}
              code: {tokens: 1M}
            proxies:
              count: 40
              models: [{name: small, size: 8k, tokens: 200k}]
              trainer:
                command: [python3, train.py, "{mixture}", "{out}"]
                inputs: [lib/*.py]
                slurm: {partition: gpu, time: "01:00:00", gpus: 1, cpus: 4, memory: 16G, extra_args: [--exclusive], array: true, array_limit: 8, retries: 2}
            regression: {model: linear}
            objective: {minimize: loss.web}
            verify:
              model: {name: target, size: 32k, tokens: 1M}

            """
        case .scaled: return """
            mixspec: 1
            name: reads-scaled
            domains:
              web: {synthetic: {seed: 1}, tokens: 4M}
              code: {synthetic: {seed: 2}, tokens: 1M}
            proxies:
              count: 8
              models:
                - {name: small, size: 8k, tokens: 200k}
                - {name: medium, size: 16k, tokens: 200k}
                - {name: large, size: 32k, tokens: 200k}
            regression: {model: mixing-law}
            objective: {minimize: loss.web}
            scaling:
              target: {size: 128k, tokens: 1M}
              steps: {from_tokens: 20k}
              bootstrap: {samples: 100, seed: 0, level: 0.95}
              huber_delta: 0.001

            """
        case .scaledImport: return """
            mixspec: 1
            name: reads-scaled-import
            domains:
              web: {tokens: 1M}
              code: {tokens: 3M}
            proxies:
              models: [{name: s1, size: 70M, tokens: 1B}, {name: s2, size: 160M, tokens: 1B}]
              results: {mixtures: runs/mixtures.csv, metrics: runs/long.csv}
            regression: {model: linear}
            objective: {minimize: loss.web}
            scaling:
              target: {size: 1B, tokens: 10B}
              steps: {tokens_per_step: 1M}

            """
        case .imported: return """
            mixspec: 1
            name: reads-import
            domains:
              web: {tokens: 1M}
              code: {tokens: 3M}
            proxies:
              results: {mixtures: runs/mixtures.csv, metrics: runs/metrics.csv}
            regression: {model: linear}
            objective: {minimize: loss.web}

            """
        }
    }
}

/// One edit: replace each `old` (which must occur exactly once) with its `new`.
private struct Case: CustomStringConvertible {
    var field: String
    var base: ReadsBase
    var edits: [(old: String, new: String)]
    /// Derived fields the edit also changes (e.g. the prior when tokens change).
    var alsoReads: [String] = []
    var description: String { "\(field) on the \(base.rawValue) spec" }

    init(_ field: String, _ base: ReadsBase, _ old: String, _ new: String, alsoReads: [String] = []) {
        self.field = field; self.base = base; self.edits = [(old, new)]; self.alsoReads = alsoReads
    }

    init(_ field: String, _ base: ReadsBase, edits: [(String, String)], alsoReads: [String] = []) {
        self.field = field; self.base = base; self.edits = edits.map { (old: $0.0, new: $0.1) }; self.alsoReads = alsoReads
    }
}

private let cases: [Case] = [
    Case("name", .builtin, "name: reads\n", "name: reads2\n"),
    Case("description", .builtin, "The reads table.", "Another description."),
    Case("domains.*.path", .builtin, "data/web/*.txt", "data/web/*.md"),
    Case("domains.*.synthetic.seed", .builtin, "seed: 2}", "seed: 5}"),
    Case("domains.*.tokens", .builtin, "tokens: 4M}", "tokens: 5M}", alsoReads: ["(prior)"]),
    Case("domains.*.prior", .builtin, edits: [("tokens: 4M}", "tokens: 4M, prior: 1}"), ("seed: 2}, tokens: 1M}", "seed: 2}, tokens: 1M, prior: 1}"),
                                             ("tokens: 2M}", "tokens: 2M, prior: 2}")], alsoReads: ["(prior)"]),
    Case("proxies.count", .builtin, "count: 40", "count: 48"),
    Case("proxies.models[].name", .builtin, "name: small,", "name: tiny,"),
    Case("proxies.models[].name@command", .command, "name: small,", "name: tiny,", alsoReads: ["proxies.models[].name"]),
    Case("proxies.models[].size", .builtin, "size: 8k", "size: 9k"),
    Case("proxies.models[].tokens", .builtin, "tokens: 200k", "tokens: 300k"),
    Case("proxies.seeds", .builtin, "seeds: 1\n  sampler", "seeds: 2\n  sampler"),
    Case("proxies.sampler.seed", .builtin, "seed: 42", "seed: 43"),
    Case("proxies.sampler.temperature", .builtin, "temperature: 0.5", "temperature: 0.7"),
    Case("proxies.sampler.strength", .builtin, "strength: [0.1, 5]", "strength: [0.2, 5]"),
    Case("proxies.sampler.max_usage", .builtin, "max_usage: 15", "max_usage: 10"),
    Case("proxies.sampler.min_weight", .builtin, "min_weight: 0.0002", "min_weight: 0.001"),
    Case("proxies.trainer", .builtin, "trainer: builtin", "trainer: {command: [python3, other.py, \"{out}\"]}",
         alsoReads: ["proxies.trainer.command", "proxies.models[].name@command"]),
    Case("proxies.trainer.command", .command, "train.py", "train2.py", alsoReads: ["proxies.trainer.inputs"]),
    Case("proxies.trainer.inputs", .command, "inputs: [lib/*.py]", "inputs: [lib/*.py, conf/*.yaml]"),
    Case("proxies.trainer.slurm.partition", .command, "partition: gpu", "partition: cpu"),
    Case("proxies.trainer.slurm.time", .command, "\"01:00:00\"", "\"02:00:00\""),
    Case("proxies.trainer.slurm.gpus", .command, "gpus: 1", "gpus: 2"),
    Case("proxies.trainer.slurm.cpus", .command, "cpus: 4", "cpus: 8"),
    Case("proxies.trainer.slurm.memory", .command, "memory: 16G", "memory: 32G"),
    Case("proxies.trainer.slurm.extra_args", .command, "[--exclusive]", "[--exclusive, --nice]"),
    Case("proxies.trainer.slurm.array", .command, "array: true", "array: false"),
    Case("proxies.trainer.slurm.array_limit", .command, "array_limit: 8", "array_limit: 16"),
    Case("proxies.trainer.slurm.retries", .command, "retries: 2", "retries: 3"),
    Case("proxies.results.mixtures", .imported, "runs/mixtures.csv", "runs/mixtures2.csv"),
    Case("proxies.results.metrics", .imported, "runs/metrics.csv", "runs/metrics2.csv"),
    Case("regression.model", .builtin, "model: [linear, gbdt, mixing-law]", "model: [linear, gbdt]"),
    Case("regression.folds", .builtin, "folds: 4", "folds: 5"),
    Case("regression.seed", .builtin, "  seed: 0\n  linear", "  seed: 1\n  linear"),
    Case("regression.linear.ridge", .builtin, "ridge: 0", "ridge: 0.1"),
    Case("regression.gbdt.iterations", .builtin, "iterations: 100", "iterations: 200"),
    Case("regression.gbdt.learning_rate", .builtin, "learning_rate: 0.01", "learning_rate: 0.05"),
    Case("regression.gbdt.leaves", .builtin, "leaves: 31", "leaves: 15"),
    Case("regression.gbdt.min_samples_leaf", .builtin, "min_samples_leaf: 2", "min_samples_leaf: 3"),
    Case("regression.gbdt.bins", .builtin, "bins: 255", "bins: 63"),
    Case("regression.gbdt.min_sum_hessian", .builtin, "min_sum_hessian: 0.001", "min_sum_hessian: 0.01"),
    Case("regression.mixing_law.huber_delta", .builtin, "huber_delta: 0.05", "huber_delta: 0.01"),
    Case("regression.mixing_law.starts", .builtin, "starts: 8", "starts: 4"),
    Case("regression.mixing_law.seed", .builtin, "starts: 8, seed: 0", "starts: 8, seed: 3"),
    // Same metrics, another formula: the cross-validations score it, the search ranks by it.
    Case("objective.minimize", .builtin, "minimize: loss.web + loss.code", "minimize: 5 * loss.code + loss.web"),
    Case("objective.maximize", .builtin, "minimize: loss.web + loss.code", "maximize: loss.web + loss.code"),
    Case("objective.metrics", .builtin, "minimize: loss.web + loss.code", "minimize: loss.web + loss.wiki",
         alsoReads: ["objective.minimize"]),
    Case("search.candidates", .builtin, "candidates: 1000", "candidates: 2000"),
    Case("search.top_k", .builtin, "top_k: 16", "top_k: 8"),
    Case("search.seed", .builtin, "  seed: 7", "  seed: 8"),
    Case("search.strength", .builtin, "  strength: 1\n", "  strength: 2\n"),
    Case("search.bounds", .builtin, "bounds: {code: [0, 0.5]}", "bounds: {code: [0, 0.4]}"),
    Case("search.availability.target_tokens", .builtin, "target_tokens: 10M", "target_tokens: 12M"),
    Case("search.availability.max_epochs", .builtin, "max_epochs: 4", "max_epochs: 5"),
    Case("verify.model.name", .builtin, "name: target", "name: big"),
    Case("verify.model.name@command", .command, "name: target", "name: big"),
    Case("verify.model.size", .builtin, "size: 32k", "size: 64k"),
    Case("verify.model.tokens", .builtin, "tokens: 1M}\n  baselines", "tokens: 2M}\n  baselines"),
    Case("verify.baselines", .builtin, "[prior, uniform, {name", "[prior, {name"),
    Case("verify.baselines[].name", .builtin, "name: heavy", "name: codey"),
    Case("verify.baselines[].weights", .builtin, "web: 0.2, code: 0.8", "web: 0.3, code: 0.7"),
    Case("verify.seeds", .builtin, "seeds: 1  # verify", "seeds: 2  # verify"),
    Case("scaling.target.size", .scaled, "size: 128k", "size: 256k"),
    Case("scaling.target.tokens", .scaled, "tokens: 1M}\n  steps", "tokens: 2M}\n  steps"),
    Case("scaling.steps.from_tokens", .scaled, "from_tokens: 20k", "from_tokens: 25k"),
    Case("scaling.steps.tokens_per_step", .scaledImport, "tokens_per_step: 1M", "tokens_per_step: 2M"),
    Case("scaling.bootstrap.samples", .scaled, "samples: 100", "samples: 50"),
    Case("scaling.bootstrap.seed", .scaled, "seed: 0, level", "seed: 1, level"),
    Case("scaling.bootstrap.level", .scaled, "level: 0.95", "level: 0.9"),
    Case("scaling.huber_delta", .scaled, "huber_delta: 0.001", "huber_delta: 0.01"),
    // Adding a proxy size refits every size law but no existing step law (issue 11).
    Case("proxies.models[].size", .scaled, "size: 32k", "size: 64k"),
    Case("proxies.models[].name@scaled", .scaled, "name: large", "name: big"),
]

/// Fields that cannot be edited to another valid value.
private let unmutable: [String: String] = ["mixspec": "format version 1 is the only valid value"]

// MARK: machinery

private let mixturesCSV = "run,web,code\nr0,0.5,0.5\nr1,0.2,0.8\nr2,0.9,0.1\nr3,0.3,0.7\nr4,0.6,0.4\nr5,0.1,0.9\n"
private let metricsCSV = "run,loss.web\nr0,2.0\nr1,2.3\nr2,1.8\nr3,2.2\nr4,1.9\nr5,2.5\n"
private let longCSV = "run,model,step,loss.web\nr0,s1,1000,2.0\n"

private func load(_ text: String) throws -> Spec {
    let loaded = SpecLoader.load(bytes: Array(text.utf8), path: "spec.yaml", absolutePath: "/project/spec.yaml") { path in
        path.hasSuffix(".csv") ? Array((path.contains("mixtures") ? mixturesCSV : path.contains("long") ? longCSV : metricsCSV).utf8) : nil
    }
    guard let spec = loaded.spec else {
        throw CaseError(message: loaded.diagnostics.map(\.message).joined(separator: "\n") + "\n--- spec\n" + text)
    }
    return spec
}

private struct CaseError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// What the engine would resolve, computed from the spec alone: each domain's tokens and a digest
/// naming its source; the trainer's files (argv words that look like files, and the input globs).
private func facts(_ spec: Spec) -> CompileFacts {
    var domains: DomainFactTable = [:]
    for domain in spec.domains {
        let digest: String?
        switch domain.source {
        case .none: digest = nil
        case .paths(let patterns): digest = "files:" + patterns.joined(separator: ",")
        case .synthetic(let seed): digest = "synthetic:\(seed)"
        }
        domains[domain.name] = DomainFacts(tokens: domain.tokens ?? 1_000_000, contentDigest: digest)
    }
    var files: [InputFile] = []
    if case .command(let argv, _) = spec.proxies.trainer {
        files += argv.filter { $0.hasSuffix(".py") }.map { InputFile(name: $0, path: "/project/" + $0) }
    }
    files += spec.proxies.trainerInputs.map { InputFile(name: $0, path: "/project/" + $0) }
    return CompileFacts(domains: domains, trainerFiles: files.sorted())
}

/// Kinds of the tasks present in both graphs whose own key material differs. Tasks are paired by id,
/// then the unpaired ones of each kind in graph order (a renamed model or baseline renames its tasks).
private func changedKinds(_ a: CompiledSpec, _ b: CompiledSpec) -> Set<TaskKind> {
    var pairs: [(TaskNode, TaskNode)] = []
    var unpairedOld: [TaskKind: [TaskNode]] = [:], unpairedNew: [TaskKind: [TaskNode]] = [:]
    for node in b.graph.nodes {
        if let old = a.graph[node.id] { pairs.append((old, node)) } else { unpairedNew[node.kind, default: []].append(node) }
    }
    for node in a.graph.nodes where b.graph[node.id] == nil { unpairedOld[node.kind, default: []].append(node) }
    for (kind, olds) in unpairedOld { pairs += zip(olds, unpairedNew[kind] ?? []).map { ($0, $1) } }
    var kinds = Set<TaskKind>()
    for (old, node) in pairs {
        if old.parameters != node.parameters || old.version != node.version || old.inputs != node.inputs
            || old.fileInputs.map(\.name) != node.fileInputs.map(\.name) {
            kinds.insert(node.kind)
        }
    }
    return kinds
}

/// Every leaf path of the field table: scalars and lists of scalars, `*` for map keys, `[]` for list items.
private func leafPaths(_ fields: [Field], prefix: String = "") -> [String] {
    fields.flatMap { field in paths(field.type, prefix + field.name) }
}

private func paths(_ type: SchemaType, _ path: String) -> [String] {
    switch type {
    case .object(let fields): return leafPaths(fields, prefix: path + ".")
    case .map(_, let value, _):
        if case .object(let fields) = value { return leafPaths(fields, prefix: path + ".*.") }
        return [path]
    case .list(let item, _, _):
        if case .object(let fields) = item { return leafPaths(fields, prefix: path + "[].") }
        if case .oneOf = item { return [path] + paths(item, path + "[]").filter { $0 != path + "[]" } }
        return [path]
    case .oneOf(let alternatives, _):
        // The choice itself is a leaf (e.g. `trainer: builtin` vs a command), and so are the fields of a mapping alternative.
        return [path] + alternatives.flatMap { alternative -> [String] in
            if case .object(let fields) = alternative { return leafPaths(fields, prefix: path + ".") }
            return []
        }
    default: return [path]
    }
}

@Suite("Reads table")
struct ReadsTableTests {
    @Test func everyLeafFieldHasACase() {
        let covered = Set(cases.map { $0.field.split(separator: "@").first.map(String.init) ?? $0.field })
            .union(unmutable.keys)
        let leaves = Set(leafPaths(FieldTable.root))
        let missing = leaves.subtracting(covered).sorted()
        #expect(missing.isEmpty, "fields without a reads-table case: \(missing)")
        let unknown = covered.subtracting(leaves).subtracting(["objective.metrics"]).sorted()
        #expect(unknown.isEmpty, "cases for fields the spec does not have: \(unknown)")
    }

    @Test(arguments: cases.indices)
    func anEditChangesExactlyTheKindsThatReadTheField(_ index: Int) throws {
        let c = cases[index]
        var text = c.base.text
        for edit in c.edits {
            let parts = text.components(separatedBy: edit.old)
            try #require(parts.count == 2, "'\(edit.old)' occurs \(parts.count - 1) times in the \(c.base.rawValue) spec")
            text = parts.joined(separator: edit.new)
        }
        let before = try load(c.base.text), after = try load(text)
        let a = try SpecCompiler.compile(before, facts: facts(before))
        let b = try SpecCompiler.compile(after, facts: facts(after))
        // Only kinds the graphs have: scaling's kinds exist only in specs with `scaling`.
        let present = Set(a.graph.nodes.map(\.kind)).union(b.graph.nodes.map(\.kind))
        let expected = expectedKinds(c.field, alsoReads: c.alsoReads).intersection(present)
        let actual = changedKinds(a, b)
        #expect(actual == expected, "\(c): changed \(actual.map(\.rawValue).sorted()), reads table says \(expected.map(\.rawValue).sorted())")
    }

    @Test(arguments: [ReadsBase.builtin, .command, .imported, .scaled, .scaledImport])
    func reformattingAndReorderingChangeNoKey(_ base: ReadsBase) throws {
        let original = try load(base.text)
        let reformatted = try load(original.canonicalYAML)
        let a = try SpecCompiler.compile(original, facts: facts(original))
        let b = try SpecCompiler.compile(reformatted, facts: facts(reformatted))
        #expect(a.graph == b.graph, "reformatting changed \(changedKinds(a, b).map(\.rawValue).sorted())")
        // Unit spellings: 4M and 4000000 are the same spec.
        let spelled = try load(base.text.replacingOccurrences(of: "tokens: 4M", with: "tokens: 4000000"))
        let c = try SpecCompiler.compile(spelled, facts: facts(spelled))
        #expect(c.graph == a.graph, "unit spelling changed \(changedKinds(a, c).map(\.rawValue).sorted())")
    }

    @Test func settingsMovedIntoAnExtendedBaseChangeNoKey() throws {
        let full = try load(ReadsBase.builtin.text)
        let start = try #require(ReadsBase.builtin.text.range(of: "regression:\n"))
        let end = try #require(ReadsBase.builtin.text.range(of: "objective:\n"))
        // The regression section moves, verbatim, into the base.
        let baseText = String(ReadsBase.builtin.text[start.lowerBound..<end.lowerBound])
        let extending = "extends: base.yaml\n" + ReadsBase.builtin.text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
        let loaded = SpecLoader.load(bytes: Array(extending.utf8), path: "spec.yaml", absolutePath: "/project/spec.yaml") { path in
            path.hasSuffix("base.yaml") ? Array(baseText.utf8) : nil
        }
        let moved = try #require(loaded.spec, "\(loaded.diagnostics.map(\.message))")
        let a = try SpecCompiler.compile(full, facts: facts(full))
        let b = try SpecCompiler.compile(moved, facts: facts(moved))
        #expect(a.graph == b.graph, "moving settings into a base changed \(changedKinds(a, b).map(\.rawValue).sorted())")
    }
}

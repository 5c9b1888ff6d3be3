import SpecSyntax

extension SpecBuilder {
    /// Proxies: models, sampler, trainer, imported results.
    mutating func buildProxies(_ root: Checked, domains: [Domain]?) -> Proxies? {
        guard let p = root["proxies"] else { return nil }
        var ok = true
        let results = p.member("results")
        if let results {
            ok = readResults(results.value, domains: domains) && ok
            // With results the swarm is the imported rows; a written count must agree with them.
            if let countMember = p.member("count"), p.node?["count"] != nil, let rows = mixturesCSV?.rows,
               let count = countMember.value.int, count != Int64(rows) {
                error("'proxies.count' is \(count) but the imported results hold \(rows) runs; with 'results' the swarm is the imported rows",
                      at: countMember.value.range, notes: [DiagnosticNote("results imported here", range: results.keyRange)],
                      fixIt: FixIt("remove 'count'"))
                ok = false
            }
        }
        var models: [ProxyModel] = []
        if let list = p["models"]?.list {
            var seen: [String: SourceRange] = [:]
            for item in list {
                guard let name = item["name"]?.string, let size = item["size"]?.int, let tokens = item["tokens"]?.int else {
                    ok = false; continue
                }
                let nameRange = item["name"]?.range ?? item.range
                if let first = seen[name] {
                    error("duplicate proxy model name '\(name)'", at: nameRange,
                          notes: [DiagnosticNote("'\(name)' first named here", range: first)])
                    ok = false
                }
                seen[name] = nameRange
                models.append(ProxyModel(name: name, size: size, tokens: tokens))
            }
        } else if p.node?["models"] != nil {
            ok = false
        } else if results == nil, !tainted("proxies.models", "proxies.results") {
            error("'proxies.models' is missing: at least one proxy model is needed unless results are imported",
                  at: p.node.map { $0.pairs?.first?.key.range ?? $0.range } ?? root.member("proxies")?.keyRange ?? .point(source.path, line: 1, column: 1),
                  fixIt: FixIt("add 'models: [{name: small, size: 1M, tokens: 1B}]' under 'proxies'"))
            ok = false
        }
        let sampler = buildSampler(p["sampler"])
        let trainer = buildTrainer(p["trainer"])
        if trainer == .builtin, results == nil, !tainted("proxies.trainer", "proxies.results"), let domains, let members = root["domains"]?.members {
            for (member, domain) in zip(members, domains) where domain.source == .none {
                error("domain '\(member.name)' has no data for the built-in trainer; give 'path' or 'synthetic'",
                      at: member.keyRange, fixIt: FixIt("add 'synthetic: {seed: 1}' for hermetic demo data"))
                ok = false
            }
        }
        if results == nil, ok, let count = p["count"]?.int, let seeds = p["seeds"]?.int {
            ok = checkTrainTasks(p, count: count, seeds: seeds, models: models.count)
        }
        guard ok, let count = p["count"]?.int, let seeds = p["seeds"]?.int, let sampler, let trainer else { return nil }
        let resolvedCount = results != nil ? (mixturesCSV?.rows ?? Int(count)) : Int(count)
        let resultsValue = results.flatMap { r -> Results? in
            guard let m = r.value["mixtures"]?.string, let x = r.value["metrics"]?.string else { return nil }
            return Results(mixtures: m, metrics: x)
        }
        let trainerInputs = (p["trainer"]?["inputs"]?.list ?? []).compactMap(\.string)
        return Proxies(count: resolvedCount, models: models, seeds: Int(seeds), sampler: sampler, trainer: trainer,
                       results: resultsValue, trainerInputs: trainerInputs)
    }

    /// One train task per (mixture, seed, model): at most SpecLimits.trainTasks of them.
    private mutating func checkTrainTasks(_ p: Checked, count: Int64, seeds: Int64, models: Int) -> Bool {
        let (perModel, o1) = count.multipliedReportingOverflow(by: seeds)
        let (tasks, o2) = perModel.multipliedReportingOverflow(by: Int64(models))
        guard o1 || o2 || tasks > SpecLimits.trainTasks else { return true }
        let product = "\(count) mixture\(count == 1 ? "" : "s") × \(seeds) seed\(seeds == 1 ? "" : "s") × \(models) model\(models == 1 ? "" : "s")"
        var notes: [DiagnosticNote] = []
        if let seedsValue = p["seeds"], !seedsValue.isDefault { notes.append(DiagnosticNote("seeds set here", range: seedsValue.range)) }
        if let modelsValue = p["models"] { notes.append(DiagnosticNote("models listed here", range: modelsValue.range)) }
        error("the swarm needs \(o1 || o2 ? "more than \(Int64.max)" : String(tasks)) train tasks (\(product)); the limit is \(SchemaValidator.limit(SpecLimits.trainTasks))",
              at: p["count"]?.range, notes: notes)
        return false
    }

    private mutating func buildSampler(_ s: Checked?) -> Sampler? {
        guard let s, let seed = s["seed"]?.int, let temperature = s["temperature"]?.number,
              let strength = s["strength"], let pair = strength.list, pair.count == 2,
              let lo = pair[0].number, let hi = pair[1].number,
              let maxUsage = s["max_usage"]?.number, let minWeight = s["min_weight"]?.number else { return nil }
        if lo > hi {
            error("'proxies.sampler.strength' is [\(SchemaValidator.format(lo)), \(SchemaValidator.format(hi))]: low is above high",
                  at: strength.range)
            return nil
        }
        return Sampler(seed: UInt64(seed), temperature: temperature, strength: lo...hi, maxUsage: maxUsage, minWeight: minWeight)
    }

    private mutating func buildTrainer(_ t: Checked?) -> TrainerSpec? {
        guard let t else { return nil }
        if t.string == "builtin" { return .builtin }
        guard let items = t["command"]?.list else { return nil }
        var argv: [String] = []
        for item in items {
            guard let word = item.string else { return nil }
            argv.append(word)
        }
        if let program = items.first, argv.first == "" {
            error("the trainer command's program name is empty", at: program.range)
            return nil
        }
        guard let s = t["slurm"] else { return .command(argv: argv, slurm: nil) }
        var extra: [String] = []
        for item in s["extra_args"]?.list ?? [] {
            if let word = item.string { extra.append(word) }
        }
        let slurm = Slurm(partition: s["partition"]?.string, time: s["time"]?.string, gpus: Self.intValue(s["gpus"]),
                          cpus: Self.intValue(s["cpus"]), memory: s["memory"]?.string, extraArgs: extra,
                          array: s["array"]?.string != "false", arrayLimit: Self.intValue(s["array_limit"]),
                          retries: Self.intValue(s["retries"]) ?? Slurm.defaultRetries)
        return .command(argv: argv, slurm: slurm)
    }

    static func intValue(_ c: Checked?) -> Int? {
        guard let i = c?.int else { return nil }
        return Int(i)
    }

    /// Reads the results CSVs when possible; unreadable files are a warning (they may not exist yet on this machine).
    private mutating func readResults(_ r: Checked, domains: [Domain]?) -> Bool {
        var ok = true
        if let m = r["mixtures"], let path = m.string {
            if let bytes = readFile(absolute(path)) {
                if let shape = CSVShape(bytes: bytes) {
                    mixturesCSV = shape
                    if shape.rows == 0 {
                        error("'\(path)' has a header but no runs", at: m.range); ok = false
                    }
                    if let domains, case .mismatched(let problems) = MixtureColumns.match(domains: domains.map(\.name),
                                                                                         columns: shape.valueColumns) {
                        for problem in problems {
                            error("'\(path)': \(problem)", at: m.range,
                                  notes: [DiagnosticNote("its columns: " + shape.valueColumns.joined(separator: ", "))])
                        }
                        ok = false
                    }
                } else {
                    error("'\(path)' is not a UTF-8 CSV file with a header row", at: m.range); ok = false
                }
            } else {
                diagnostics.append(.warning("cannot read '\(path)'; its columns and rows are not checked", at: m.range))
            }
        }
        if let x = r["metrics"], let path = x.string {
            if let bytes = readFile(absolute(path)) {
                if let shape = CSVShape(bytes: bytes), !shape.valueColumns.isEmpty {
                    metricsCSV = shape
                } else {
                    error("'\(path)' is not a CSV file with a run id column and at least one metric column", at: x.range); ok = false
                }
            } else {
                diagnostics.append(.warning("cannot read '\(path)'; objective metrics are not checked against it", at: x.range))
            }
        }
        return ok
    }
}

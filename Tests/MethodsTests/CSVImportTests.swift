import Testing
@testable import Methods

@Suite struct CSVImportTests {
    @Test func readsQuotesEscapesCRLFAndBOM() throws {
        let text = "\u{FEFF}id,\"web, news\",\"say \"\"hi\"\"\"\r\n\"run\n1\",0.25,0.75\r\nr2,1e-1,9E-1\r\n\r\n"
        let table = try RunTable.parse(text, file: "m.csv")
        #expect(table.columns == ["web, news", "say \"hi\""])
        #expect(table.runIDs == ["run\n1", "r2"])
        #expect(table.rows == [[0.25, 0.75], [0.1, 0.9]])
        #expect(table.rowLocations[1] == SourceLocation(file: "m.csv", line: 4, column: 1))
    }

    func diagnostics(_ text: String) -> [String] {
        do { _ = try RunTable.parse(text, file: "f.csv"); return [] } catch let e as CSVImportError {
            return e.diagnostics.map(\.description)
        } catch { return ["unexpected \(error)"] }
    }

    @Test func olmixPandasLayoutIsReadAsItIs() throws {
        // allenai/olmix swarm CSVs: unnamed pandas index, then run, name, index, then values.
        let t = try RunTable.parse(",run,name,index,web,code\n0,r1,swarm-0000,0,0.25,0.75\n1,r2,swarm-0001,1,1.0,0.0\n", file: "ratios.csv")
        #expect(t.runIDs == ["r1", "r2"] && t.columns == ["web", "code"] && t.rows == [[0.25, 0.75], [1.0, 0.0]])
        let u = try RunTable.parse("Unnamed: 0,run_id,loss.web\n0,r1,2.5\n", file: "metrics.csv")
        #expect(u.runIDs == ["r1"] && u.columns == ["loss.web"])
        // A first column that is named stays the run id, whatever else is called `run`.
        let plain = try RunTable.parse("id,run,index\nx,1,2\n", file: "m.csv")
        #expect(plain.runIDs == ["x"] && plain.columns == ["run", "index"])
    }

    @Test func cellErrorsAreLocatedAndAllReported() {
        let d = diagnostics("id,a,b\nr1,0.5,abc\nr2,nan,0.5\nr3,0.5\nr1,inf,1\n")
        #expect(d == [
            "f.csv:2:8: 'abc' in column 'b' is not a number",
            "f.csv:3:4: 'nan' in column 'a' is not finite (NaN and infinities are not allowed)",
            "f.csv:4:4: row has 2 fields but the header has 3",
            "f.csv:5:1: duplicate run id 'r1' (first at f.csv:2:1)",
            "f.csv:5:4: 'inf' in column 'a' is not finite (NaN and infinities are not allowed)",
        ])
        #expect(diagnostics("id,a\nr1,\"0.5\nr2,1\n") == ["f.csv:2:4: quoted field is never closed (missing \")"])
        #expect(diagnostics("id,a\nr1,0\"5\n") == ["f.csv:2:5: quote inside an unquoted field; quote the whole field and write \"\" for a literal quote"])
        #expect(diagnostics("") == ["f.csv:1:1: file is empty; expected a header row (run id column, then one column per value)"])
        #expect(diagnostics("id,a,a\nr,1,2\n") == ["f.csv:1:6: duplicate column 'a' (first at f.csv:1:4)"])
        #expect(diagnostics("id,a\nr,0x10\n") == ["f.csv:2:3: '0x10' in column 'a' is not a number"])
    }

    @Test func pairingChecksIdsAndMixtureSums() throws {
        let mixtures = try RunTable.parse("run,a,b\nr1,0.5,0.5\nr2,0.3,0.6995\nr3,0.2,0.8\n", file: "mix.csv")
        let metrics = try RunTable.parse("run,loss\nr3,3\nr1,1\nr2,2\n", file: "met.csv")
        let runs = try ImportedRuns.pair(mixtures: mixtures, metrics: metrics)
        #expect(try runs.metric("loss") == [1, 2, 3])
        #expect(abs(runs.mixtures.rows[1].reduce(0, +) - 1) < 1e-15)
        #expect(runs.warnings.map(\.location.line) == [3])
        #expect(throws: MethodsError.self) { try runs.metric("nope") }

        let extra = try RunTable.parse("run,loss\nr1,1\nr2,2\nr4,4\n", file: "met.csv")
        do {
            _ = try ImportedRuns.pair(mixtures: mixtures, metrics: extra)
            Issue.record("expected an error")
        } catch let e as CSVImportError {
            #expect(e.diagnostics.map(\.description) == [
                "mix.csv:4:1: run 'r3' has a mixture but no row in met.csv",
                "met.csv:4:1: run 'r4' has metrics but no row in mix.csv",
            ])
        }
        let badSum = try RunTable.parse("run,a,b\nr1,0.5,0.4\nr2,-0.1,1.1\nr3,0.2,0.8\n", file: "mix.csv")
        do {
            _ = try ImportedRuns.pair(mixtures: badSum, metrics: metrics)
            Issue.record("expected an error")
        } catch let e as CSVImportError {
            #expect(e.diagnostics.map(\.location.line) == [2, 3])
            #expect(e.description.contains("mix.csv:2:1: error: run 'r1': mixture weights sum to 0.9"))
        }
    }
}

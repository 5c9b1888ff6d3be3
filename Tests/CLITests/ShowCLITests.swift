import Foundation
import Testing

@Suite struct ShowCLITests {
    @Test func showPrintsTheGoldenCanonicalYAML() throws {
        for name in CLI.files(in: "specs", ext: "yaml") {
            let r = try CLI.run(["show", "specs/" + name])
            #expect(r.status == 0)
            #expect(r.stdout == CLI.read("golden/show/" + name), "\(name)")
        }
    }

    @Test func showJSONIsCanonicalWithDomainsInOrder() throws {
        let r = try CLI.run(["show", "--json", "specs/regmix-pile.yaml"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let domains = try #require(object["domains"] as? [[String: Any]])
        #expect(domains.count == 17)
        #expect(domains.first?["name"] as? String == "arxiv")
        #expect((object["proxies"] as? [String: Any])?["count"] as? Int == 512)
    }

    @Test func showOfAnInvalidSpecFailsWithDiagnostics() throws {
        let r = try CLI.run(["show", "golden/fixtures/duplicate-key.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("error: duplicate key 'folds'"))
    }
}

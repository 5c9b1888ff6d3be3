// `mixspec diff REV -- SPEC` and `diff REV1 REV2 -- SPEC` against a repository the test builds:
// the spec and the base it extends are both read at the revision.
import Compiler
import Foundation
import Review
import SpecModel
import TestSupport
import Testing

@Suite struct DiffGitTests {
    static func shared(tokens: String) -> String {
        (try? String(contentsOfFile: Repo.path("golden/diff/specs/extends-old/shared.yaml"), encoding: .utf8))!
            .replacingOccurrences(of: "tokens: 20M}", with: "tokens: \(tokens)}")
    }

    /// A repository with specs/spec.yaml extending specs/shared.yaml; HEAD~1 trains on 20M tokens, HEAD on 40M,
    /// and the working tree has an uncommitted search change.
    func makeRepository() throws -> ScratchFolder {
        let repo = ScratchFolder("diff-git")
        let spec = try String(contentsOfFile: Repo.path("golden/diff/specs/extends-old/spec.yaml"), encoding: .utf8)
        try repo.write("specs/spec.yaml", spec)
        try repo.write("specs/shared.yaml", Self.shared(tokens: "20M"))
        try ReviewSupport.git(["init", "-q"], in: repo.path)
        try ReviewSupport.git(["add", "-A"], in: repo.path)
        try ReviewSupport.git(["commit", "-q", "-m", "first"], in: repo.path)
        try repo.write("specs/shared.yaml", Self.shared(tokens: "40M"))
        try ReviewSupport.git(["commit", "-q", "-am", "more tokens"], in: repo.path)
        try repo.write("specs/spec.yaml", spec.replacingOccurrences(of: "[0, 0.5]", with: "[0, 0.25]"))
        return repo
    }

    @Test func revisionAgainstRevisionReadsTheBaseAtEachRevision() throws {
        let repo = try makeRepository()
        defer { repo.cleanup() }
        let path = repo.path + "/specs/spec.yaml"
        let d = try ReviewSupport.diff(.revision("HEAD~1", path: path), .revision("HEAD", path: path),
                                       oldLabel: "HEAD~1:spec.yaml", newLabel: "HEAD:spec.yaml", store: repo.path + "/store")
        #expect(d.changes.map(\.path) == ["proxies.models[small].tokens"])
        #expect(d.changes.first?.old == .int(20_000_000) && d.changes.first?.new == .int(40_000_000))
        #expect(d.invalidated.filter { $0.rawValue.hasPrefix("train/") }.count == 48)
    }

    @Test func revisionAgainstWorkingTree() throws {
        let repo = try makeRepository()
        defer { repo.cleanup() }
        let path = repo.path + "/specs/spec.yaml"
        let d = try ReviewSupport.diff(.revision("HEAD", path: path), .file(path),
                                       oldLabel: "HEAD:spec.yaml", newLabel: "spec.yaml", store: repo.path + "/store")
        #expect(d.changes.map(\.path) == ["search.bounds.code"])
        #expect(d.invalidated.allSatisfy { !$0.rawValue.hasPrefix("train/") })
        #expect(d.rerunFLOPs == 0)
    }

    /// A training script named in the command is an input file: an edit between revisions is
    /// named in the diff and invalidates every training, with no spec field changed.
    @Test func anEditedTrainingScriptIsNamedAndInvalidatesTheTrainings() throws {
        let repo = ScratchFolder("diff-git-trainer")
        defer { repo.cleanup() }
        let spec = """
            mixspec: 1
            name: scripted
            domains: {web: {tokens: 4M}, code: {tokens: 1M}}
            proxies:
              count: 20
              models: [{name: small, size: 8k, tokens: 200k}]
              trainer: {command: [python3, train.py, "{mixture}", "{out}"]}
            regression: {model: linear}
            objective: {minimize: loss.web}

            """
        try repo.write("specs/spec.yaml", spec)
        try repo.write("specs/train.py", "print('v1')\n")
        try ReviewSupport.git(["init", "-q"], in: repo.path)
        try ReviewSupport.git(["add", "-A"], in: repo.path)
        try ReviewSupport.git(["commit", "-q", "-m", "first"], in: repo.path)
        try repo.write("specs/train.py", "print('v2')\n")
        let path = repo.path + "/specs/spec.yaml"
        let d = try ReviewSupport.diff(.revision("HEAD", path: path), .file(path),
                                       oldLabel: "HEAD:spec.yaml", newLabel: "spec.yaml", store: repo.path + "/store")
        #expect(d.changes.isEmpty)
        #expect(d.changedFiles == ["train.py"])
        #expect(!d.isSemanticallyIdentical)
        #expect(d.invalidated.filter { $0.rawValue.hasPrefix("train/") }.count == 20)
        #expect(SpecDiffText.render(d, color: false).contains("~ train.py"))

        // Committed: the two revisions differ in the script only; the same revision twice differs in nothing.
        try ReviewSupport.git(["commit", "-q", "-am", "v2"], in: repo.path)
        let between = try ReviewSupport.diff(.revision("HEAD~1", path: path), .revision("HEAD", path: path),
                                             oldLabel: "HEAD~1", newLabel: "HEAD", store: repo.path + "/store")
        #expect(between.changedFiles == ["train.py"])
        let same = try ReviewSupport.diff(.revision("HEAD", path: path), .file(path),
                                          oldLabel: "HEAD", newLabel: "spec.yaml", store: repo.path + "/store")
        #expect(same.isSemanticallyIdentical && same.invalidated.isEmpty)
    }

    @Test func sourceLabelsAndRelativeBasePaths() throws {
        #expect(SpecSource.revision("HEAD~2", path: "specs/a.yaml").label == "HEAD~2:specs/a.yaml")
        #expect(GitRevisionReader.relativePath(from: "/r/specs", to: "/r/specs/a.yaml") == "./a.yaml")
        #expect(GitRevisionReader.relativePath(from: "/r/specs/x", to: "/r/base/b.yaml") == "../../base/b.yaml")
    }

    @Test func unknownRevisionIsAClearError() throws {
        let repo = try makeRepository()
        defer { repo.cleanup() }
        #expect {
            _ = try SpecSource.revision("no-such-rev", path: repo.path + "/specs/spec.yaml").load()
        } throws: { error in
            "\(error)".contains("git show no-such-rev:./spec.yaml failed")
        }
    }

    /// The command line end to end: forms, exit statuses, output formats.
    @Test(.mixspecBinary) func commandLine() throws {
        let binary = try #require(ReviewSupport.binary)
        let repo = try makeRepository()
        defer { repo.cleanup() }
        let env = ["NO_COLOR": "1", "MIXSPEC_STORE": repo.path + "/store"]
        let dir = repo.path + "/specs"
        let text = try ReviewSupport.execute([binary, "diff", "HEAD~1", "HEAD", "--", "spec.yaml"], in: dir, environment: env)
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("mixspec diff  HEAD~1:spec.yaml → HEAD:spec.yaml\n"))
        #expect(text.stdout.contains("~ proxies.models[small].tokens: 20000000 → 40000000"))
        let markdown = try ReviewSupport.execute([binary, "diff", "--markdown", "HEAD", "--", "spec.yaml"], in: dir, environment: env)
        #expect(markdown.status == 0 && markdown.stdout.hasPrefix("### mixspec diff: `HEAD:spec.yaml` → `spec.yaml`"))
        let json = try ReviewSupport.execute([binary, "diff", "--json", "HEAD", "--", "spec.yaml"], in: dir, environment: env)
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["identical"] as? Bool == false)

        let usage = try ReviewSupport.execute([binary, "diff", "spec.yaml"], in: dir, environment: env)
        #expect(usage.status == 64)
        let tooMany = try ReviewSupport.execute([binary, "diff", "a", "b", "c", "--", "spec.yaml"], in: dir, environment: env)
        #expect(tooMany.status == 64)
        let badRevision = try ReviewSupport.execute([binary, "diff", "nope", "--", "spec.yaml"], in: dir, environment: env)
        #expect(badRevision.status == 1 && badRevision.stderr.contains("error: git show nope:./spec.yaml failed"))
        try repo.write("specs/broken.yaml", "extends: missing.yaml\nname: x\n")
        let invalid = try ReviewSupport.execute([binary, "diff", "spec.yaml", "broken.yaml"], in: dir, environment: env)
        #expect(invalid.status == 1 && invalid.stderr.contains("broken.yaml:1:10: error: cannot read base spec 'missing.yaml'"))
        let same = try ReviewSupport.execute([binary, "diff", "spec.yaml", "spec.yaml"], in: dir, environment: env)
        #expect(same.status == 0 && same.stdout.contains("No semantic change"))
    }
}

// Issue 10 "Hostile files", through the real binary: a trainer that leaves a FIFO, a link or a
// huge file as `{out}/metrics.json`, store blobs replaced by a FIFO or a link, store folders and
// `out/` replaced by links, and `extends` naming /proc/self/environ, a FIFO or a device. Each
// ends in a clear error (for the store: a warning and a recompute) well within the harness's
// timeout, which kills a hung binary instead of hanging the suite, and a sentinel folder outside
// the workspace is left exactly as it was.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder outside every workspace with a file, a subfolder and a file in it; `snapshot()`
/// records what is there (kinds, contents, link targets), so a test can show it was not touched.
final class Sentinel {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mixspec-sentinel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("precious\n".utf8).write(to: root.appendingPathComponent("precious.txt"))
        try Data("also precious\n".utf8).write(to: root.appendingPathComponent("sub/inner.txt"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var path: String { root.path }
    var file: String { root.appendingPathComponent("precious.txt").path }

    /// Relative path → kind and content, found without following links.
    func snapshot() -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ relative: String) {
            let full = relative.isEmpty ? root.path : root.path + "/" + relative
            var info = stat()
            guard lstat(full, &info) == 0 else { return }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                out[relative] = "folder"
                for name in (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? [] {
                    walk(relative.isEmpty ? name : relative + "/" + name)
                }
            case S_IFREG:
                out[relative] = "file " + String(decoding: FileManager.default.contents(atPath: full) ?? Data(), as: UTF8.self)
            case S_IFLNK:
                out[relative] = "link " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?")
            default:
                out[relative] = "other"
            }
        }
        walk("")
        return out
    }
}

extension Workspace {
    /// Runs `mixspec args…`, killing it (SIGKILL) if it has not ended after `seconds`, so a hang
    /// fails the test instead of the suite. Returns the result, the seconds it took, and whether it was killed.
    func mixspec(_ args: [String], within seconds: Double, environment extra: [String: String] = [:]) throws
        -> (result: CLIResult, seconds: Double, timedOut: Bool) {
        let started = Date()
        let run = try start(args, environment: extra)
        let ended = waitUntil(seconds: seconds) { !run.process.isRunning }
        if !ended { run.kill9() }
        let result = try run.wait()
        return (result, Date().timeIntervalSince(started), !ended)
    }

    /// A spec of six proxies whose trainer is `trainer.py` in the workspace (`HostileFiles.trainer`).
    func writeHostileSpec() throws {
        try write(HostileFiles.trainer, to: "trainer.py")
        try write(EngineCLI.spec(count: 6, topK: 4, regression: "{model: linear, folds: 2}",
                                 trainer: "[python3, trainer.py, \"{mixture}\", \"{out}\"]"))
    }
}

enum HostileFiles {
    /// Generous bound on one invocation (each should take well under a second).
    static let limit = 10.0

    /// A trainer that misbehaves as `HOSTILE` says (`SENTINEL` names the folder outside), or
    /// writes ordinary metrics when it is unset.
    static let trainer = #"""
        import json, os, sys
        mixture, out = sys.argv[1], sys.argv[2]
        mode, sentinel = os.environ.get("HOSTILE", ""), os.environ.get("SENTINEL", "")
        path = os.path.join(out, "metrics.json")
        weights = json.load(open(mixture))["weights"]
        good = {"metrics": {"loss." + d: 2 - w for d, w in weights.items()}}
        if mode == "fifo":
            os.mkfifo(path)
        elif mode == "dev-zero":
            os.symlink("/dev/zero", path)
        elif mode == "link-outside":
            os.symlink(os.path.join(sentinel, "precious.txt"), path)
        elif mode == "huge":
            with open(path, "wb") as f:
                f.truncate(65 << 20)
        elif mode == "metrics":
            with open(path, "w") as f:
                f.write('{"metrics": {' + ",".join('"m%d": 1' % i for i in range(10001)) + '}}')
        elif mode == "steps":
            with open(path, "w") as f:
                f.write('{"metrics": {"loss.web": 1, "loss.code": 1}, "steps": ['
                        + ",".join('{"step": %d, "tokens": 1, "metrics": {}}' % i for i in range(100001)) + ']}')
        elif mode == "out-link":
            os.rmdir(out)
            os.symlink(sentinel, out)
        else:
            if mode == "plant":
                os.symlink(sentinel, os.path.join(out, "link-to-sentinel"))
                os.makedirs(os.path.join(out, "deeper"))
                os.symlink(os.path.join(sentinel, "sub"), os.path.join(out, "deeper", "link"))
            json.dump(good, open(path, "w"))
        """#

    /// The blob of `train/tiny/<index>/s0`, found through the spec's last-run index and its record.
    static func blob(of index: String, in ws: Workspace, spec: String = "e2e") throws -> String {
        let lines = String(decoding: try #require(ws.read(".mixspec/index/\(spec)"), "no index for \(spec)"), as: UTF8.self)
            .split(separator: "\n")
        let line = try #require(lines.last { $0.hasSuffix(" train/tiny/\(index)/s0") }, "no task record for \(index)")
        let key = String(line.prefix { $0 != " " })
        let recordData = try #require(ws.read(".mixspec/actions/\(key.prefix(2))/\(key).json"))
        let record = try #require(try JSONSerialization.jsonObject(with: recordData) as? [String: Any])
        let digest = try #require(record["output"] as? String)
        return ws.storePath + "/cas/\(digest.prefix(2))/\(digest)"
    }
}

@Suite(.serialized, .engineCLI)
struct HostileFileTests {
    // MARK: {out}/metrics.json

    @Test(arguments: [
        ("fifo", "it is a FIFO (named pipe), not a regular file"),
        ("dev-zero", "it is a symbolic link"),
        ("link-outside", "it is a symbolic link"),
        ("huge", "it is larger than the limit of 64 MiB"),
        ("metrics", "\"metrics\" has 10001 metrics; the limit is 10000"),
        ("steps", "\"steps\" has 100001 entries; the limit is 100000"),
        ("out-link", "the trainer replaced {out} of run train/tiny/0000/s0"),
    ])
    func aHostileMetricsFileFailsTheRunClearly(mode: String, message: String) throws {
        let ws = try Workspace(), sentinel = try Sentinel()
        let before = sentinel.snapshot()
        try ws.writeHostileSpec()
        let (r, seconds, timedOut) = try ws.mixspec(["run", "spec.yaml", "--jobs", "1"], within: HostileFiles.limit,
                                                    environment: ["HOSTILE": mode, "SENTINEL": sentinel.path])
        #expect(!timedOut, "mixspec run hung on a \(mode) metrics file and was killed")
        #expect(seconds < HostileFiles.limit)
        #expect(r.status == 1, "\(r.summary)")
        #expect(r.stderr.contains("error: task train/tiny/0000/s0 failed"), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        if mode != "out-link" { #expect(r.stderr.contains("{out}/metrics.json of run train/tiny/0000/s0"), "\(r.stderr)") }
        #expect(sentinel.snapshot() == before)
        #expect(ws.outputs().isEmpty, "a failed run wrote outputs")
    }

    @Test func linksATrainerPlantsInItsFolderAreRemovedNotFollowed() throws {
        let ws = try Workspace(), sentinel = try Sentinel()
        let before = sentinel.snapshot()
        try ws.writeHostileSpec()
        let (r, _, timedOut) = try ws.mixspec(["run", "spec.yaml"], within: HostileFiles.limit,
                                              environment: ["HOSTILE": "plant", "SENTINEL": sentinel.path])
        #expect(!timedOut)
        #expect(r.status == 0, "\(r.summary)")
        #expect(sentinel.snapshot() == before)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: ws.storePath + "/tmp"))?.isEmpty ?? true)
    }

    // MARK: Store blobs

    @Test func aBlobReplacedByAFIFOOrALinkIsRecomputedWithAWarning() throws {
        let ws = try Workspace(), sentinel = try Sentinel()
        try ws.writeHostileSpec()
        let first = try ws.mixspec(["run", "spec.yaml"], within: 60)
        try #require(first.result.status == 0, "\(first.result.summary)")
        let outputs = ws.outputs()
        let before = sentinel.snapshot()

        // A FIFO: `plan` (read-only, lock-free) must not block opening it.
        let fifo = try HostileFiles.blob(of: "0001", in: ws)
        try FileManager.default.removeItem(atPath: fifo)
        try #require(mkfifo(fifo, 0o644) == 0)
        let plan = try ws.mixspec(["plan", "spec.yaml"], within: HostileFiles.limit)
        #expect(!plan.timedOut, "mixspec plan hung on a FIFO blob and was killed")
        #expect(plan.result.status == 0, "\(plan.result.summary)")
        #expect(plan.result.stderr.contains("warning:") && plan.result.stderr.contains("FIFO"), "\(plan.result.stderr)")
        #expect(plan.result.stdout.contains("train/tiny/0001/s0") && plan.result.stdout.contains("missing or corrupt"), "\(plan.result.stdout)")

        // A link to /dev/zero, and one to a file outside: warned about, recomputed, the link replaced.
        let zero = try HostileFiles.blob(of: "0002", in: ws), outside = try HostileFiles.blob(of: "0003", in: ws)
        try FileManager.default.removeItem(atPath: zero)
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        try FileManager.default.removeItem(atPath: outside)
        try FileManager.default.createSymbolicLink(atPath: outside, withDestinationPath: sentinel.file)
        let run = try ws.mixspec(["run", "spec.yaml", "--json"], within: HostileFiles.limit)
        #expect(!run.timedOut, "mixspec run hung on a hostile blob and was killed")
        #expect(run.result.status == 0, "\(run.result.summary)")
        #expect(run.result.stderr.contains("symbolic link"), "\(run.result.stderr)")
        #expect(run.result.executed("train") == 3, "\(run.result.stdout)")
        #expect(try storeProblems(ws.storePath) == [])
        for path in [fifo, zero, outside] {
            var info = stat()
            #expect(lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG, "\(path) is not a regular file again")
        }
        #expect(ws.outputs() == outputs)
        #expect(sentinel.snapshot() == before)
    }

    @Test func aBlobLargerThanItsLimitIsNotRead() throws {
        let ws = try Workspace()
        try ws.writeHostileSpec()
        try #require(try ws.mixspec(["run", "spec.yaml"], within: 60).result.status == 0)
        let blob = try HostileFiles.blob(of: "0001", in: ws)
        try FileManager.default.removeItem(atPath: blob)
        try #require(FileManager.default.createFile(atPath: blob, contents: nil))
        try #require(truncate(blob, 3 << 30) == 0, "cannot make a sparse file here")
        let plan = try ws.mixspec(["plan", "spec.yaml"], within: HostileFiles.limit)
        #expect(!plan.timedOut)
        #expect(plan.result.status == 0, "\(plan.result.summary)")
        #expect(plan.result.stderr.contains("larger than the limit of 2 GiB"), "\(plan.result.stderr)")
    }

    // MARK: gc and store folders

    @Test(arguments: ["tmp", "cas"])
    func gcRefusesAStoreFolderThatIsALink(folder: String) throws {
        let ws = try Workspace(), sentinel = try Sentinel()
        try ws.writeHostileSpec()
        try #require(try ws.mixspec(["run", "spec.yaml"], within: 60).result.status == 0)
        // The sentinel gets look-alike content: a stray scratch folder, a shard with a "blob".
        try FileManager.default.createDirectory(atPath: sentinel.path + "/ab", withIntermediateDirectories: true)
        try Data("not a blob".utf8).write(to: URL(fileURLWithPath: sentinel.path + "/ab/" + String(repeating: "ab", count: 32)))
        let before = sentinel.snapshot()
        try FileManager.default.removeItem(atPath: ws.storePath + "/" + folder)
        try FileManager.default.createSymbolicLink(atPath: ws.storePath + "/" + folder, withDestinationPath: sentinel.path)

        let gc = try ws.mixspec(["gc", "spec.yaml"], within: HostileFiles.limit)
        #expect(!gc.timedOut)
        #expect(gc.result.status == 1, "\(gc.result.summary)")
        #expect(gc.result.stderr.contains("error: store folder \(ws.storePath)/\(folder) is a symbolic link"), "\(gc.result.stderr)")
        let run = try ws.mixspec(["run", "spec.yaml"], within: HostileFiles.limit)
        #expect(run.result.status == 1, "\(run.result.summary)")
        #expect(run.result.stderr.contains("is a symbolic link"), "\(run.result.stderr)")
        #expect(sentinel.snapshot() == before)
    }

    @Test func gcRemovesLinksInsideTheStoreNotWhatTheyPointTo() throws {
        let ws = try Workspace(), sentinel = try Sentinel()
        try ws.writeHostileSpec()
        try #require(try ws.mixspec(["run", "spec.yaml"], within: 60).result.status == 0)
        let before = sentinel.snapshot()
        let fm = FileManager.default
        try fm.createDirectory(atPath: ws.storePath + "/tmp/crashed/deeper", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: ws.storePath + "/tmp/crashed/deeper/link", withDestinationPath: sentinel.path)
        try fm.createSymbolicLink(atPath: ws.storePath + "/tmp/link", withDestinationPath: sentinel.path)
        try fm.createSymbolicLink(atPath: ws.storePath + "/cas/zz", withDestinationPath: sentinel.path)
        try fm.createSymbolicLink(atPath: ws.storePath + "/logs/zz", withDestinationPath: sentinel.path)
        let gc = try ws.mixspec(["gc", "spec.yaml"], within: HostileFiles.limit)
        #expect(!gc.timedOut)
        #expect(gc.result.status == 0, "\(gc.result.summary)")
        #expect(sentinel.snapshot() == before)
        for path in ["tmp/crashed", "tmp/link", "cas/zz", "logs/zz"] {
            #expect(!fm.fileExists(atPath: ws.storePath + "/" + path) && (try? fm.destinationOfSymbolicLink(atPath: ws.storePath + "/" + path)) == nil,
                    "\(path) was not removed")
        }
        let again = try ws.mixspec(["run", "spec.yaml", "--json"], within: HostileFiles.limit)
        #expect(again.result.status == 0 && again.result.executed == 0, "\(again.result.summary)")
    }

    // MARK: out/<name>

    @Test(arguments: ["out", "out/e2e"])
    func outputsAreNeverWrittenThroughALinkedFolder(link: String) throws {
        let ws = try Workspace(), sentinel = try Sentinel()
        let before = sentinel.snapshot()
        try ws.writeHostileSpec()
        if link == "out/e2e" { try FileManager.default.createDirectory(atPath: ws.path("out"), withIntermediateDirectories: true) }
        try FileManager.default.createSymbolicLink(atPath: ws.path(link), withDestinationPath: sentinel.path)
        let r = try ws.mixspec(["run", "spec.yaml"], within: 60)
        #expect(!r.timedOut)
        #expect(r.result.status == 1, "\(r.result.summary)")
        #expect(r.result.stderr.contains("error: writing outputs: \(ws.path(link)) is a symbolic link, not a folder"), "\(r.result.stderr)")
        #expect(sentinel.snapshot() == before)
    }

    @Test func anOutputFileThatIsALinkIsReplacedNotFollowed() throws {
        let ws = try Workspace(), sentinel = try Sentinel()
        let before = sentinel.snapshot()
        try ws.writeHostileSpec()
        try FileManager.default.createDirectory(atPath: ws.path("out/e2e"), withIntermediateDirectories: true)
        for name in ["summary.json", "report.html"] {
            try FileManager.default.createSymbolicLink(atPath: ws.path("out/e2e/" + name), withDestinationPath: sentinel.file)
        }
        let r = try ws.mixspec(["run", "spec.yaml"], within: 60)
        #expect(r.result.status == 0, "\(r.result.summary)")
        #expect(sentinel.snapshot() == before)
        for name in ["summary.json", "report.html"] {
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: ws.path("out/e2e/" + name))) == nil)
            #expect(ws.read("out/e2e/" + name).map { !$0.isEmpty } == true)
        }
    }

    // MARK: extends and spec files

    @Test func extendsOfProcEnvironNeverEchoesTheEnvironment() throws {
        let ws = try Workspace()
        try ws.write("extends: /proc/self/environ\n" + EngineCLI.spec())
        let secret = "hostile-secret-\(UUID().uuidString)"
        let r = try ws.mixspec(["check", "spec.yaml"], within: HostileFiles.limit, environment: ["MIXSPEC_TEST_SECRET": secret])
        #expect(!r.timedOut)
        #expect(r.result.status == 1, "\(r.result.summary)")
        #expect(!r.result.stderr.contains(secret) && !r.result.stdout.contains(secret), "the environment was echoed: \(r.result.stderr)")
        #expect(!r.result.stderr.contains("PATH="), "\(r.result.stderr)")
        #expect(r.result.stderr.contains("base spec '/proc/self/environ' is not UTF-8 YAML text (a NUL byte on line 1); its content is not shown"),
                "\(r.result.stderr)")
        let json = try ws.mixspec(["check", "spec.yaml", "--json"], within: HostileFiles.limit, environment: ["MIXSPEC_TEST_SECRET": secret])
        #expect(json.result.status == 1 && !json.result.stdout.contains(secret) && !json.result.stderr.contains(secret))
    }

    @Test func extendsOfAFIFOADeviceOrABinaryIsAClearError() throws {
        let ws = try Workspace()
        try #require(mkfifo(ws.path("fifo.yaml"), 0o644) == 0)
        try Data([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0x01, 0xff, 0x00, 0x0a]).write(to: URL(fileURLWithPath: ws.path("binary.yaml")))
        let cases = [
            ("fifo.yaml", "cannot read base spec 'fifo.yaml' (looked for \(ws.path("fifo.yaml"))): it is a FIFO (named pipe), not a regular file"),
            ("/dev/zero", "cannot read base spec '/dev/zero' (looked for /dev/zero): it is a character device, not a regular file"),
            ("binary.yaml", "base spec 'binary.yaml' is not UTF-8 YAML text (a control character on line 1); its content is not shown"),
        ]
        for (base, message) in cases {
            try ws.write("extends: \(base)\n" + EngineCLI.spec())
            let r = try ws.mixspec(["check", "spec.yaml"], within: HostileFiles.limit)
            #expect(!r.timedOut, "check hung on extends: \(base)")
            #expect(r.result.status == 1, "\(r.result.summary)")
            #expect(r.result.stderr.contains("spec.yaml:1:10: error: " + message), "\(r.result.stderr)")
        }
        // The spec itself: a FIFO is refused without blocking.
        let r = try ws.mixspec(["check", "fifo.yaml"], within: HostileFiles.limit)
        #expect(!r.timedOut)
        #expect(r.result.status == 1 && r.result.stderr.contains("cannot read fifo.yaml: it is a FIFO (named pipe), not a regular file"),
                "\(r.result.summary)")
    }
}

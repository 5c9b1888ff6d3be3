import Compiler
import ContentStore
import Foundation
import SpecModel
import TestSupport
import Testing

@Suite struct StoreTests {
    @Test func blobsRoundTripAndLiveUnderTheirDigest() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = Store(root: folder.path + "/store")
        let data = Data("{\"loss\": 1.5}".utf8)
        let digest = try store.writeBlob(data)
        #expect(digest == ContentDigest.sha256Hex(data))
        #expect(store.blobPath(digest) == "\(store.root)/cas/\(digest.prefix(2))/\(digest)")
        #expect(store.readBlob(digest) == data)
        #expect(try store.writeBlob(data) == digest)
        #expect(store.readBlob(String(repeating: "0", count: 64)) == nil)
        #expect(store.readBlob("../../etc/passwd") == nil)
        // No temp files left behind.
        #expect(!listFiles(store.root).contains { $0.contains(".tmp-") })
    }

    @Test func recordsRoundTripExactly() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = Store(root: folder.path + "/store")
        let material = TaskKeyMaterial(kind: .search, version: 2,
                                       parameters: .object(["top_k": .int(128), "w": .double(0.25), "s": .string("a\"b\n")]),
                                       inputDigests: [TaskID("fit"): String(repeating: "b", count: 64)], fileDigests: [:])
        let record = ActionRecord(key: ContentDigest.taskKey(material), taskID: TaskID("search"), kind: "search",
                                  outputDigest: String(repeating: "c", count: 64), outputSize: 12,
                                  material: material.canonical, created: "2026-01-01T00:00:00.000Z",
                                  duration: 1.25, executor: "test")
        try store.writeActionRecord(record)
        #expect(store.actionRecord(forKey: record.key) == record)
        var index = TaskIndex(store: store, name: "spec")
        try index.update([(TaskID("search"), record.key)])
        #expect(TaskIndex(store: store, name: "spec").lastRecord(for: TaskID("search")) == record)
        #expect(TaskIndex(store: store, name: "spec").lastRecord(for: TaskID("other")) == nil)
        #expect(TaskIndex(store: store, name: "another").lastRecord(for: TaskID("search")) == nil)
    }

    @Test func theIndexKeepsTheLastPointerPerTaskAndSurvivesATornAppend() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = Store(root: folder.path + "/store")
        let a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64), c = String(repeating: "c", count: 64)
        let odd = TaskID("verify/my mixture ü/s0\t%41")
        var index = TaskIndex(store: store, name: "spec")
        try index.update([(TaskID("train/small/0000/s0"), a), (odd, b)])
        try index.update([(TaskID("train/small/0000/s0"), c), (odd, b)])
        let lines = try String(contentsOfFile: index.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3, "an unchanged pointer is not appended again: \(lines)")
        var reloaded = TaskIndex(store: store, name: "spec")
        #expect(reloaded.keys == [TaskID("train/small/0000/s0"): c, odd: b])
        #expect(store.indexNames() == ["spec"])

        // A crash mid-append leaves a line without its newline: it is ignored, and the next
        // append starts on a line of its own.
        let handle = try #require(FileHandle(forWritingAtPath: index.path))
        handle.seekToEndOfFile()
        handle.write(Data("\(a) train%2Fsm".utf8))
        try handle.close()
        reloaded = TaskIndex(store: store, name: "spec")
        #expect(reloaded.keys.count == 2)
        try reloaded.update([(TaskID("search"), a)])
        #expect(TaskIndex(store: store, name: "spec").keys == [TaskID("train/small/0000/s0"): c, odd: b, TaskID("search"): a])

        // Dead lines are compacted away once they dominate.
        for round in 0..<100 { try reloaded.update([(TaskID("search"), round.isMultiple(of: 2) ? b : a)]) }
        try reloaded.compactIfWasteful()
        #expect(try String(contentsOfFile: index.path, encoding: .utf8).split(separator: "\n").count == 3)
        #expect(TaskIndex(store: store, name: "spec").keys == reloaded.keys)
    }

    @Test func taskIDEscapingIsInjectiveAndSafe() {
        let ids = ["train/small/0007/s0", "train%2Fsmall", "a b", "..", ".hidden", "x.y", "ü"]
        let escaped = ids.map { Store.escape(TaskID($0)) }
        #expect(Set(escaped).count == ids.count)
        #expect(escaped[0] == "train%2Fsmall%2F0007%2Fs0")
        #expect(escaped.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") })
    }

    @Test func defaultRootIsBesideTheSpecUnlessOverridden() {
        #expect(Store.defaultRoot(forSpecAt: "/a/b/spec.yaml", environment: [:]) == "/a/b/.mixspec")
        #expect(Store.defaultRoot(forSpecAt: "/a/b/spec.yaml", environment: ["MIXSPEC_STORE": "/s"]) == "/s")
        #expect(Store.defaultRoot(forSpecAt: "/a/b/spec.yaml", override: "/o", environment: ["MIXSPEC_STORE": "/s"]) == "/o")
    }

    @Test func fileDigestsAreMemoisedAndNoticeChanges() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = Store(root: folder.path + "/store")
        let path = folder.path + "/data.txt"
        try Data("one".utf8).write(to: URL(fileURLWithPath: path))
        // Age the file so it is memoised (recent files are not: racy timestamps).
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: path)
        let cache = FileDigestCache(store: store)
        let first = try cache.digest(ofFileAt: path)
        #expect(first == ContentDigest.sha256Hex(Data("one".utf8)))
        try cache.save()
        // Memoising never creates a store (a `plan` on a fresh spec writes nothing).
        #expect(!FileManager.default.fileExists(atPath: store.root))
        try FileManager.default.createDirectory(atPath: store.root, withIntermediateDirectories: true)
        _ = try FileDigestCache(store: store).digest(ofFileAt: path)
        let second = FileDigestCache(store: store)
        _ = try second.digest(ofFileAt: path)
        try second.save()
        #expect(FileManager.default.fileExists(atPath: store.root + "/files.json"))
        #expect(try FileDigestCache(store: store).digest(ofFileAt: path) == first)
        try Data("two".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try FileDigestCache(store: store).digest(ofFileAt: path) == ContentDigest.sha256Hex(Data("two".utf8)))
        #expect(throws: EngineError.self) { try cache.digest(ofFileAt: folder.path + "/missing.txt") }
    }
}

@Suite struct JSONParserTests {
    @Test func parsesWhatCanonicalJSONWrites() throws {
        let value = CanonicalValue.object([
            "a": .array([.int(-3), .double(0.1), .double(1e-300), .bool(true), .null]),
            "b": .string("tab\t quote\" uni é 😀 \u{01}"),
            "c": .object([:]), "d": .array([]), "e": .int(Int64.max),
        ])
        #expect(try JSONParser.parse(value.canonicalJSON) == value)
        #expect(try JSONParser.parse(value.prettyJSON) == value)
        #expect(try JSONParser.parse("\"\\ud83d\\ude00\\u00e9\\/\"") == .string("😀é/"))
        #expect(try JSONParser.parse(" 1.5e3 ") == .double(1500))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":1,\"a\":2}", "01x", "01", "\"abc", "nul", "1 2", "{\"a\" 1}", "-", "1.", "\"\\ud800\"", "NaN"])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsDeepNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }
}

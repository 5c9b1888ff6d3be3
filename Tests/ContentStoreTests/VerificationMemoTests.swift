// The verification memo: an output verified once is trusted while its blob's identity (inode,
// size, mtime, ctime) is unchanged; any change re-reads and re-hashes; `rehashAll` trusts nothing.
import Compiler
@testable import ContentStore
import Foundation
import SpecModel
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct VerificationMemoTests {
    /// A store holding one record whose blob is `{"loss": 1.5}`; returns (store, key, digest).
    private func storeWithOneRecord(_ folder: TemporaryFolder, warnings: MessageLog) throws -> (Store, String, String) {
        let store = Store(root: folder.path + "/store", warn: { warnings.add($0) })
        let digest = try store.writeBlob(Data("{\"loss\": 1.5}".utf8))
        let material = TaskKeyMaterial(kind: .train, version: 1, parameters: .object(["i": .int(1)]), inputDigests: [:], fileDigests: [:])
        let key = ContentDigest.taskKey(material)
        try store.writeActionRecord(ActionRecord(key: key, taskID: TaskID("train"), kind: "train", outputDigest: digest,
                                                 outputSize: 13, material: material.canonical, created: "", duration: 0, executor: ""))
        return (store, key, digest)
    }

    /// A clock far enough ahead that files written now are no longer "racy".
    private let later = Date(timeIntervalSinceNow: 60)

    /// `storeWithOneRecord` with its output verified and memoised.
    private func memoisedRecord(_ folder: TemporaryFolder, warnings: MessageLog) throws -> (Store, String, String) {
        let (store, key, digest) = try storeWithOneRecord(folder, warnings: warnings)
        let memo = VerificationMemo(store: store, rehashAll: false, now: later)
        #expect(memo.output(forKey: key) == .valid(outputDigest: digest))
        try memo.save()
        return (store, key, digest)
    }

    /// Overwrites the blob with other bytes of the same size and puts its mtime back.
    private func corruptKeepingSizeAndMtime(_ path: String) throws {
        var info = stat()
        try #require(stat(path, &info) == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data(original.map { $0 == UInt8(ascii: "5") ? UInt8(ascii: "6") : $0 }).write(to: URL(fileURLWithPath: path))
        var times = [info.st_atim, info.st_mtim]
        try #require(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        try #require(stat(path, &after) == 0)
        try #require(after.st_size == info.st_size && after.st_mtim.tv_sec == info.st_mtim.tv_sec
                     && after.st_mtim.tv_nsec == info.st_mtim.tv_nsec)
    }

    @Test func aVerifiedRecordIsRememberedAndTrustedWhileUnchanged() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let warnings = MessageLog()
        let (store, key, digest) = try memoisedRecord(folder, warnings: warnings)
        #expect(VerificationMemo(store: store).output(forKey: String(repeating: "0", count: 64)) == .absent)
        let saved = try #require(FileManager.default.contents(atPath: store.root + "/verified.bin"))
        #expect(saved.count == "mixspec-verified 1\n".utf8.count + 96)
        #expect(VerificationMemo(store: store).output(forKey: key) == .valid(outputDigest: digest))
        #expect(warnings.messages.isEmpty)
    }

    @Test func filesWrittenWithinTheRacyWindowAreNotRemembered() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let (store, key, digest) = try storeWithOneRecord(folder, warnings: MessageLog())
        let memo = VerificationMemo(store: store)
        #expect(memo.output(forKey: key) == .valid(outputDigest: digest))
        try memo.save()
        #expect(!FileManager.default.fileExists(atPath: store.root + "/verified.bin"))
    }

    @Test func aBlobCorruptedKeepingSizeAndMtimeIsStillCaught() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let warnings = MessageLog()
        let (store, key, digest) = try memoisedRecord(folder, warnings: warnings)

        // Its ctime moved on, so the memo no longer vouches for it: it is re-hashed and rejected.
        try corruptKeepingSizeAndMtime(store.blobPath(digest))
        let next = VerificationMemo(store: store, rehashAll: false, now: later)
        #expect(next.output(forKey: key) == .unusable("its cached output is missing or corrupt"))
        #expect(warnings.messages.contains { $0.contains("is corrupt") })
        // and forgotten.
        try next.save()
        #expect(FileManager.default.contents(atPath: store.root + "/verified.bin")?.count == "mixspec-verified 1\n".utf8.count)
    }

    @Test func aTruncatedRecordIsCaughtByAFullVerification() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let warnings = MessageLog()
        let (store, key, digest) = try memoisedRecord(folder, warnings: warnings)
        let path = store.actionRecordPath(key)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        // A memoised lookup stats the blob only (the output it vouches for is intact).
        #expect(VerificationMemo(store: store).output(forKey: key) == .valid(outputDigest: digest))
        #expect(VerificationMemo(store: store, rehashAll: true).output(forKey: key) == .absent)
        #expect(warnings.messages.contains { $0.contains("ignoring corrupt action record") })
    }

    @Test func fullVerificationCatchesCorruptionThatChangedNoMetadata() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let warnings = MessageLog()
        let (store, key, digest) = try storeWithOneRecord(folder, warnings: warnings)
        try corruptKeepingSizeAndMtime(store.blobPath(digest))
        // Bit rot beneath the file system changes no metadata: the memo cannot see it.
        let memo = VerificationMemo(store: store, rehashAll: false, now: later)
        memo.assumeVerified(key: key, output: digest)
        try memo.save()
        #expect(VerificationMemo(store: store).output(forKey: key) == .valid(outputDigest: digest))
        #expect(warnings.messages.isEmpty)
        // A full verification re-hashes regardless, and drops the entry.
        let full = VerificationMemo(store: store, rehashAll: true)
        #expect(full.output(forKey: key) == .unusable("its cached output is missing or corrupt"))
        #expect(warnings.messages.contains { $0.contains("is corrupt") })
        try full.save()
        #expect(VerificationMemo(store: store).output(forKey: key) == .unusable("its cached output is missing or corrupt"))
    }

    @Test func aCorruptMemoIsIgnoredWithAWarning() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let warnings = MessageLog()
        let (store, key, digest) = try storeWithOneRecord(folder, warnings: warnings)
        try Data("mixspec-verified 1\nshort".utf8).write(to: URL(fileURLWithPath: store.root + "/verified.bin"))
        #expect(VerificationMemo(store: store).output(forKey: key) == .valid(outputDigest: digest))
        #expect(warnings.messages.contains { $0.contains("ignoring corrupt verification memo") })
    }
}

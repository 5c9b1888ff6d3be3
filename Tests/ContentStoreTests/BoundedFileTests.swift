// The read and removal primitives behind issue 10 ("Hostile files"): regular files only, never
// blocking on a FIFO, links not followed unless asked, reads bounded by what is actually read.
import ContentStore
import Foundation
import SafeFiles
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct BoundedFileTests {
    private func reason(_ path: String, limit: Int = 1 << 20, followLinks: Bool = false) -> BoundedFile.Failure.Reason? {
        do { _ = try BoundedFile.read(path, limit: limit, followLinks: followLinks); return nil } catch { return error.reason }
    }

    @Test func readsRegularFilesUpToTheLimit() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let path = folder.path + "/f"
        try Data("12345".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try BoundedFile.read(path, limit: 5) == Data("12345".utf8))
        #expect(reason(path, limit: 4) == .tooLarge(limit: 4))
        #expect(try BoundedFile.read(folder.path + "/absent", limit: 5) == nil)
        #expect(try BoundedFile.read(path + "/below-a-file", limit: 5) == nil)
    }

    @Test func refusesFIFOsDevicesFoldersAndLinksWithoutBlocking() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let fifo = folder.path + "/fifo", link = folder.path + "/link", target = folder.path + "/target"
        try #require(mkfifo(fifo, 0o644) == 0)
        try Data("x".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(reason(fifo) == .notRegular("a FIFO (named pipe)"))
        #expect(reason("/dev/zero", followLinks: true) == .notRegular("a character device"))
        #expect(reason(folder.path) == .notRegular("a folder"))
        #expect(reason(link) == .symbolicLink)
        #expect(try BoundedFile.read(link, limit: 1, followLinks: true) == Data("x".utf8))
        #expect(BoundedFile.tail(fifo, maxBytes: 10) == nil)
        #expect(BoundedFile.tail(link, maxBytes: 10) == nil)
    }

    @Test func boundsWhatIsReadNotWhatTheSizeSays() throws {
        // /proc files report size 0 but have content.
        let environ = "/proc/self/environ"
        guard FileManager.default.fileExists(atPath: environ) else { return }
        #expect(reason(environ, limit: 1) == .tooLarge(limit: 1))
        #expect(try BoundedFile.read(environ, limit: 1 << 20)?.isEmpty == false)
    }

    @Test func tailsReadTheEndOnly() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let path = folder.path + "/log"
        try Data("abcdefghij".utf8).write(to: URL(fileURLWithPath: path))
        #expect(BoundedFile.tail(path, maxBytes: 4) == Data("ghij".utf8))
        #expect(BoundedFile.tail(path, maxBytes: 100) == Data("abcdefghij".utf8))
    }

    @Test func atomicFileReadWrapsFailuresAsEngineErrors() throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let fifo = folder.path + "/fifo"
        try #require(mkfifo(fifo, 0o644) == 0)
        #expect(throws: EngineError.io("cannot read \(fifo): it is a FIFO (named pipe), not a regular file")) {
            try AtomicFile.read(fifo, limit: 10)
        }
    }

    @Test func realFoldersOnlyBelowTheBase() throws {
        let folder = TemporaryFolder(), outside = TemporaryFolder()
        defer { folder.cleanup(); outside.cleanup() }
        try AtomicFile.makeRealDirectory(folder.path + "/a/b", inside: folder.path)
        #expect(BoundedFile.isRealDirectory(folder.path + "/a/b"))
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: outside.path)
        #expect(throws: EngineError.self) { try AtomicFile.makeRealDirectory(folder.path + "/link/c", inside: folder.path) }
        #expect(throws: EngineError.self) {
            try AtomicFile.write(Data("x".utf8), to: folder.path + "/link/f", durable: false, inside: folder.path)
        }
        #expect(throws: EngineError.self) { try AtomicFile.makeRealDirectory("/elsewhere", inside: folder.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        // A link at the file's own path is replaced, not followed.
        let target = outside.path + "/target"
        try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/a/file", withDestinationPath: target)
        try AtomicFile.write(Data("new".utf8), to: folder.path + "/a/file", durable: false, inside: folder.path)
        #expect(BoundedFile.isRegularFile(folder.path + "/a/file"))
        #expect(FileManager.default.contents(atPath: target) == Data("keep".utf8))
    }

    @Test func treeRemovalNeverLeavesItsFolder() throws {
        let folder = TemporaryFolder(), outside = TemporaryFolder()
        defer { folder.cleanup(); outside.cleanup() }
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside.path + "/file"))
        let tree = folder.path + "/tree"
        try FileManager.default.createDirectory(atPath: tree + "/a/b", withIntermediateDirectories: true)
        try Data("12345".utf8).write(to: URL(fileURLWithPath: tree + "/a/b/data"))
        try FileManager.default.createSymbolicLink(atPath: tree + "/a/out", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: tree + "/a/b/file", withDestinationPath: outside.path + "/file")
        #expect(TreeRemoval.remove(tree, dryRun: true) == 5)
        #expect(FileManager.default.fileExists(atPath: tree + "/a/b/data"))
        #expect(TreeRemoval.remove(tree) == 5)
        #expect(!FileManager.default.fileExists(atPath: tree))
        #expect(FileManager.default.contents(atPath: outside.path + "/file") == Data("keep".utf8))
        // A link given directly is removed as a link.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: outside.path)
        TreeRemoval.remove(folder.path + "/link")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == ["file"])
    }
}

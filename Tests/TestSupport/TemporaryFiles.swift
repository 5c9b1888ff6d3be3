// Scratch folders and collectors shared by the test targets.
import Foundation

/// A fresh temporary folder, removed by `cleanup()`.
public struct TemporaryFolder {
    /// Its absolute path.
    public let path: String

    /// Creates the folder.
    public init() {
        path = NSTemporaryDirectory() + "mixspec-engine-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Removes the folder and everything in it.
    public func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Collects messages (a store's warnings, lock waits) from any thread.
public final class MessageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    /// An empty log.
    public init() {}

    /// The messages so far, in order.
    public var messages: [String] { lock.lock(); defer { lock.unlock() }; return items }

    /// Appends `message`.
    public func add(_ message: String) { lock.lock(); items.append(message); lock.unlock() }
}

/// All files under `root`, relative paths, sorted.
public func listFiles(_ root: String) -> [String] {
    (FileManager.default.subpaths(atPath: root) ?? []).filter {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
    }.sorted()
}

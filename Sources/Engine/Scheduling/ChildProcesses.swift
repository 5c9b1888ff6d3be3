// Live child process groups, so an immediate exit (second Ctrl-C) can take them down too.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process groups of running command tasks.
public enum ChildProcesses {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []

    /// Adds a launched child's process group (a launcher calls this right after spawning it).
    public static func register(_ pgid: pid_t) { lock.lock(); groups.insert(pgid); lock.unlock() }
    /// Removes a process group once its child has exited.
    public static func unregister(_ pgid: pid_t) { lock.lock(); groups.remove(pgid); lock.unlock() }

    /// Sends `signal` to every running child process group.
    public static func signalAll(_ signal: Int32) {
        lock.lock()
        let current = groups
        lock.unlock()
        for group in current { kill(-group, signal) }
    }
}

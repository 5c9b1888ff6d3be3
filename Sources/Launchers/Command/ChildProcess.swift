// Launches an external command with posix_spawn: in its own process group (so a cancel reaches
// the whole tree), stdin from /dev/null, stdout and stderr written straight into the task log
// (no pipe to drain, so large outputs can never deadlock), default signal dispositions restored.
import ContentStore
import Engine
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
public enum ExitStatus: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    public var description: String {
        switch self {
        case .exited(let code): "exited with status \(code)"
        case .signalled(let number): "was killed by signal \(number)"
        }
    }
}

/// Runs one external command to completion.
public enum ChildProcess {
    /// Runs `argv` (looked up on PATH) in `workingDirectory` with `environment`, output to `outputFD`.
    /// On task cancellation the process group gets SIGTERM, then SIGKILL after `gracePeriod` seconds.
    public static func run(argv: [String], environment: [String: String], workingDirectory: String,
                           outputFD: Int32, gracePeriod: Double = 5) async throws -> ExitStatus {
        guard let program = argv.first, !program.isEmpty else { throw EngineError.io("empty command line") }
        let pid = try spawn(argv: argv, environment: environment, workingDirectory: workingDirectory, outputFD: outputFD)
        ChildProcesses.register(pid)
        let state = ChildState()
        return await withTaskCancellationHandler {
            let status = await withCheckedContinuation { (continuation: CheckedContinuation<ExitStatus, Never>) in
                Thread.detachNewThread {
                    continuation.resume(returning: waitFor(pid))
                }
            }
            state.markExited()
            ChildProcesses.unregister(pid)
            return status
        } onCancel: {
            guard state.isRunning else { return }
            kill(-pid, SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + gracePeriod) {
                if state.isRunning { kill(-pid, SIGKILL) }
            }
        }
    }

    private final class ChildState: @unchecked Sendable {
        private let lock = NSLock()
        private var exited = false
        var isRunning: Bool { lock.lock(); defer { lock.unlock() }; return !exited }
        func markExited() { lock.lock(); exited = true; lock.unlock() }
    }

    private static func waitFor(_ pid: pid_t) -> ExitStatus {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        let low = status & 0x7f
        if low == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(low)
    }

    #if canImport(Glibc)
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    #else
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t?>, UnsafePointer<CChar>) -> Int32
    #endif

    /// `posix_spawn_file_actions_addchdir_np`, looked up at run time because the Swift libc
    /// module does not export it (glibc ≥ 2.29 and macOS ≥ 10.15 have it).
    private static let addChdirFunction: AddChdir? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    #if canImport(Glibc)
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    #else
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t?>, Int32) -> Int32
    #endif

    /// `posix_spawn_file_actions_addclosefrom_np`, looked up at run time like `addchdir`.
    private static let addCloseFromFunction: AddCloseFrom? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    private static func spawn(argv: [String], environment: [String: String], workingDirectory: String,
                              outputFD: Int32) throws -> pid_t {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 2)
        // The child gets only stdin/stdout/stderr: no inherited pipe can keep a caller waiting on
        // EOF after mixspec itself has gone (closefrom: glibc ≥ 2.34; older ones rely on O_CLOEXEC).
        if let addCloseFrom = addCloseFromFunction { _ = addCloseFrom(&actions, 3) }
        var argv = argv
        if let addChdir = addChdirFunction {
            _ = addChdir(&actions, workingDirectory)
        } else {
            // No posix_spawn_file_actions_addchdir_np in this libc: let a shell change folder, then exec.
            argv = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", workingDirectory] + argv
        }
        // The parent ignores SIGINT/SIGTERM while a run is cancellable; ignored dispositions survive
        // exec, so restore the defaults for the child.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argvC = argv.map { strdup($0) }
        let envC = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for p in argvC { free(p) }
            for p in envC { free(p) }
        }
        var pid: pid_t = 0
        let code = (argvC + [nil]).withUnsafeBufferPointer { argvBuffer in
            (envC + [nil]).withUnsafeBufferPointer { envBuffer in
                posix_spawnp(&pid, argvC[0]!, &actions, &attributes, argvBuffer.baseAddress!, envBuffer.baseAddress!)
            }
        }
        guard code == 0 else {
            throw EngineError.io("cannot run command `\(argv[0])` (in \(workingDirectory)): \(EngineError.errnoText(code))")
        }
        return pid
    }
}

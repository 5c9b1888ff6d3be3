import Compiler
import ContentStore
import Engine
import EngineTestSupport
import Foundation
import Testing
import TestSupport

@Suite struct LockTests {
    @Test func noWaitFailsWithAClearMessage() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let held = try await StoreLock.acquire(store)
        defer { held.release() }
        do {
            _ = try await StoreLock.acquire(store, wait: false)
            Issue.record("second writer acquired the lock")
        } catch let error as EngineError {
            #expect(error.description.contains("is locked by pid \(getpid())"))
            #expect(error.description.contains("--no-wait"))
        }
    }

    @Test func secondWriterWaitsAndAnnouncesTheHolder() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let held = try await StoreLock.acquire(store)
        let messages = MessageLog()
        let waiter = Task { try await StoreLock.acquire(store, onWait: { messages.add($0) }) }
        // A deadline, not a count of sleeps: synchronous tests can hold the cooperative pool for minutes.
        let deadline = Date().addingTimeInterval(600)
        while messages.messages.isEmpty, Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(messages.messages == ["waiting for lock on \(store.root) held by pid \(getpid())…"])
        held.release()
        let second = try await waiter.value
        second.release()
    }

    @Test func waitingEndsWhenCancelled() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let held = try await StoreLock.acquire(store)
        defer { held.release() }
        let waiter = Task { try await StoreLock.acquire(store, onWait: { _ in }) }
        try await Task.sleep(nanoseconds: 100_000_000)
        waiter.cancel()
        await #expect(throws: EngineError.cancelled) { _ = try await waiter.value }
    }

    @Test func concurrentRunsOnOneStoreEndConsistent() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        let graph = swarmGraph(SwarmParameters(count: 6))
        let a = RecordingExecutor(), b = RecordingExecutor()
        a.delay = 0.01; b.delay = 0.01
        async let first = runOnce(graph, store: store, executor: a)
        async let second = runOnce(graph, store: store, executor: b)
        let (r1, r2) = try await (first, second)
        #expect(r1.succeeded && r2.succeeded)
        // The writers were serialised: every task ran exactly once in total.
        #expect(a.executed.count + b.executed.count == graph.nodes.count)
        #expect(r1.results.map(\.outputDigest) == r2.results.map(\.outputDigest))
        let plan = Planner(store: store).plan(graph)
        #expect(plan.count(.cached) == graph.nodes.count)
        #expect(!listFiles(store.root).contains { $0.contains(".tmp-") })
    }
}

@Suite struct CrossProcessLockTests {
    @Test func aLockHeldByAnotherProcessIsRespectedAndReleasedWhenItExits() async throws {
        let folder = TemporaryFolder(); defer { folder.cleanup() }
        let store = makeStore(folder)
        try FileManager.default.createDirectory(atPath: store.root, withIntermediateDirectories: true)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", fixturePath("hold_lock.py"), store.root + "/lock", "900"]  // killed below, long before
        try holder.run()
        let pidText = "\(holder.processIdentifier)\n"
        // Until the holder has the lock: python starts in well under a second, but a loaded CI
        // machine (Slurm jobs of other suites share its cores) can take many.
        // 600 s: on a 2-core machine the synchronous tests of the other suites can hold both
        // cooperative threads for minutes before this task runs at all.
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline {
            if (try? String(contentsOfFile: store.root + "/lock", encoding: .utf8)) == pidText { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        do {
            _ = try await StoreLock.acquire(store, wait: false)
            Issue.record("acquired a lock another process holds")
        } catch let error as EngineError {
            #expect(error.description.contains("is locked by pid \(holder.processIdentifier)"))
        }
        // The holder keeps the lock until we have seen the wait message, then dies: the kernel
        // releases its flock and the waiting acquire goes through (no timing assumptions). SIGKILL,
        // because a concurrently running signal test may have left SIGTERM ignored in children.
        let messages = MessageLog()
        let holderPID = holder.processIdentifier
        let lock = try await StoreLock.acquire(store, onWait: { messages.add($0); kill(holderPID, SIGKILL) })
        #expect(messages.messages.first?.contains("held by pid \(holder.processIdentifier)") == true)
        lock.release()
        holder.waitUntilExit()
    }
}

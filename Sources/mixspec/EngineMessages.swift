// What the libraries report through callbacks (they print nothing themselves), printed on
// standard error the way the command line always has.
enum EngineMessages {
    /// A store warning (a corrupt record or blob, treated as absent and recomputed).
    static let warning: @Sendable (String) -> Void = { DiagnosticsOutput.writeStderr("warning: \($0)\n") }
    /// Waiting for the store's write lock, which another run holds.
    static let lockWait: @Sendable (String) -> Void = { DiagnosticsOutput.writeStderr($0 + "\n") }
    /// The first SIGINT / SIGTERM of a run: it is being cancelled.
    static let cancelling: @Sendable (Int32) -> Void = { _ in
        DiagnosticsOutput.writeStderr("\ncancelling… (press Ctrl-C again to exit now)\n")
    }
}

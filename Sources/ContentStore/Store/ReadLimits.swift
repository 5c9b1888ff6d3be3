// Upper bounds on what mixspec reads from one file it did not just write (README, "How runs are
// cached"). Every read goes through `AtomicFile.read(_:limit:)` (BoundedFile): regular files only,
// final symbolic links not followed, and no more than the limit read into memory.

/// Byte limits of the files mixspec reads.
public enum ReadLimits {
    /// A trainer's `{out}/metrics.json`.
    public static let metricsFile = 64 << 20
    /// One action record or task pointer (its key material included).
    public static let actionRecord = 64 << 20
    /// One output blob, when its record does not say its size.
    public static let blob = 2 << 30
    /// The file-digest memo `files.json` and the declarations file `unchanged.json`.
    public static let storeIndex = 256 << 20
    /// Small bookkeeping files: the lock file's pid, memoised token counts.
    public static let smallFile = 64 << 10
    /// The end of a task log shown with a failure.
    public static let logTail = 64 << 10
}

// The C allocator's settings for a short-lived, multi-threaded process that builds its whole
// graph at once. By default glibc grows each thread's heap a few pages at a time (one `mprotect`
// each, which flushes the TLB of every core running the process) and hands large blocks back to
// the kernel as soon as they are freed: about 2,400 system calls in a no-op plan of a
// 10,000-proxy spec. Growing in 64 MiB steps and keeping freed memory takes them away.

enum MemoryTuning {
    /// Sets the allocator's growth and trim thresholds (before any thread starts).
    static func apply() {
        #if os(Linux)
        // <malloc.h>'s parameter numbers (Swift's Glibc module does not export that header).
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3
        _ = glibcMallopt(mmapThreshold, 32 << 20)
        _ = glibcMallopt(topPad, 64 << 20)
        _ = glibcMallopt(trimThreshold, 128 << 20)
        #endif
    }
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)`.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

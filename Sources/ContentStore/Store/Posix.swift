// The libc call whose Swift name collides with members (`write`), bound once per platform.
#if canImport(Glibc)
import Glibc
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Glibc.write(fd, buffer, count) }
#elseif canImport(Darwin)
import Darwin
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Darwin.write(fd, buffer, count) }
#endif

/// Modification time of a `stat` result in nanoseconds since the epoch.
func modificationNanoseconds(_ info: stat) -> Int64 {
    #if canImport(Glibc)
    nanoseconds(info.st_mtim)
    #else
    nanoseconds(info.st_mtimespec)
    #endif
}

/// Status-change time (ctime) of a `stat` result in nanoseconds since the epoch.
func changeNanoseconds(_ info: stat) -> Int64 {
    #if canImport(Glibc)
    nanoseconds(info.st_ctim)
    #else
    nanoseconds(info.st_ctimespec)
    #endif
}

private func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) }

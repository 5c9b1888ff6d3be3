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
    return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    #else
    return Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
    #endif
}

/// Status-change time (ctime) of a `stat` result in nanoseconds since the epoch.
func changeNanoseconds(_ info: stat) -> Int64 {
    #if canImport(Glibc)
    return Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    #else
    return Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
    #endif
}

// The few libc calls whose Swift names collide with members (`read`, `write`), bound once per platform.
#if canImport(Glibc)
import Glibc
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Glibc.write(fd, buffer, count) }
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
#elseif canImport(Darwin)
import Darwin
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { Darwin.write(fd, buffer, count) }
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
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

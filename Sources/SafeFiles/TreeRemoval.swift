// Removal that never leaves the folder it is given: a symbolic link is unlinked (its target is
// untouched), and a folder is emptied depth-first through descriptors opened with O_NOFOLLOW, so
// a link planted anywhere inside (or a folder swapped for a link meanwhile) cannot redirect it.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Link-safe `rm -rf`.
public enum TreeRemoval {
    /// Removes `path` (a file, a link, or a real folder and everything in it) and returns the bytes
    /// of the regular files it held; with `dryRun`, only counts.
    @discardableResult
    public static func remove(_ path: String, dryRun: Bool = false) -> Int64 {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            if !dryRun { unlink(path) }
            return regularSize(info)
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        let total = empty(fd, dryRun: dryRun, depth: 0)
        if !dryRun { rmdir(path) }
        return total
    }

    /// Deepest nesting followed (each level holds one descriptor open).
    static let maximumDepth = 128

    /// Empties the folder open at `fd` (and closes it).
    private static func empty(_ fd: Int32, dryRun: Bool, depth: Int) -> Int64 {
        guard let folder = fdopendir(fd) else {
            close(fd)
            return 0
        }
        defer { closedir(folder) }
        // Names as raw NUL-terminated bytes (not necessarily UTF-8), all read before any removal.
        var names: [[CChar]] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in raw.prefix { $0 != 0 }.map { CChar(bitPattern: $0) } }
            if name != [46] && name != [46, 46] { names.append(name + [0]) }
        }
        var total: Int64 = 0
        for name in names {
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                guard depth < maximumDepth else { continue }
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 { total += empty(child, dryRun: dryRun, depth: depth + 1) }
                if !dryRun { unlinkat(fd, name, AT_REMOVEDIR) }
            } else {
                total += regularSize(info)
                if !dryRun { unlinkat(fd, name, 0) }
            }
        }
        return total
    }

    private static func regularSize(_ info: stat) -> Int64 {
        (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : 0
    }
}

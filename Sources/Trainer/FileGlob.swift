// Path patterns resolved with glob(3), relative to a base directory, results sorted.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileGlob {
    /// Regular files matching `pattern` (absolute, or relative to `baseDirectory`), sorted by path bytes.
    /// Directories are skipped; `nil` when nothing matched.
    public static func matches(pattern: String, baseDirectory: String) -> [String]? {
        let full: String
        if pattern.hasPrefix("/") {
            full = pattern
        } else {
            let base = baseDirectory.hasSuffix("/") ? String(baseDirectory.dropLast()) : baseDirectory
            full = escape(base.isEmpty ? "." : base) + "/" + pattern
        }
        var result = glob_t()
        defer { globfree(&result) }
        let status = glob(full, GLOB_MARK, nil, &result)
        guard status == 0 else { return nil }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            guard let cPath = result.gl_pathv[i] else { continue }
            let path = String(cString: cPath)
            if path.hasSuffix("/") { continue }  // GLOB_MARK marks directories
            paths.append(path)
        }
        paths.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return paths.isEmpty ? nil : paths
    }

    /// Folders matching `pattern` (relative to `baseDirectory`), for a hint when a pattern names
    /// folders instead of the files in them.
    public static func directoryMatches(pattern: String, baseDirectory: String) -> [String] {
        let base = baseDirectory.hasSuffix("/") ? String(baseDirectory.dropLast()) : baseDirectory
        let full = pattern.hasPrefix("/") ? pattern : escape(base.isEmpty ? "." : base) + "/" + pattern
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(full, GLOB_MARK, nil, &result) == 0 else { return [] }
        var folders: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            guard let cPath = result.gl_pathv[i] else { continue }
            let path = String(cString: cPath)
            if path.hasSuffix("/") { folders.append(String(path.dropLast())) }
        }
        return folders.sorted()
    }

    /// Backslash-escapes glob metacharacters so a base directory is taken literally.
    static func escape(_ path: String) -> String {
        var out = ""
        for ch in path {
            if "*?[]\\".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

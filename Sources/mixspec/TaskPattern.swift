import Foundation

/// Shell-style globs over task ids (`*` and `?` also match `/`, so `train/*` is every training).
enum TaskPattern {
    static func matches(_ pattern: String, _ id: String) -> Bool {
        fnmatch(pattern, id, 0) == 0
    }
}

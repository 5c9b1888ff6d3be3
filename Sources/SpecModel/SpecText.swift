// What a spec file must be before any of its content may appear in a diagnostic: UTF-8 text
// without NUL bytes or other control characters YAML forbids. A file that fails (a binary, or
// /proc/self/environ named in `extends`) is reported by name and position only, never quoted.
import Foundation
import SafeFiles
import SpecSyntax

/// Checks that bytes are YAML text.
enum SpecText {
    /// Why `bytes` is not UTF-8 YAML text ("a NUL byte on line 1"), or nil when it is. Without
    /// `checkingUTF8`, invalid UTF-8 is left to the YAML parser (which locates it in a spec the
    /// user named; the renderer replaces the bad bytes).
    static func problem(in bytes: [UInt8], checkingUTF8: Bool = true) -> String? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .emptyInput:
                return nil
            case .error:
                if checkingUTF8 { return "invalid UTF-8 on line \(line)" }
            case .scalarValue(let scalar):
                switch scalar.value {
                case 0x0A: line += 1
                case 0x09, 0x0D, 0x85: break
                case 0: return "a NUL byte on line \(line)"
                case 0..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: return "a control character on line \(line)"
                default: break
                }
            }
        }
    }

    /// The message for a file that is not text: where the problem is, and that nothing is shown.
    static func notText(_ name: String, _ problem: String) -> String {
        "\(name) is not UTF-8 YAML text (\(problem)); its content is not shown"
    }

    /// The most bytes `SpecLoader.readFromDisk` reads (spec bases are further held to
    /// `YAMLLimits.standard.maxBytes`; this bounds the imported CSVs `check` looks at).
    static let maximumReadBytes = 256 << 20

    /// Why nothing could be read at `path` on disk, when something is there (not a regular file,
    /// larger than `limit`); nil when nothing is there (or it is not on this disk).
    static func unreadable(_ path: String, limit: Int) -> String? {
        do {
            _ = try BoundedFile.read(path, limit: limit, followLinks: true)
            return nil
        } catch {
            return error.reasonText
        }
    }
}

// Printing diagnostics: text with snippets on stderr (colour only on a terminal without
// NO_COLOR), or JSON on stdout for editors and CI.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SpecSyntax
import SpecModel

enum DiagnosticsOutput {
    /// Colour when stderr is a terminal and NO_COLOR is unset (https://no-color.org).
    static var stderrWantsColor: Bool {
        isatty(2) == 1 && getenv("NO_COLOR") == nil
    }

    /// Writes the text rendering of a loaded spec's diagnostics to stderr (the first
    /// `DiagnosticLimits.perFile`, then one line counting the rest).
    static func printText(_ loaded: LoadedSpec) {
        let text = DiagnosticRenderer(colored: stderrWantsColor, otherSources: loaded.includedSources)
            .render(loaded.diagnostics, source: loaded.source, omitted: loaded.omitted)
        writeStderr(text)
    }

    static func writeStderr(_ text: String) {
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

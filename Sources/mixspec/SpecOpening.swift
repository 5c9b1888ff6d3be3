// Shared by the commands that act on one spec: load and validate it (diagnostics on failure),
// then open it against its store. Data problems of a domain (missing files, non-UTF-8 text, empty
// domains) are reported as diagnostics located at that domain's entry in the spec.
import ArgumentParser
import Compiler
import Foundation
import Pipeline
import SpecModel
import SafeFiles
import SpecSyntax

/// The spec argument and the store override, common to plan / run / explain / graph / predict / logs.
struct SpecOptions: ParsableArguments {
    @Argument(help: "The spec file.")
    var spec: String

    @Option(name: .long, help: ArgumentHelp("The store folder (default: $MIXSPEC_STORE, else .mixspec/ beside the spec).", valueName: "DIR"))
    var store: String?

    /// Loads, validates and opens the spec; prints diagnostics and exits 1 when it is invalid.
    func open() throws -> SpecSession {
        let loaded = SpecLoader.load(path: spec)
        guard let resolved = loaded.spec else {
            DiagnosticsOutput.printText(loaded)
            throw ExitCode(1)
        }
        DiagnosticsOutput.printText(loaded)  // warnings, if any
        do {
            return try SpecSession(spec: resolved, storeOverride: store, warn: EngineMessages.warning)
        } catch let problems as DomainDataErrors {
            let diagnostics = problems.errors.map { Diagnostic.error($0.message, at: domainRange($0.domain)) }
            DiagnosticsOutput.writeStderr(DiagnosticRenderer(colored: DiagnosticsOutput.stderrWantsColor)
                .render(diagnostics, source: loaded.source))
            throw ExitCode(1)
        } catch let problem as TrainerInputError {
            let diagnostic = Diagnostic.error(problem.message, at: range(of: ["proxies", "trainer", "inputs"]))
            DiagnosticsOutput.writeStderr(DiagnosticRenderer(colored: DiagnosticsOutput.stderrWantsColor)
                .render([diagnostic], source: loaded.source))
            throw ExitCode(1)
        }
    }

    /// The range of the value at `path` (mapping keys) in the spec file.
    private func range(of path: [String]) -> SourceRange? { SpecNodes.root(ofSpecAt: spec)?[path]?.range }

    /// The range of `domains.<name>` in the spec file, for locating data errors.
    private func domainRange(_ name: String) -> SourceRange? {
        SpecNodes.root(ofSpecAt: spec)?["domains"]?.pairs?.first { $0.key.scalar == name }?.key.range
    }
}

/// The task named `id` in the spec's graph, or exit 1 with a "did you mean" hint.
func requireTask(_ id: String, in session: SpecSession, spec: String) throws -> TaskID {
    if session.compiled.graph[TaskID(id)] != nil { return TaskID(id) }
    let ids = session.compiled.graph.nodes.map(\.id.rawValue)
    let hint = Suggestions.closest(to: id, in: ids).map { "; did you mean '\($0)'?" } ?? ""
    throw fail("no task '\(id)' in \(spec)\(hint) (`mixspec plan` lists them)")
}

/// Prints an error message the way diagnostics do, and fails with exit status 1.
func fail(_ message: String) -> ExitCode {
    DiagnosticsOutput.writeStderr("error: \(message)\n")
    return ExitCode(1)
}

/// Writes text to stdout without buffering surprises when stdout is a pipe.
func printOut(_ text: String) {
    // Straight from the string's bytes: `plan --json` of 100,000 tasks is tens of megabytes.
    var text = text
    text.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(1, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Values kept until the process exits instead of being freed one node at a time on return: a
/// 100,000-task graph and plan take longer to free than to plan (compilers skip it the same way).
enum ExitKeepsAlive {
    nonisolated(unsafe) private static var values: [Any] = []
    private static let lock = NSLock()

    /// Keeps `value` alive until exit.
    static func keep(_ value: Any) { lock.withLock { values.append(value) } }
}

/// Nodes of a spec file, for placing errors found after validation (data, trainer inputs). The file
/// is read again as `check` reads it: a regular file, bounded like any spec.
enum SpecNodes {
    static func root(ofSpecAt path: String) -> YAMLNode? {
        guard let data = try? BoundedFile.read(path, limit: 8 << 20, followLinks: true) else { return nil }
        return YAMLParser.parse(bytes: [UInt8](data), file: path).root
    }
}

extension YAMLNode {
    /// The node at a path of mapping keys.
    subscript(path: [String]) -> YAMLNode? {
        var node: YAMLNode? = self
        for key in path { node = node?[key] }
        return node
    }
}

// Which files a command trainer's results depend on: files its argv names (relative to the spec's
// folder, as `train.py` or `--config=conf/a.yaml`) that exist, and the globs of
// `proxies.trainer.inputs`. They become input files of every train and verify task, so editing the
// training script retrains instead of silently reusing old results.
import Compiler
import Foundation
import SpecModel
import Trainer

/// A `proxies.trainer.inputs` glob that matches no file.
public struct TrainerInputError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

enum TrainerFileResolver {
    /// The trainer's input files, sorted by name; empty for the built-in trainer (its version is in its keys).
    static func resolve(_ spec: Spec) throws -> [InputFile] {
        guard case .command(let argv, _) = spec.proxies.trainer else { return [] }
        let base = spec.baseDirectory
        var found: [String: InputFile] = [:]
        for argument in argv where !argument.contains("{") {
            var candidates = [argument]
            if let equals = argument.firstIndex(of: "=") { candidates.append(String(argument[argument.index(after: equals)...])) }
            for candidate in candidates where !candidate.isEmpty && !candidate.hasPrefix("/") && !candidate.hasPrefix("-") {
                let file = SpecCompiler.inputFile(candidate, spec)
                if isRegularFile(file.path) { found[file.name] = file }
            }
        }
        for pattern in spec.proxies.trainerInputs {
            guard let matches = FileGlob.matches(pattern: pattern, baseDirectory: base) else {
                throw TrainerInputError(message: "proxies.trainer.inputs: '\(pattern)' matches no file in \(base) (folders are not matched: write e.g. 'src/*.py')")
            }
            for path in matches {
                let file = SpecCompiler.inputFile(path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path, spec)
                found[file.name] = file
            }
        }
        return found.values.sorted()
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

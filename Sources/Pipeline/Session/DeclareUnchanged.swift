// `mixspec declare-unchanged`: record that an edit to a trainer input file (a comment fix, a
// refactor) does not change results, so the tasks that read it keep their stored results. The
// declaration maps the file's new content to the content its tasks last ran with; keys then use
// the old digest, and `explain` shows the declaration with its date and note.
import Compiler
import ContentStore
import Foundation

/// Why a declaration cannot be made.
public struct DeclareUnchangedError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension SpecSession {
    /// Declares the current content of each file in `paths` (absolute, or relative to the current
    /// folder) equivalent to the content the spec's tasks last ran with. Holds the store's lock
    /// while writing. Returns the declarations made (empty for a file whose tasks already used it).
    public func declareUnchanged(_ paths: [String], note: String) async throws -> [UnchangedDeclaration] {
        var declarations = UnchangedDeclarations(store: store)
        var made: [UnchangedDeclaration] = []
        for path in paths {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            let name = SpecCompiler.inputFile(URL(fileURLWithPath: absolute).standardizedFileURL.path, spec).name
            let readers = compiled.graph.nodes.filter { $0.fileInputs.contains { $0.name == name } }
            guard let file = readers.first?.fileInputs.first(where: { $0.name == name }) else {
                let known = Set(compiled.graph.nodes.flatMap { $0.fileInputs.map(\.name) }).sorted()
                throw DeclareUnchangedError(message: "\(path) is not an input file of any task of \(spec.name)"
                    + (known.isEmpty ? " (its tasks read no input files)" : "; input files: \(known.joined(separator: ", "))"))
            }
            let current = try files.digest(ofFileAt: file.path)
            var previous = Set<String>()
            let index = self.index
            for node in readers {
                guard let record = index.lastRecord(for: node.id), case .object(let material) = record.material,
                      case .object(let fileDigests)? = material["files"], case .string(let digest)? = fileDigests[name] else { continue }
                previous.insert(digest)
            }
            let effective = declarations.declaration(name: name, digest: current)?.as ?? current
            previous.remove(effective)
            if previous.isEmpty { continue }
            guard previous.count == 1, let old = previous.first else {
                throw DeclareUnchangedError(message: "the tasks reading \(name) last ran with \(previous.count) different versions of it; run the spec first, then declare a single edit")
            }
            let declaration = UnchangedDeclaration(name: name, digest: current, as: old,
                                                   declared: ActionRecord.timestamp(), note: note)
            declarations.add(declaration)
            made.append(declaration)
        }
        guard !made.isEmpty else { return [] }
        let lock = try await StoreLock.acquire(store, wait: true)
        defer { lock.release() }
        // Re-read under the lock so a concurrent declaration is not lost.
        var latest = UnchangedDeclarations(store: store)
        for declaration in made { latest.add(declaration) }
        try latest.save(to: store)
        return made
    }
}

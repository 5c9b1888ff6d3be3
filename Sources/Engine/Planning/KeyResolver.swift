// Derives a task's key from its node, the content digests of its upstream outputs, and the digests
// of its input files. Shared by the planner and the scheduler so both compute identical keys.
import Compiler
import ContentStore
import Foundation
import SpecModel

/// A task's key material and the key hashed from it.
public struct ResolvedKey: Sendable, Equatable {
    public var material: TaskKeyMaterial
    public var key: String
    /// Declared-unchanged edits this key relied on (content of an input file keyed as older content).
    public var declarations: [UnchangedDeclaration] = []
}

/// Why a key could not be derived yet.
public enum KeyBlocker: Error, Sendable, Equatable {
    /// This upstream's output is not known (it has not run under its current key).
    case upstream(TaskID)
    /// An input file could not be read.
    case file(path: String, message: String)
}

enum KeyResolver {
    /// The key of `node` given known upstream output digests, or what blocks it. `cache` encodes
    /// parameter values shared by many tasks once per plan or run.
    static func resolve(_ node: TaskNode, outputDigests: [TaskID: String], files: FileDigestCache,
                        declarations: UnchangedDeclarations, cache: KeyEncodingCache? = nil) -> Result<ResolvedKey, KeyBlocker> {
        var inputDigests: [TaskID: String] = [:]
        var ordered: [(TaskID, String)] = []
        if !node.inputs.isEmpty {
            inputDigests.reserveCapacity(node.inputs.count)
            ordered.reserveCapacity(node.inputs.count)
        }
        for input in node.inputs {
            guard let digest = outputDigests[input] else { return .failure(.upstream(input)) }
            inputDigests[input] = digest
            ordered.append((input, digest))
        }
        var fileDigests: [String: String] = [:]
        var used: [UnchangedDeclaration] = []
        for file in node.fileInputs {
            do {
                let digest = try files.digest(ofFileAt: file.path)
                if let declaration = declarations.declaration(name: file.name, digest: digest) {
                    fileDigests[file.name] = declaration.as
                    used.append(declaration)
                } else {
                    fileDigests[file.name] = digest
                }
            } catch {
                return .failure(.file(path: file.path, message: "\(error)"))
            }
        }
        let material = TaskKeyMaterial(kind: node.kind, version: node.version, parameters: node.parameters,
                                       inputDigests: inputDigests, fileDigests: fileDigests)
        return .success(ResolvedKey(material: material, key: ContentDigest.taskKey(material, cache: cache, orderedInputs: ordered), declarations: used))
    }
}

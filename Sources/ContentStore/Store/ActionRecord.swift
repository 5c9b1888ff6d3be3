// The action record (DESIGN.md §5): what a task with a given key produced, plus the key material
// it was computed from so `explain` can say what changed.
import Compiler
import Foundation
import SpecModel

/// One cached task result, stored at `actions/<aa>/<key>.json` and `tasks/<escaped id>.json`.
public struct ActionRecord: Sendable, Equatable {
    /// The task key (SHA-256 of the canonical key material).
    public var key: String
    public var taskID: TaskID
    public var kind: String
    /// Content digest of the output blob in `cas/`.
    public var outputDigest: String
    /// Size of the output blob in bytes.
    public var outputSize: Int
    /// The canonical key material (`TaskKeyMaterial.canonical`).
    public var material: CanonicalValue
    /// When the task finished (ISO 8601, UTC).
    public var created: String
    /// Wall-clock seconds the executor took.
    public var duration: Double
    /// Free-form description of what executed the task (e.g. the command line).
    public var executor: String
    /// Warnings the task raised (e.g. imported rows renormalised), shown again when it is reused.
    public var warnings: [String]

    public init(key: String, taskID: TaskID, kind: String, outputDigest: String, outputSize: Int,
                material: CanonicalValue, created: String, duration: Double, executor: String, warnings: [String] = []) {
        self.key = key; self.taskID = taskID; self.kind = kind; self.outputDigest = outputDigest
        self.outputSize = outputSize; self.material = material; self.created = created
        self.duration = duration; self.executor = executor; self.warnings = warnings
    }

    /// The record as canonical JSON (one line).
    public var json: String {
        var fields: [String: CanonicalValue] = [
            "key": .string(key),
            "task": .string(taskID.rawValue),
            "kind": .string(kind),
            "output": .string(outputDigest),
            "output_size": .int(Int64(outputSize)),
            "material": material,
            "created": .string(created),
            "duration": .double(duration),
            "executor": .string(executor),
        ]
        if !warnings.isEmpty { fields["warnings"] = .array(warnings.map(CanonicalValue.string)) }
        return CanonicalValue.object(fields).canonicalJSON + "\n"
    }

    /// Decodes a record, or explains why the bytes are not a valid record.
    public static func decode(_ data: Data) -> Result<ActionRecord, RecordError> {
        decode(data, withMaterial: true)
    }

    /// Decodes a record; without `withMaterial` the key material is stepped over (not built) and
    /// left `.null`: cache lookups need only the key and output, and skip most of the parsing.
    static func decode(_ data: Data, withMaterial: Bool) -> Result<ActionRecord, RecordError> {
        let fields: [String: CanonicalValue]
        do {
            fields = try JSONParser.parseObject(data, skipping: withMaterial ? [] : ["material"])
        } catch {
            return .failure(RecordError(message: "\(error)"))
        }
        func string(_ name: String) -> String? {
            if case .string(let s)? = fields[name] { return s }
            return nil
        }
        func number(_ name: String) -> Double? {
            switch fields[name] {
            case .int(let i)?: Double(i)
            case .double(let d)?: d
            default: nil
            }
        }
        guard let key = string("key"), ContentDigest.isDigest(key) else { return .failure(RecordError(message: "missing or invalid \"key\"")) }
        guard let task = string("task") else { return .failure(RecordError(message: "missing \"task\"")) }
        guard let output = string("output"), ContentDigest.isDigest(output) else {
            return .failure(RecordError(message: "missing or invalid \"output\""))
        }
        let material = fields["material"] ?? .null
        if withMaterial, fields["material"] == nil { return .failure(RecordError(message: "missing \"material\"")) }
        return .success(ActionRecord(
            key: key, taskID: TaskID(task), kind: string("kind") ?? "",
            outputDigest: output, outputSize: Int(number("output_size") ?? -1),
            material: material, created: string("created") ?? "",
            duration: number("duration") ?? 0, executor: string("executor") ?? "",
            warnings: { if case .array(let items)? = fields["warnings"] { return items.compactMap { if case .string(let w) = $0 { w } else { nil } } }; return [] }()))
    }

    /// Why a record could not be decoded.
    public struct RecordError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The current time as ISO 8601 UTC with milliseconds.
    public static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

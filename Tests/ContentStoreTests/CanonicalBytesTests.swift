@testable import ContentStore
import Compiler
import Foundation
import SpecModel
import Testing

@Suite struct CanonicalBytesTests {
    static let values: [CanonicalValue] = [
        .null, .bool(false), .int(-42), .int(Int64.min), .double(0.1), .double(-2.5e-12), .double(1e300),
        .double(.infinity), .double(.nan), .string(""), .string("quote\" back\\ nl\n cr\r tab\t bell\u{07} del\u{7f} é 😀"),
        .array([]), .object([:]),
        .object(["b": .int(1), "a": .array([.int(1), .string("x"), .object(["é": .null, "e": .bool(true), "E": .double(3.25)])]),
                 "ab": .object(["z": .int(0)]), "a\u{01}": .string("ctl")]),
        .array([.object(["seed": .int(1), "mixture": .int(2)]), .object(["b": .null, "a": .null]), .object(["é": .int(1), "z": .int(2)])]),
    ]

    @Test(arguments: values)
    func valuesEncodeExactlyLikeCanonicalJSON(_ value: CanonicalValue) {
        #expect(CanonicalBytes.encode(value) == Array(value.canonicalJSON.utf8))
    }

    @Test func keyMaterialEncodesExactlyLikeItsCanonicalValue() {
        var materials: [TaskKeyMaterial] = []
        for (n, parameters) in Self.values.enumerated() {
            var inputs: [TaskID: String] = [:]
            for i in 0..<n { inputs[TaskID("train/small/\(String(format: "%04d", 17 * i % 11))/s\(i)")] = ContentDigest.sha256Hex(utf8: "\(i)") }
            var files: [String: String] = [:]
            for i in 0..<(n % 3) { files["/data/\(["é", "a", "B"][i]).txt"] = ContentDigest.sha256Hex(utf8: "f\(i)") }
            materials.append(TaskKeyMaterial(kind: TaskKind.allCases[n % TaskKind.allCases.count], version: n,
                                             parameters: parameters, inputDigests: inputs, fileDigests: files))
        }
        for material in materials {
            #expect(CanonicalBytes.encode(material) == Array(material.canonical.canonicalJSON.utf8))
            #expect(ContentDigest.taskKey(material) == ContentDigest.sha256Hex(utf8: material.canonical.canonicalJSON))
            // The graph's order of the inputs, sorted or not, only saves a sort.
            let ids = Array(material.inputDigests.keys)
            for order in [ids.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }, ids, ids.reversed(), [ids.first].compactMap { $0 }] {
                let pairs = order.map { ($0, material.inputDigests[$0]!) }
                #expect(CanonicalBytes.encode(material, orderedInputs: pairs) == Array(material.canonical.canonicalJSON.utf8))
            }
        }
    }

    @Test func theEncodingCacheGivesTheSameKeys() {
        // Shared members (one storage, as the compiler shares them among trainings) are encoded
        // once; equal-looking values in other storage (0.0 and -0.0 compare equal) never share.
        let shared = CanonicalValue.object(["model": .object(["size": .int(8000)]), "strength": .array([.double(0.1), .int(5)])])
        let prior = CanonicalValue.array([.double(0.5), .double(0.0)])
        let cache = KeyEncodingCache()
        var materials: [TaskKeyMaterial] = []
        for i in 0..<20 {
            let own = CanonicalValue.array([.double(0.5), .double(i.isMultiple(of: 2) ? 0.0 : -0.0)])
            var members: [String: CanonicalValue] = [
                "proxies": shared, "prior": i < 10 ? prior : own, "mixture": .int(Int64(i)), "empty": .object([:]),
                "list": .array([]),
            ]
            // Other key sets now and then: the order cached for the previous object must not be reused.
            if i % 4 == 3 { members["k\(i)"] = .int(1); members["a\(i)"] = .null }
            materials.append(TaskKeyMaterial(kind: .train, version: 1, parameters: .object(members), inputDigests: [:], fileDigests: [:]))
        }
        for material in materials {
            #expect(ContentDigest.taskKey(material, cache: cache) == ContentDigest.taskKey(material))
            #expect(CanonicalBytes.encode(material, cache: cache) == Array(material.canonical.canonicalJSON.utf8))
        }
        #expect(Set(materials[10...].map { ContentDigest.taskKey($0, cache: cache) }).count == 10)
    }

    @Test func recordSummariesSkipTheMaterialButStillDetectTruncation() throws {
        let record = ActionRecord(key: String(repeating: "a", count: 64), taskID: TaskID("t"), kind: "fit",
                                  outputDigest: String(repeating: "b", count: 64), outputSize: 3,
                                  material: Self.values.last!, created: "now", duration: 0.5, executor: "x")
        let data = Data(record.json.utf8)
        let summary = try ActionRecord.decode(data, withMaterial: false).get()
        #expect(summary.material == .null)
        #expect(summary.outputDigest == record.outputDigest)
        #expect(try ActionRecord.decode(data).get() == record)
        for cut in stride(from: 1, to: data.count - 2, by: 7) {
            #expect((try? ActionRecord.decode(data.prefix(cut), withMaterial: false).get()) == nil)
        }
    }
}

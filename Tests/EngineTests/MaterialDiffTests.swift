// Reasons a person can read: a changed data digest names the data files that changed, an argv that
// gained or lost words shows those words, and long values are shown where they differ.
import Compiler
@testable import Engine
import SpecModel
import Testing

@Suite struct MaterialDiffTests {
    private func material(_ parameters: CanonicalValue) -> CanonicalValue {
        TaskKeyMaterial(kind: .train, version: 1, parameters: parameters, inputDigests: [:], fileDigests: [:]).canonical
    }

    @Test func aChangedDataDigestNamesTheChangedFiles() {
        let a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64)
        let manifests = [a: ["data/man/ls.1": "1", "data/man/cp.1": "2"], b: ["data/man/ls.1": "9", "data/man/cp.1": "2", "data/man/mv.1": "3"]]
        let changes = MaterialDiff.changes(old: material(.object(["data": .object(["man": .object(["digest": .string(a)])])])),
                                           new: material(.object(["data": .object(["man": .object(["digest": .string(b)])])])),
                                           dataManifest: { manifests[$0] })
        #expect(changes.map(\.description) == ["input file data/man/ls.1 changed", "input file data/man/mv.1 added"])
        // Without manifests the parameter itself is reported.
        let bare = MaterialDiff.changes(old: material(.object(["data": .object(["man": .object(["digest": .string(a)])])])),
                                        new: material(.object(["data": .object(["man": .object(["digest": .string(b)])])])))
        #expect(bare.count == 1 && bare[0].description.hasPrefix("parameter data.man.digest changed"))
    }

    @Test func anArgvThatGainedWordsShowsThoseWords() {
        let old = material(.object(["command": .array(["python3", "train.py", "--fast", "{out}"].map(CanonicalValue.string))]))
        let new = material(.object(["command": .array(["python3", "train.py", "--slow", "--seed=3", "{out}"].map(CanonicalValue.string))]))
        let changes = MaterialDiff.changes(old: old, new: new)
        #expect(changes.map(\.description) == [#"parameter command[2] changed ["--fast"] → ["--slow","--seed=3"]"#])
        let appended = MaterialDiff.changes(old: old, new: material(.object(["command": .array(
            ["python3", "train.py", "--fast", "{out}", "--verbose"].map(CanonicalValue.string))])))
        #expect(appended.map(\.description) == [#"parameter command[4] added (["--verbose"])"#])
    }

    @Test func longValuesAreShownWhereTheyDiffer() {
        let prefix = String(repeating: "x", count: 80)
        let changes = MaterialDiff.changes(old: material(.object(["note": .string(prefix + "-old")])),
                                           new: material(.object(["note": .string(prefix + "-new")])))
        let text = changes.first?.description ?? ""
        #expect(text.contains("-old") && text.contains("-new"), "\(text)")
    }
}

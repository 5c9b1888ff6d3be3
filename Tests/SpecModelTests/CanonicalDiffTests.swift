import Testing
import SpecModel

@Test func canonicalDiffNamesPathsAndMatchesListsByName() {
    let old = CanonicalValue.object([
        "search": .object(["top_k": .int(128)]),
        "domains": .array([.object(["name": .string("web"), "prior": .double(0.5)]), .object(["name": .string("code")])]),
    ])
    let new = CanonicalValue.object([
        "search": .object(["top_k": .int(64)]),
        "domains": .array([.object(["name": .string("web"), "prior": .double(0.25)]), .object(["name": .string("code")]),
                           .object(["name": .string("books")])]),
    ])
    let changes = old.changes(to: new)
    #expect(changes.map(\.path) == ["domains[web].prior", "domains[books]", "search.top_k"])
    #expect(changes.map(\.kind) == [.changed, .added, .changed])
    #expect(changes[2].old == .int(128) && changes[2].new == .int(64))
    #expect(old.changes(to: old).isEmpty)
}

// Declared-unchanged edits (`mixspec declare-unchanged`): "this new content of input file N gives
// the same results as that old content". A comment fix in a training script then need not retrain
// 512 proxies, yet the choice is deliberate, recorded with a date and a note, and shown by `explain`.
// Stored in `<store>/unchanged.json`:
//   {"<file name>": {"<new digest>": {"as": "<old digest>", "declared": "<ISO date>", "note": "…"}}}
import Foundation
import SpecModel

/// One declaration: content `digest` of file `name` is keyed as `as`.
public struct UnchangedDeclaration: Sendable, Equatable {
    public var name: String
    public var digest: String
    /// The digest the key uses instead.
    public var `as`: String
    /// When it was declared (ISO 8601).
    public var declared: String
    public var note: String

    /// A declaration that content `digest` of file `name` is keyed as `as`.
    public init(name: String, digest: String, as target: String, declared: String, note: String) {
        self.name = name; self.digest = digest; self.as = target; self.declared = declared; self.note = note
    }

    /// A line for `explain`.
    public var description: String {
        "input file \(name) changed (\(digest.prefix(8))…) but was declared unchanged on \(declared)"
            + (note.isEmpty ? "" : " (\(note))") + "; its key uses \(`as`.prefix(8))…"
    }
}

/// The declarations of one store.
public struct UnchangedDeclarations: Sendable, Equatable {
    private var byName: [String: [String: UnchangedDeclaration]] = [:]

    /// No declarations.
    public init() {}

    /// The declarations stored in `store` (none when the file is absent; a corrupt file is reported and ignored).
    public init(store: Store) {
        let data: Data
        do {
            guard let read = try AtomicFile.read(Self.path(store), limit: ReadLimits.storeIndex) else { return }
            data = read
        } catch {
            store.warn("ignoring declarations file: \(error)")
            return
        }
        guard case .object(let names)? = try? JSONParser.parse(data) else {
            store.warn("ignoring corrupt declarations file \(Self.path(store))")
            return
        }
        for (name, value) in names {
            guard case .object(let digests) = value else { continue }
            for (digest, entry) in digests {
                guard case .object(let fields) = entry, case .string(let target)? = fields["as"],
                      ContentDigest.isDigest(digest), ContentDigest.isDigest(target) else { continue }
                var declared = "", note = ""
                if case .string(let d)? = fields["declared"] { declared = d }
                if case .string(let n)? = fields["note"] { note = n }
                byName[name, default: [:]][digest] = UnchangedDeclaration(name: name, digest: digest, as: target,
                                                                            declared: declared, note: note)
            }
        }
    }

    static func path(_ store: Store) -> String { store.root + "/unchanged.json" }

    /// The declaration that applies to content `digest` of file `name`, if any.
    public func declaration(name: String, digest: String) -> UnchangedDeclaration? { byName[name]?[digest] }

    /// Every declaration, sorted by file name and digest.
    public var all: [UnchangedDeclaration] {
        byName.keys.sorted().flatMap { name in byName[name, default: [:]].keys.sorted().compactMap { byName[name]?[$0] } }
    }

    /// Adds (or replaces) a declaration. A declaration onto content that is itself declared follows it,
    /// so keys always use the original content's digest.
    public mutating func add(_ declaration: UnchangedDeclaration) {
        var d = declaration
        if let earlier = byName[d.name]?[d.as] { d.as = earlier.as }
        guard d.as != d.digest else { return }
        byName[d.name, default: [:]][d.digest] = d
    }

    /// Writes the declarations to `store` (atomically).
    public func save(to store: Store) throws {
        var names: [String: CanonicalValue] = [:]
        for (name, digests) in byName {
            names[name] = .object(digests.mapValues { d in
                .object(["as": .string(d.as), "declared": .string(d.declared), "note": .string(d.note)])
            })
        }
        try AtomicFile.makeDirectory(store.root)
        try AtomicFile.write(Data(CanonicalValue.object(names).prettyJSON.utf8), to: Self.path(store), durable: store.durable)
    }
}

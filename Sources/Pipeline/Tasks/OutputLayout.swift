// Where a run's user-facing outputs go: `out/<spec name>/` beside the spec file.
import Foundation
import SpecModel

/// Paths of the files `mixspec run` writes for a spec.
public struct OutputLayout: Sendable {
    /// The folder holding the spec: display paths are relative to it ("" for a layout by name only).
    public let base: String
    /// `<base>/out/<name>`, or `out/<name>` for a layout by name only.
    public let directory: String

    public init(spec: Spec) {
        base = spec.baseDirectory
        directory = base + "/out/" + spec.name
    }

    /// The layout relative to the spec's folder (what the summary shows; it depends on the name alone).
    public init(name: String) {
        base = ""
        directory = "out/" + name
    }

    public var mixtureYAML: String { directory + "/mixture.yaml" }
    public var mixtureJSON: String { directory + "/mixture.json" }
    public var summary: String { directory + "/summary.json" }
    public var report: String { directory + "/report.html" }
    public var crossValidationCSV: String { directory + "/cv.csv" }
    public var predictionsCSV: String { directory + "/predictions.csv" }

    /// `path` relative to the spec's folder, as the summary shows it.
    public func relative(_ path: String) -> String {
        !base.isEmpty && path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}

// A measured duration: wall-clock seconds and CPU seconds of this process (or its children).
struct Timing {
    var wall: Double
    var cpu: Double
}

/// A benchmark's bad argument or unusable setting, printed as the error.
struct BenchmarkUsage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Array {
    /// The element at `index`, or nil past the end (option values).
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

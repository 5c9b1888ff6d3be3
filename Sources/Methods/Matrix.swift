/// A dense row-major matrix of doubles: one row per mixture, one column per domain.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major storage, `rows * columns` values.
    public var values: [Double]

    /// Wraps row-major storage; throws when the size does not match.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw MethodsError("matrix of \(rows)×\(columns) needs \(rows * columns) values, got \(values.count)")
        }
        self.rows = rows; self.columns = columns; self.values = values
    }

    /// Builds a matrix from rows of equal length; throws on ragged input.
    public init(rowArrays: [[Double]]) throws {
        let c = rowArrays.first?.count ?? 0
        for (i, r) in rowArrays.enumerated() where r.count != c {
            throw MethodsError("row \(i) has \(r.count) values, expected \(c)")
        }
        self.rows = rowArrays.count; self.columns = c; self.values = rowArrays.flatMap { $0 }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    /// The given rows, in the given order.
    public func selecting(rows indices: [Int]) -> Matrix {
        var v = [Double]()
        v.reserveCapacity(indices.count * columns)
        for i in indices { v.append(contentsOf: values[(i * columns)..<((i + 1) * columns)]) }
        return Matrix(unchecked: indices.count, columns, v)
    }

    init(unchecked rows: Int, _ columns: Int, _ values: [Double]) {
        self.rows = rows; self.columns = columns; self.values = values
    }
}

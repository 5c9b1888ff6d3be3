/// An error raised by the Methods library; `message` says what went wrong and how to fix it.
public struct MethodsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Human-readable explanation.
    public let message: String

    /// Creates an error with the given message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

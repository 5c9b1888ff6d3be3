// Errors raised by the engine; every message names the file or task it concerns.
import Foundation

/// An engine failure with a human-readable, located message.
public enum EngineError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A file-system operation failed.
    case io(String)
    /// Another process holds the store's write lock and waiting was not allowed.
    case storeLocked(String)
    /// A task failed; the message includes the reason and the tail of its log.
    case taskFailed(String)
    /// The run was cancelled (signal or caller).
    case cancelled

    public var description: String {
        switch self {
        case .io(let m), .storeLocked(let m), .taskFailed(let m): m
        case .cancelled: "cancelled"
        }
    }

    public var errorDescription: String? { description }

    /// `strerror` text for the current `errno`.
    public static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}


/// A file that could not be opened, read or written, with its path and the system's reason.
///
/// Reading failures become a diagnostic and the run goes on with the next input; a writing
/// failure (disk full, a closed pipe) ends the run. Callers tell them apart by where they catch.
public struct IOError: Error, Sendable, CustomStringConvertible {
    /// The path as the user gave it (`<stdout>` for standard output).
    public var path: String
    /// The system's explanation (`No such file or directory`).
    public var reason: String

    /// An error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}

/// Where something is in an input. Lines and records are 1-based; `line` is the physical line,
/// `record` the logical record (a folded vCard property or a quoted CSV field spans lines).
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The path as given on the command line ("-" for standard input).
    public var file: String
    /// The 1-based physical line, or `nil` for the file as a whole.
    public var line: Int?
    /// The 1-based record number, when the location is inside one record.
    public var record: Int?

    /// Creates a location; leave out `line` and `record` for the file as a whole.
    public init(file: String, line: Int? = nil, record: Int? = nil) {
        self.file = file
        self.line = line
        self.record = record
    }

    public var description: String {
        guard let line else { return file }
        return "\(file):\(line)"
    }
}

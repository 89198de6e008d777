/// Where something is in an input. Lines and records are 1-based; `line` is the physical line,
/// `record` the logical record (a folded vCard property or a quoted CSV field spans lines).
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var record: Int?

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

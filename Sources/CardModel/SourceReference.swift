/// Provenance: which file and which record a contact was read from.
public struct SourceReference: Sendable, Codable, Equatable, Hashable {
    /// The path as given on the command line ("-" for standard input).
    public var file: String
    /// 1-based record number within the file (the n-th card, the n-th data row).
    public var record: Int
    /// 1-based physical line where the record starts.
    public var line: Int
    /// The format the record was read as (`vcard`, `csv` or `html`).
    public var format: SourceFormat
    /// The record's own identifier when the source has one (`--id-column` for CSV).
    public var id: String?

    /// Creates a reference to one record of one file.
    public init(file: String, record: Int, line: Int, format: SourceFormat, id: String? = nil) {
        self.file = file
        self.record = record
        self.line = line
        self.format = format
        self.id = id
    }
}

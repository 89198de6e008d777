import CardModel
#if canImport(Glibc)
import Glibc
#endif

/// One CSV record: its fields and where it sits in the file.
public struct CSVRow: Sendable, Equatable {
    /// The fields' text, decoded, in column order.
    public var fields: [String]
    /// 1-based physical line where the record starts.
    public var line: Int
    /// 1-based record number, counting every record in the file (header and preamble included).
    public var number: Int
    /// Problems found in this record (an unterminated quote, text after a closing quote).
    public var warnings: [Diagnostic] = []
    /// The record's length when it was over the record limit: its fields were not read.
    public var oversizedBytes: Int?
    /// Fields past the column limit, counted but not read.
    public var droppedFields = 0

    /// Creates a row without warnings.
    public init(fields: [String], line: Int, number: Int) {
        self.fields = fields
        self.line = line
        self.number = number
    }

    /// True when every field is empty or blank (a blank line, or a row of delimiters).
    public var isBlank: Bool { oversizedBytes == nil && fields.allSatisfy { $0.utf8.allSatisfy(\.isASCIIBlank) } }
}

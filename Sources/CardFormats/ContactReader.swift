import CardModel

/// What every format reader hands out: one record at a time, single pass.
public protocol ContactReader {
    /// The next record, or nil at the end. Throws only when the input itself fails (I/O).
    mutating func next() throws -> ReadRecord?
    /// Diagnostics about the file rather than a record (stray text, encoding notes), drained.
    mutating func takeFileDiagnostics() -> [Diagnostic]
}


/// Writes RFC 4180 CSV: fields quoted when they hold the delimiter, a quote, a line break or edge
/// spaces; quotes doubled; CRLF line ends; UTF-8, with a BOM for Excel on request.
public struct CSVWriter: Sendable {
    /// The byte written between fields (`,` by default; `;` suits Spanish-locale Excel).
    public var delimiter: UInt8
    /// Whether cells a spreadsheet would run as formulas get a leading `'` (``SpreadsheetSafety``).
    public var sanitize: Bool
    private var out: [UInt8] = []

    /// Creates a writer; `byteOrderMark` starts the output with a UTF-8 BOM so Excel shows accents.
    public init(delimiter: UInt8 = UInt8(ascii: ","), byteOrderMark: Bool = false, sanitize: Bool = true) {
        self.delimiter = delimiter
        self.sanitize = sanitize
        if byteOrderMark { out = [0xEF, 0xBB, 0xBF] }
    }

    /// Appends one row ending in CRLF; `sanitizeCells: false` skips ``sanitize`` (for a header row).
    public mutating func writeRow(_ fields: [String], sanitizeCells: Bool = true) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(delimiter) }
            append(sanitize && sanitizeCells ? SpreadsheetSafety.neutralize(field) : field)
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// Appends one cell of a row (``sanitize``d, quoted when needed), after a delimiter unless it
    /// is the row's first; ``endRow()`` ends the row. For rows written by the million, where
    /// ``writeRow(_:sanitizeCells:)``'s array of fields is an allocation a row.
    public mutating func writeCell(_ field: String, first: Bool) {
        if !first { out.append(delimiter) }
        append(sanitize ? SpreadsheetSafety.neutralize(field) : field)
    }

    /// Ends the row that ``writeCell(_:first:)`` wrote (CRLF).
    public mutating func endRow() {
        out.append(0x0D)
        out.append(0x0A)
    }

    private mutating func append(_ field: String) {
        var field = field
        let delimiter = self.delimiter
        field.withUTF8 { p in
            var needsQuotes = p.first == 0x20 || p.last == 0x20
            if !needsQuotes {
                for b in p where b == delimiter || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
                    needsQuotes = true
                    break
                }
            }
            guard needsQuotes else {
                out.append(contentsOf: p)
                return
            }
            out.append(UInt8(ascii: "\""))
            for b in p {
                if b == UInt8(ascii: "\"") { out.append(b) }
                out.append(b)
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Hands over the bytes written so far and starts a new buffer (for streaming to a file).
    public mutating func takeOutput() -> [UInt8] {
        defer { out.removeAll(keepingCapacity: true) }
        return out
    }
}

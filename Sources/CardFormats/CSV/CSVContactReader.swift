import CardModel


/// Reads contacts from any common CSV export: finds the delimiter, skips preambles to the header
/// row, recognises the export (``CSVProfiles``) and maps each data row to a ``Contact``.
///
/// Every data row is accounted for: imported (with a warning when it is ragged or odd), or skipped
/// when it holds nothing a person could use (LinkedIn's `,,,,,,09 Oct 2024`), with a located warning.
public struct CSVContactReader: ContactReader {
    /// The path as given on the command line, for diagnostics and sources.
    public let file: String
    private var rows: ByteCSVReader
    private var lookahead: [CSVRow] = []
    private var mapper: CSVContactMapper?
    private var fileDiagnostics: [Diagnostic] = []
    private var recordCount = 0
    private let options: CSVOptions
    public private(set) var dialect: CSVDialect

    /// Detects the delimiter unless `options` forces one; the first ``next()`` finds the header.
    public init(input: sending UnicodeInput, file: String, options: CSVOptions = CSVOptions(),
                limits: ReadLimits = .standard) throws {
        self.file = file
        self.options = options
        self.limits = limits
        let sniffed = CSVDialectSniffer.sniff(input.head)
        dialect = options.dialect ?? sniffed.dialect
        rows = try ByteCSVReader(input: input, dialect: dialect, file: file, charset: options.charset,
                                 skip: options.dialect == nil || options.dialect == sniffed.dialect ? sniffed.skip : 0,
                                 limits: limits)
    }

    /// The record and column limits rows are read with.
    public let limits: ReadLimits

    /// The recognised export ("linkedin", "google", …), once the header has been read.
    public var profileName: String? { mapper?.profile.name }

    /// Diagnostics about the file rather than a row (preamble, unknown header, encoding), drained.
    public mutating func takeFileDiagnostics() -> [Diagnostic] {
        fileDiagnostics += rows.takeDiagnostics()
        defer { fileDiagnostics.removeAll() }
        return fileDiagnostics
    }

    /// The columns read as identity document numbers (``IdentityColumn``), by header as written;
    /// finds the header first when no record has been read yet.
    public mutating func identityColumns() throws -> [String] {
        if mapper == nil { _ = try readHeader() }
        return mapper?.identityColumns ?? []
    }

    /// The next data row as a record, or nil at the end; the first call finds the header.
    public mutating func next() throws -> ReadRecord? {
        if mapper == nil {
            guard try readHeader() else { return nil }
        }
        guard let mapper else { return nil }
        while true {
            let row: CSVRow
            if !lookahead.isEmpty {
                row = lookahead.removeFirst()
            } else if let next = try rows.next() {
                row = next
            } else {
                return nil
            }
            fileDiagnostics += rows.takeDiagnostics()
            return record(for: row, mapper: mapper)
        }
    }

    private mutating func record(for original: CSVRow, mapper: CSVContactMapper) -> ReadRecord {
        recordCount += 1
        var row = original
        let location = SourceLocation(file: file, line: row.line, record: recordCount)
        // The reader's warnings about this row, numbered like the records.
        var diagnostics = row.warnings.map { warning -> Diagnostic in
            var d = warning
            d.location.record = recordCount
            return d
        }
        let source = SourceReference(file: file, record: recordCount, line: row.line, format: .csv)
        if let bytes = row.oversizedBytes {
            diagnostics.append(Self.oversized(bytes, limit: limits.lineBytes, at: location))
            return ReadRecord(contact: nil, diagnostics: diagnostics, outcome: .rejected, source: source)
        }
        if row.droppedFields > 0 {
            diagnostics.append(Self.tooManyColumns(row, limit: limits.columns, at: location))
        }
        let width = mapper.headers.count
        // Excel sometimes wraps a whole row in one quoted field: read the field as the row.
        if row.fields.count == 1, width > 2, row.fields[0].utf8.contains(dialect.delimiter),
           let inner = Self.reparse(row.fields[0], dialect: dialect), inner.count > 2 {
            row.fields = inner
            diagnostics.append(Diagnostic(.warning, .csvRowInOneField,
                                          "the whole row is in one quoted field; read as a row", at: location))
        }
        if row.isBlank || mapper.usefulCells(row) == 0 {
            diagnostics.append(Diagnostic(.warning, .csvEmptyRow,
                "row has no name, e-mail, phone or organization; skipped", at: location))
            return ReadRecord(contact: nil, diagnostics: diagnostics, outcome: .skipped, source: source)
        }
        let extra = row.fields.count > width ? row.fields[width...].contains { !$0.utf8.allSatisfy(\.isASCIIBlank) } : false
        if row.fields.count < width || extra {
            diagnostics.append(Diagnostic(.warning, .csvRaggedRow,
                "row has \(row.fields.count) fields, the header \(width); read as far as it goes", at: location))
        }
        let contact = mapper.contact(for: row, record: recordCount, diagnostics: &diagnostics)
        let warned = diagnostics.contains { $0.severity >= .warning }
        return ReadRecord(contact: contact, diagnostics: diagnostics, outcome: warned ? .withWarnings : .ok,
                          source: source)
    }

    /// Finds the header among the first rows: the first row that names at least two known columns
    /// (LinkedIn puts a `Notes:` preamble first). Rows before it are reported as preamble.
    private mutating func readHeader() throws -> Bool {
        // Read ahead: past any blank lines, then 60 rows (the header and a sample for date order).
        var nonBlank = 0
        while nonBlank < 60, let row = try rows.next() {
            lookahead.append(row)
            if !row.isBlank { nonBlank += 1 }
        }
        fileDiagnostics += rows.takeDiagnostics()
        guard let firstContent = lookahead.firstIndex(where: { !$0.isBlank && $0.oversizedBytes == nil }) else {
            // Nothing but blank or oversized rows: the oversized ones are records, rejected.
            if lookahead.contains(where: { $0.oversizedBytes != nil }) {
                mapper = CSVContactMapper(headers: [], overrides: options.overrides, idColumn: options.idColumn,
                                          dialect: dialect, sample: [], file: file)
                return true
            }
            if !lookahead.isEmpty {
                fileDiagnostics.append(Diagnostic(.warning, .csvEmptyRow, "file has only blank rows; no records",
                                                  at: SourceLocation(file: file, line: lookahead[0].line)))
            }
            return false
        }
        // The header is the row naming the most known columns (at least two) among the first
        // twenty non-blank rows; the earliest wins a tie.
        var headerIndex = firstContent
        var best = 0
        for (i, row) in lookahead.enumerated() where !row.isBlank {
            if i - firstContent >= 40 { break }
            let known = Set(row.fields.map(CSVHeader.normalize).filter(Self.isKnownHeader)).count
            if known >= 2 && known > best {
                best = known
                headerIndex = i
            }
        }
        let header = lookahead[headerIndex]
        if best == 0 {
            fileDiagnostics.append(Diagnostic(.warning, .csvUnknownHeader,
                "no known column names; the first row is read as the header, its columns read by their values where they tell, else kept as extras",
                at: SourceLocation(file: file, line: header.line)))
        }
        if header.droppedFields > 0 {
            fileDiagnostics.append(Self.tooManyColumns(header, limit: limits.columns,
                                                       at: SourceLocation(file: file, line: header.line)))
        }
        for row in lookahead[..<headerIndex] where row.oversizedBytes != nil {
            fileDiagnostics.append(Diagnostic(.warning, .limitRecordTooLarge,
                "line before the header is \(row.oversizedBytes!) bytes, over the \(ReadLimits.describe(bytes: limits.lineBytes)) limit (--max-line-bytes); skipped",
                at: SourceLocation(file: file, line: row.line)))
        }
        if headerIndex > 0 {
            let preambleRows = lookahead[..<headerIndex].filter { !$0.isBlank && $0.oversizedBytes == nil }.count
            if preambleRows > 0 {
                fileDiagnostics.append(Diagnostic(.note, .csvPreamble,
                    "\(preambleRows) line\(preambleRows == 1 ? "" : "s") before the header skipped",
                    at: SourceLocation(file: file, line: lookahead[0].line)))
            }
        }
        lookahead.removeFirst(headerIndex + 1)
        var headers = header.fields
        // Trailing empty header cells (a row padded with delimiters) are not columns.
        while let last = headers.last, last.trimmed().isEmpty, headers.count > 1 { headers.removeLast() }
        let mapped = CSVContactMapper(headers: headers, overrides: options.overrides, idColumn: options.idColumn,
                                      dialect: dialect, sample: lookahead.map(\.fields), file: file, headerLine: header.line)
        fileDiagnostics += mapped.notes
        mapper = mapped
        return true
    }

    static func oversized(_ bytes: Int, limit: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, .limitRecordTooLarge,
                   "row is \(bytes) bytes, over the \(ReadLimits.describe(bytes: limit)) limit (--max-line-bytes); rejected",
                   at: location)
    }

    static func tooManyColumns(_ row: CSVRow, limit: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, .limitTooManyColumns,
                   "row has \(row.fields.count + row.droppedFields) fields; the \(row.droppedFields) past the limit of \(limit) (--max-columns) are not read",
                   at: location)
    }

    static func isKnownHeader(_ normalized: String) -> Bool {
        if GenericContactsProfile().role(for: normalized) != nil || IdentityColumn.isIdentity(normalizedHeader: normalized) { return true }
        return CSVProfiles.all.contains { $0.role(for: normalized) != nil }
    }

    /// Splits one field's text as a row of its own.
    static func reparse(_ text: String, dialect: CSVDialect) -> [String]? {
        guard let input = try? UnicodeInput(MemoryByteSource(Array(text.utf8)), detectEncoding: false),
              var reader = try? ByteCSVReader(input: input, dialect: dialect, file: "-"),
              let row = try? reader.next() else { return nil }
        return row.fields
    }
}

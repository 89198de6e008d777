import CardModel
#if canImport(Glibc)
import Glibc
#endif

/// A streaming, byte-level CSV reader: RFC 4180 plus what real exports do.
///
/// It reads 64 KiB chunks from a ``UnicodeInput`` (so BOMs and UTF-16 are already handled), keeps
/// only the current record in memory, and tracks the physical line and record number of every row.
/// Quoted fields may hold delimiters, doubled quotes and line breaks (CRLF, LF or CR); a quote in
/// the middle of an unquoted field is text. Field text is UTF-8, or Windows-1252 when the bytes are
/// not UTF-8 (noted once), or the charset it is given. A quote that is never closed does not swallow
/// the file: at the end of the input (or after `maxQuotedBytes`) the record is read again with that
/// quote taken as text, and an error says where it was.
///
/// Each record is found first (a quote-aware scan that mostly runs `memchr`), then split into fields
/// with the whole record in the buffer.
public struct ByteCSVReader {
    /// The path as given on the command line, for diagnostics.
    public let file: String
    /// The delimiter fields are split at.
    public let dialect: CSVDialect
    private let input: UnicodeInput
    private let charset: Charset?
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private var line = 1
    private var recordNumber = 0
    /// Quotes at or before this buffer index are text (recovery from unterminated quotes: each
    /// retry moves it forward, so a record is rescanned at most once per quote).
    private var literalQuote: Int?
    private var pendingDiagnostics: [Diagnostic] = []
    /// Warnings about the record being read; they travel with its ``CSVRow``.
    private var rowWarnings: [Diagnostic] = []
    private var reportedFallback = false
    private var fields: [String] = []
    private var scratch: [UInt8] = []
    /// How far a quoted field may run before its quote is taken as unterminated.
    private let maxQuotedBytes: Int

    /// - Parameters:
    ///   - skip: bytes to drop first (an Excel `sep=;` line), counted as one record.
    ///   - charset: decode every field with this charset instead of detecting UTF-8 / Windows-1252.
    public init(input: UnicodeInput, dialect: CSVDialect, file: String, charset: Charset? = nil, skip: Int = 0,
                maxQuotedBytes: Int = 1 << 20) throws {
        self.input = input
        self.maxQuotedBytes = maxQuotedBytes
        self.dialect = dialect
        self.file = file
        self.charset = charset
        fields.reserveCapacity(32)
        if skip > 0 {
            while buffer.count < skip, try input.read(into: &buffer) {}
            position = min(skip, buffer.count)
            line += 1
            recordNumber = 1
        }
    }

    /// Diagnostics found while reading (unterminated quotes, encoding notes), drained.
    public mutating func takeDiagnostics() -> [Diagnostic] {
        defer { pendingDiagnostics.removeAll() }
        return pendingDiagnostics
    }

    /// The next record, or nil at the end of the input.
    public mutating func next() throws -> CSVRow? {
        while true {
            if position >= buffer.count {
                if try !refill() { return nil }
            }
            switch try findRecordEnd() {
            case .unterminated(let quote):
                rowWarnings.append(Diagnostic(.warning, .csvUnterminatedQuote,
                    "quoted field is never closed; its quote is read as text",
                    at: SourceLocation(file: file, line: line, record: recordNumber + 1)))
                literalQuote = quote
            case .end(let contentEnd, let next, let breaks):
                let startLine = line
                splitFields(contentEnd)
                position = next
                line += breaks
                literalQuote = nil
                recordNumber += 1
                var row = CSVRow(fields: fields, line: startLine, number: recordNumber)
                row.warnings = rowWarnings
                rowWarnings.removeAll()
                return row
            }
        }
    }

    @inline(__always)
    private func isLiteral(_ index: Int) -> Bool {
        guard let q = literalQuote else { return false }
        return index <= q
    }

    private enum RecordEnd {
        /// The record's content ends at `contentEnd`, the next record starts at `next`, and the record
        /// spans `breaks` line breaks (its own terminator included, if any).
        case end(contentEnd: Int, next: Int, breaks: Int)
        /// The quote at this buffer index opens a field that is never closed.
        case unterminated(quote: Int)
    }

    /// Appends the next chunk after dropping the bytes before `position`; false at the end.
    private mutating func refill() throws -> Bool {
        if exhausted { return false }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            if let q = literalQuote { literalQuote = q - position }
            position = 0
        }
        if try input.read(into: &buffer) { return true }
        exhausted = true
        return false
    }

    /// ``refill()`` for a scan in progress: moves the scan's buffer indices along with the bytes
    /// (refilling may compact the buffer even when no more bytes come).
    private mutating func refill(shifting i: inout Int, _ quoteStart: inout Int) throws -> Bool {
        let before = position
        let more = try refill()
        let moved = before - position
        i -= moved
        if quoteStart >= 0 { quoteStart -= moved }
        return more
    }

    /// Finds where the record starting at `position` ends, reading more input as needed.
    private mutating func findRecordEnd() throws -> RecordEnd {
        let delimiter = dialect.delimiter
        var i = position            // relative to the buffer; adjusted after each refill
        var inQuotes = false
        var quoteStart = -1
        var breaks = 0
        while true {
            if i >= buffer.count {
                if try !refill(shifting: &i, &quoteStart) {
                    if inQuotes { return .unterminated(quote: quoteStart) }
                    return .end(contentEnd: buffer.count, next: buffer.count, breaks: breaks)
                }
                continue
            }
            if !inQuotes {
                // Jump to the next line feed, carriage return or quote with memchr.
                let next = buffer.withUnsafeBufferPointer { p -> Int in
                    let base = p.baseAddress! + i
                    let count = p.count - i
                    var stop = count
                    if let lf = memchr(base, 0x0A, stop) { stop = base.distance(to: lf.assumingMemoryBound(to: UInt8.self)) }
                    if stop > 0, let q = memchr(base, 0x22, stop) { stop = base.distance(to: q.assumingMemoryBound(to: UInt8.self)) }
                    if stop > 0, let cr = memchr(base, 0x0D, stop) { stop = base.distance(to: cr.assumingMemoryBound(to: UInt8.self)) }
                    return i + stop
                }
                if next >= buffer.count {
                    i = next
                    continue
                }
                let b = buffer[next]
                if b == 0x0A {
                    return .end(contentEnd: next, next: next + 1, breaks: breaks + 1)
                }
                if b == 0x0D {
                    i = next
                    if i + 1 >= buffer.count && !exhausted {
                        _ = try refill(shifting: &i, &quoteStart)
                    }
                    let after = i + 1 < buffer.count && buffer[i + 1] == 0x0A ? i + 2 : i + 1
                    return .end(contentEnd: i, next: after, breaks: breaks + 1)
                }
                // A quote opens a quoted field only at the start of a field.
                let atFieldStart = next == position || buffer[next - 1] == delimiter
                if atFieldStart && !isLiteral(next) {
                    inQuotes = true
                    quoteStart = next
                }
                i = next + 1
                continue
            }
            // Inside quotes: look for the next quote; count line breaks on the way.
            let b = buffer[i]
            if b == UInt8(ascii: "\"") {
                if i + 1 >= buffer.count && !exhausted {
                    _ = try refill(shifting: &i, &quoteStart)
                    continue
                }
                if i + 1 < buffer.count && buffer[i + 1] == UInt8(ascii: "\"") {
                    i += 2
                    continue
                }
                inQuotes = false
                i += 1
                continue
            }
            if b == 0x0A {
                breaks += 1
            } else if b == 0x0D {
                if i + 1 >= buffer.count && !exhausted {
                    // Is it CRLF? Look at the next chunk before counting.
                    _ = try refill(shifting: &i, &quoteStart)
                    continue
                }
                if !(i + 1 < buffer.count && buffer[i + 1] == 0x0A) { breaks += 1 }
            }
            if i - quoteStart > maxQuotedBytes { return .unterminated(quote: quoteStart) }
            i += 1
        }
    }

    /// Splits `buffer[position..<end]` into `fields`.
    private mutating func splitFields(_ end: Int) {
        fields.removeAll(keepingCapacity: true)
        let delimiter = dialect.delimiter
        var i = position
        while true {
            if i < end && buffer[i] == UInt8(ascii: "\"") && !isLiteral(i) {
                // Quoted field: up to the closing quote, "" meaning one quote.
                var j = i + 1
                var segment = j
                scratch.removeAll(keepingCapacity: true)
                var closed = false
                while j < end {
                    if buffer[j] == UInt8(ascii: "\"") {
                        if j + 1 < end && buffer[j + 1] == UInt8(ascii: "\"") {
                            scratch.append(contentsOf: buffer[segment...j])
                            j += 2
                            segment = j
                            continue
                        }
                        closed = true
                        break
                    }
                    j += 1
                }
                scratch.append(contentsOf: buffer[segment..<j])
                if closed { j += 1 }
                // Text between the closing quote and the delimiter is kept, with a warning.
                var k = j
                while k < end && buffer[k] != delimiter { k += 1 }
                if k > j {
                    scratch.append(contentsOf: buffer[j..<k])
                    rowWarnings.append(Diagnostic(.warning, .csvStrayQuote,
                        "text after a closing quote; kept in the field",
                        at: SourceLocation(file: file, line: line, record: recordNumber + 1)))
                }
                if scratch.contains(0x0D) { normalizeLineBreaks(&scratch) }
                fields.append(decode(scratch[...]))
                if k >= end { return }
                i = k + 1
            } else {
                let j = buffer.withUnsafeBufferPointer { p -> Int in
                    guard i < end, let d = memchr(p.baseAddress! + i, Int32(delimiter), end - i) else { return end }
                    return (p.baseAddress! + i).distance(to: d.assumingMemoryBound(to: UInt8.self)) + i
                }
                fields.append(decode(buffer[i..<j]))
                if j >= end { return }
                i = j + 1
            }
        }
    }

    /// CRLF and lone CR inside a quoted field become LF, so multi-line values look the same
    /// whatever wrote the file.
    private func normalizeLineBreaks(_ bytes: inout [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        bytes = out
    }

    private mutating func decode(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.isEmpty { return "" }
        let result = bytes.withUnsafeBufferPointer { TextDecoding.decode($0, charset: charset) }
        if result.usedFallback && !reportedFallback {
            reportedFallback = true
            pendingDiagnostics.append(Diagnostic(.note, .encodingFallback, "text is not UTF-8; read as Windows-1252",
                                                 at: SourceLocation(file: file, line: line)))
        }
        return result.text
    }
}

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
/// the file: at the end of the input (or after `maxQuotedBytes`) that quote is taken as text and the
/// scan goes on right after it, with a warning that says where it was.
///
/// Each record is found first (a quote-aware scan that mostly runs `memchr`, remembering what each
/// search found so no byte is searched twice), then split into fields with the whole record in the
/// buffer. A record longer than `maxRecordBytes` is not held: it is scanned to its end and
/// returned without fields, marked ``CSVRow/oversizedBytes``. Time is linear in the input
/// whatever it holds.
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
    /// Buffer indices of quotes in the current record that are text: each opened a field that
    /// never closed. Ascending; moved along with the bytes on every refill.
    private var literalQuotes: [Int] = []
    private var pendingDiagnostics: [Diagnostic] = []
    /// Warnings about the record being read; they travel with its ``CSVRow``.
    private var rowWarnings: [Diagnostic] = []
    private var reportedFallback = false
    private var fields: [String] = []
    private var droppedFields = 0
    private var rowHadNUL = false
    private var recordHasNUL = false
    private var scratch: [UInt8] = []
    /// How far a quoted field may run before its quote is taken as unterminated.
    private let maxQuotedBytes: Int
    /// How long a record may be before it is skipped rather than held.
    private let maxRecordBytes: Int
    /// Fields kept of one record; the rest are counted (``CSVRow/droppedFields``).
    private let maxFields: Int

    /// - Parameters:
    ///   - skip: bytes to drop first (an Excel `sep=;` line), counted as one record.
    ///   - charset: decode every field with this charset instead of detecting UTF-8 / Windows-1252.
    ///   - limits: the record size (and quoted-field run) and the column count it holds.
    ///   - maxQuotedBytes: overrides the quoted-field run alone (tests).
    public init(input: UnicodeInput, dialect: CSVDialect, file: String, charset: Charset? = nil, skip: Int = 0,
                limits: ReadLimits = .standard, maxQuotedBytes: Int? = nil) throws {
        self.input = input
        self.maxQuotedBytes = maxQuotedBytes ?? limits.lineBytes
        self.maxRecordBytes = limits.lineBytes
        self.maxFields = limits.columns
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

    /// Diagnostics found while reading (encoding notes), drained.
    public mutating func takeDiagnostics() -> [Diagnostic] {
        defer { pendingDiagnostics.removeAll() }
        return pendingDiagnostics
    }

    /// The next record, or nil at the end of the input.
    public mutating func next() throws -> CSVRow? {
        if position >= buffer.count {
            if try !refill() { return nil }
        }
        let startLine = line
        let end = try findRecordEnd()
        var row: CSVRow
        if end.oversized > 0 {
            row = CSVRow(fields: [], line: startLine, number: recordNumber + 1)
            row.oversizedBytes = end.oversized
        } else {
            splitFields(end.contentEnd)
            row = CSVRow(fields: fields, line: startLine, number: recordNumber + 1)
            row.droppedFields = droppedFields
        }
        position = end.next
        line += end.breaks
        literalQuotes.removeAll(keepingCapacity: true)
        rowHadNUL = false
        recordNumber += 1
        row.warnings = rowWarnings
        rowWarnings.removeAll()
        return row
    }

    @inline(__always)
    private func isLiteral(_ index: Int) -> Bool {
        literalQuotes.contains(index)
    }

    /// Where a record ends: its content ends at `contentEnd`, the next record starts at `next`, and
    /// it spans `breaks` line breaks (its own terminator included, if any). `oversized` is its
    /// length when it was too long to hold (its bytes are gone; `contentEnd` means nothing then).
    private struct RecordEnd {
        var contentEnd: Int
        var next: Int
        var breaks: Int
        var oversized = 0
    }

    /// Appends the next chunk after dropping the bytes before `position`; false at the end.
    /// Returns how far the bytes moved in `moved`.
    private mutating func refill(moved: inout Int) throws -> Bool {
        moved = 0
        if exhausted { return false }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            moved = position
            for k in literalQuotes.indices { literalQuotes[k] -= position }
            literalQuotes.removeAll { $0 < 0 }
            position = 0
        }
        if try input.read(into: &buffer) { return true }
        exhausted = true
        return false
    }

    private mutating func refill() throws -> Bool {
        var moved = 0
        return try refill(moved: &moved)
    }

    /// Finds one byte with `memchr` and remembers the answer: the next occurrence found, and how far
    /// none is. Asked again from a later index, it answers without searching the same bytes again
    /// (a record full of quotes would otherwise search the rest of the buffer for a line feed at
    /// every quote).
    private struct ByteFinder {
        let byte: UInt8
        private var known = -1
        private var noneBefore = 0

        init(_ byte: UInt8) { self.byte = byte }

        /// The first index in `from..<end` holding the byte, or `end`.
        mutating func next(_ buffer: [UInt8], from: Int, end: Int) -> Int {
            if known >= from { return known < end ? known : end }
            let start = max(from, noneBefore)
            if start >= end { return end }
            let found = buffer.withUnsafeBufferPointer { p -> Int? in
                guard let hit = memchr(p.baseAddress! + start, Int32(byte), end - start) else { return nil }
                return (p.baseAddress! + start).distance(to: hit.assumingMemoryBound(to: UInt8.self)) + start
            }
            if let found {
                known = found
                return found
            }
            noneBefore = end
            return end
        }

        /// The buffer dropped `moved` bytes from its front.
        mutating func shift(_ moved: Int) {
            known = known >= moved ? known - moved : -1
            noneBefore = max(0, noneBefore - moved)
        }
    }

    /// Finds where the record starting at `position` ends, reading more input as needed.
    private mutating func findRecordEnd() throws -> RecordEnd {
        let delimiter = dialect.delimiter
        var i = position            // relative to the buffer; adjusted after each refill
        var inQuotes = false
        var quoteStart = -1
        var breaks = 0
        var breaksAtQuote = 0
        var lineFeeds = ByteFinder(0x0A), returns = ByteFinder(0x0D), quotes = ByteFinder(0x22)
        /// Bytes of the record dropped by the scan: only once it is surely over `maxRecordBytes`.
        var dropped = 0
        var recordStart = position

        /// More input for the scan in progress; the indices move with the bytes. A record already
        /// longer than the limit is not held: outside quotes everything scanned goes (but the
        /// last byte, which says whether a quote opens a field); inside quotes everything before
        /// the quote goes once that part alone is over the limit (the quote may still turn out
        /// unterminated, and the record then end soon after it: up to the limit before the quote
        /// is kept for that).
        func more() throws -> Bool {
            let keep: Int
            if inQuotes {
                keep = quoteStart - position > maxRecordBytes ? quoteStart : position
            } else {
                keep = i - position > maxRecordBytes ? max(position, i - 1) : position
            }
            if keep > position {
                dropped += keep - position
                position = keep
                recordStart = -1
            }
            var moved = 0
            let got = try refill(moved: &moved)
            i -= moved
            if quoteStart >= 0 { quoteStart -= moved }
            if recordStart >= 0 { recordStart -= moved }
            lineFeeds.shift(moved)
            returns.shift(moved)
            quotes.shift(moved)
            return got
        }

        func ended(_ contentEnd: Int, next: Int, breaks: Int) -> RecordEnd {
            let length = dropped + contentEnd - position
            return RecordEnd(contentEnd: contentEnd, next: next, breaks: breaks,
                             oversized: dropped > 0 || length > maxRecordBytes ? length : 0)
        }

        /// The open quote is text after all: go on right after it, outside quotes.
        func unterminated(_ message: String) {
            rowWarnings.append(Diagnostic(.warning, .csvUnterminatedQuote, message,
                at: SourceLocation(file: file, line: line, record: recordNumber + 1)))
            literalQuotes.append(quoteStart)
            i = quoteStart + 1
            breaks = breaksAtQuote
            inQuotes = false
        }

        while true {
            if i >= buffer.count {
                if try !more() {
                    if inQuotes {
                        unterminated("quoted field is never closed; its quote is read as text")
                        continue
                    }
                    return ended(buffer.count, next: buffer.count, breaks: breaks)
                }
                continue
            }
            if !inQuotes {
                // Jump to the next line feed, carriage return or quote.
                let count = buffer.count
                var next = lineFeeds.next(buffer, from: i, end: count)
                next = quotes.next(buffer, from: i, end: next)
                next = returns.next(buffer, from: i, end: next)
                if next >= count {
                    i = count
                    continue
                }
                let b = buffer[next]
                if b == 0x0A {
                    return ended(next, next: next + 1, breaks: breaks + 1)
                }
                if b == 0x0D {
                    i = next
                    if i + 1 >= buffer.count && !exhausted {
                        _ = try more()
                    }
                    let after = i + 1 < buffer.count && buffer[i + 1] == 0x0A ? i + 2 : i + 1
                    return ended(i, next: after, breaks: breaks + 1)
                }
                // A quote opens a quoted field only at the start of a field.
                let atFieldStart = next == recordStart || (next > 0 && buffer[next - 1] == delimiter)
                if atFieldStart && !isLiteral(next) {
                    inQuotes = true
                    quoteStart = next
                    breaksAtQuote = breaks
                }
                i = next + 1
                continue
            }
            // Inside quotes: look for the next quote; count line breaks on the way.
            if i - quoteStart > maxQuotedBytes {
                unterminated("quoted field runs over \(ReadLimits.describe(bytes: maxQuotedBytes)) without closing (--max-line-bytes); its quote is read as text")
                continue
            }
            let b = buffer[i]
            if b == UInt8(ascii: "\"") {
                if i + 1 >= buffer.count && !exhausted {
                    _ = try more()
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
                    _ = try more()
                    continue
                }
                if !(i + 1 < buffer.count && buffer[i + 1] == 0x0A) { breaks += 1 }
            }
            i += 1
        }
    }

    /// Splits `buffer[position..<end]` into `fields`.
    private mutating func splitFields(_ end: Int) {
        fields.removeAll(keepingCapacity: true)
        droppedFields = 0
        // One search a record rather than one a field: NUL bytes are rare.
        recordHasNUL = end > position && buffer.withUnsafeBufferPointer { memchr($0.baseAddress! + position, 0, end - position) != nil }
        let delimiter = dialect.delimiter
        var i = position
        while true {
            if fields.count == maxFields {
                // Past the column limit: count the fields left (quote-aware, as the scan was), keep none.
                // The same rule as the scan: a quote opens a field only at its start.
                var inQuotes = false
                droppedFields = 1
                var k = i
                while k < end {
                    let b = buffer[k]
                    if inQuotes {
                        if b == UInt8(ascii: "\"") {
                            if k + 1 < end && buffer[k + 1] == UInt8(ascii: "\"") { k += 1 } else { inQuotes = false }
                        }
                    } else if b == delimiter {
                        droppedFields += 1
                    } else if b == UInt8(ascii: "\""), k == i || buffer[k - 1] == delimiter, !isLiteral(k) {
                        inQuotes = true
                    }
                    k += 1
                }
                return
            }
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

    @inline(__always)
    private mutating func decode(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.isEmpty { return "" }
        if recordHasNUL { return decodeRemovingNUL(bytes) }
        return decodeText(bytes)
    }

    /// NUL ends strings in C programs and spreadsheets: removed, and said once for the row. Kept
    /// out of ``decode(_:)`` so that stays small enough to inline.
    @inline(never)
    private mutating func decodeRemovingNUL(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.withUnsafeBufferPointer({ memchr($0.baseAddress!, 0, $0.count) != nil }) else { return decodeText(bytes) }
        if !rowHadNUL {
            rowHadNUL = true
            rowWarnings.append(Diagnostic(.warning, .encodingNulBytes, "NUL bytes in the row; removed",
                                          at: SourceLocation(file: file, line: line, record: recordNumber + 1)))
        }
        let kept = bytes.filter { $0 != 0 }
        return kept.isEmpty ? "" : decodeText(kept[...])
    }

    private mutating func decodeText(_ bytes: ArraySlice<UInt8>) -> String {
        let result = bytes.withUnsafeBufferPointer { TextDecoding.decode($0, charset: charset) }
        if result.usedFallback && !reportedFallback {
            reportedFallback = true
            pendingDiagnostics.append(Diagnostic(.note, .encodingFallback, "text is not UTF-8; read as Windows-1252",
                                                 at: SourceLocation(file: file, line: line)))
        }
        return result.text
    }
}

import CardModel
#if canImport(Glibc)
import Glibc
#endif

/// Reads vCard 2.1, 3.0 and 4.0 cards one at a time from a byte stream.
///
/// Streaming and byte-level: lines are unfolded on bytes, values decoded per property, and only
/// one card is held in memory. Nothing is dropped silently: a bad line is a warning and the card is
/// kept; a card without `END:VCARD` ends at the next `BEGIN` (or the end of the file) with a warning;
/// properties that can't be understood are kept raw. Like a cursor, ``next()`` is single-pass.
public struct VCardReader: ContactReader {
    /// The path as given on the command line, for diagnostics and sources.
    public let file: String
    private var lines: VCardLineReader
    private var line: [UInt8] = []
    private var fileDiagnostics: [Diagnostic] = []
    private var recordCount = 0
    /// A `BEGIN:VCARD` seen while a card was still open; it starts the next card.
    private var pendingBeginLine: Int?
    private var reportedFallback = false
    private var lastOutsideLine = -2
    /// Warnings about a `BEGIN:VCARD` line, held until the card it opens has its record number.
    private var pendingWarnings: [Diagnostic] = []

    /// Set for a block of a larger input that more cards follow (``ParallelVCardReader``): a card
    /// still open at the end then ends "where the next card begins", as in one sequential read.
    var inputContinues = false

    /// Physical lines consumed so far.
    var linesRead: Int { lines.nextLineNumber - 1 }

    /// How long a property line may be (``ReadLimits``).
    public let limits: ReadLimits

    /// Creates a reader over decoded input; `file` names it in diagnostics and sources.
    public init(input: UnicodeInput, file: String, limits: ReadLimits = .standard) {
        self.file = file
        self.limits = limits
        self.lines = VCardLineReader(input: input, cap: max(limits.lineBytes, limits.photoBytes) + 1)
    }

    /// Diagnostics about the file rather than a card (text outside cards, the Windows-1252 note), drained.
    public mutating func takeFileDiagnostics() -> [Diagnostic] {
        defer { fileDiagnostics.removeAll() }
        return fileDiagnostics
    }

    /// The next card, or nil at the end of the input; a card left open ends at the next `BEGIN:VCARD`.
    public mutating func next() throws -> ReadRecord? {
        var card: VCardCardBuilder?
        if let begin = pendingBeginLine {
            pendingBeginLine = nil
            card = openCard(at: begin)
        }
        while let lineNumber = try lines.next(into: &line) {
            let boundary = lines.overflow == 0 && line.count <= 64 ? VCardBoundary.match(line) : nil
            if let boundary, boundary.nonstandard {
                // Said on the card it opens or closes (outside a card, `outside` speaks instead).
                let warning = Diagnostic(.warning, .vcardNonstandardBoundary,
                    "\(boundary.boundary == .begin ? "BEGIN" : "END"):VCARD with a group or leading blanks; read as the card's \(boundary.boundary == .begin ? "start" : "end")",
                    at: SourceLocation(file: file, line: lineNumber, record: card?.context.record))
                if boundary.boundary == .begin { pendingWarnings.append(warning) } else if card != nil { card!.context.diagnostics.append(warning) }
            }
            if boundary?.boundary == .begin {
                if card != nil {
                    card!.context.warn(.vcardMissingEnd, Self.missingEndBeforeNextCard, line: card!.beginLine)
                    pendingBeginLine = lineNumber
                    return finish(&card!)
                }
                card = openCard(at: lineNumber)
                continue
            }
            if boundary?.boundary == .end {
                if card != nil { return finish(&card!) }
                outside(lineNumber)
                continue
            }
            guard card != nil else {
                if lines.overflow > 0 || !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { outside(lineNumber) }
                continue
            }
            // A line that starts with blanks after a blank line or a boundary is not a fold.
            if let first = line.first, first == 0x20 || first == 0x09 {
                let blanks = line.prefix(while: { $0 == 0x20 || $0 == 0x09 }).count
                line.removeFirst(blanks)
            }
            if Self.containsNUL(line) {
                line.removeAll { $0 == 0 }
                card!.context.warn(.encodingNulBytes, "NUL bytes in the line; removed", line: lineNumber)
            }
            if let size = oversize() {
                card!.context.warn(.limitPropertyTooLarge,
                    "property line is \(size.bytes) bytes, over the \(ReadLimits.describe(bytes: size.limit)) limit (\(size.option)); skipped",
                    line: lineNumber)
                card!.oversizedProperties += 1
                continue
            }
            do {
                let parsed = try VCardContentLine.parse(line, lineNumber: lineNumber)
                if parsed.usedFallback && !reportedFallback {
                    reportedFallback = true
                    fileDiagnostics.append(Diagnostic(.note, .encodingFallback,
                        "text is not UTF-8; read as Windows-1252", at: SourceLocation(file: file, line: lineNumber)))
                }
                if let charset = parsed.unknownCharset {
                    card!.context.warn(.vcardUnknownCharset, "unknown CHARSET; read as UTF-8 or Windows-1252",
                                       line: lineNumber, detail: charset)
                }
                if parsed.repairedUTF8 {
                    card!.context.warn(.encodingInvalid, "value declared UTF-8 is not; bad bytes replaced with U+FFFD",
                                       line: lineNumber)
                }
                if parsed.badQuotedPrintable {
                    card!.context.warn(.vcardQuotedPrintable, "malformed quoted-printable; kept literally",
                                       line: lineNumber)
                }
                card!.add(parsed.property)
            } catch {
                card!.malformedLines += 1
                card!.context.warn(.vcardMalformedLine, "line is not a property (no name and colon); skipped",
                                   line: lineNumber, detail: TextDecoding.decode(line).text)
            }
        }
        guard card != nil else { return nil }
        if inputContinues {
            card!.context.warn(.vcardMissingEnd, Self.missingEndBeforeNextCard, line: card!.beginLine)
        } else {
            card!.context.warn(.vcardMissingEnd, "file ends inside a card (no END:VCARD)", line: card!.beginLine)
        }
        return finish(&card!)
    }

    /// The current line's size and limit when it is over its limit: photos, logos, sounds and
    /// keys have a limit of their own.
    private func oversize() -> (bytes: Int, limit: Int, option: String)? {
        let bytes = line.count + lines.overflow
        guard bytes > min(limits.lineBytes, limits.photoBytes) else { return nil }
        let kind = line.withUnsafeBufferPointer { p -> VCardPropertyKind in
            var i = 0, group = -1
            while i < p.count && p[i] != UInt8(ascii: ";") && p[i] != UInt8(ascii: ":") {
                if p[i] == UInt8(ascii: ".") { group = i }
                i += 1
            }
            return VCardPropertyKind.classify(p, group + 1, i)
        }
        let binary = kind == .photo || kind == .logo || kind == .sound || kind == .key
        let limit = binary ? limits.photoBytes : limits.lineBytes
        guard bytes > limit else { return nil }
        return (bytes, limit, binary ? "--max-photo-bytes" : "--max-line-bytes")
    }

    static func containsNUL(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in p.count > 0 && memchr(p.baseAddress!, 0, p.count) != nil }
    }

    static let missingEndBeforeNextCard = "card has no END:VCARD; it ends where the next card begins"

    private mutating func openCard(at line: Int) -> VCardCardBuilder {
        recordCount += 1
        var card = VCardCardBuilder(beginLine: line, file: file, record: recordCount)
        for var warning in pendingWarnings {
            warning.location.record = recordCount
            card.context.diagnostics.append(warning)
        }
        pendingWarnings.removeAll()
        return card
    }

    private mutating func outside(_ lineNumber: Int) {
        // One warning per run of stray lines.
        if lineNumber != lastOutsideLine + 1 {
            fileDiagnostics.append(Diagnostic(.warning, .vcardOutsideCard,
                "text outside BEGIN:VCARD … END:VCARD; ignored", at: SourceLocation(file: file, line: lineNumber),
                detail: TextDecoding.decode(line).text))
        }
        lastOutsideLine = lineNumber
    }

    private func finish(_ card: inout VCardCardBuilder) -> ReadRecord {
        let record = card.context.record
        let location = SourceLocation(file: file, line: card.beginLine, record: record)
        let source = SourceReference(file: file, record: record, line: card.beginLine, format: .vcard)
        if card.propertyCount == 0 {
            if card.malformedLines > 0 || card.oversizedProperties > 0 {
                card.context.diagnostics.append(Diagnostic(.error, .vcardNoProperties,
                    "card has no readable property; rejected", at: location))
                return ReadRecord(contact: nil, diagnostics: card.context.diagnostics, outcome: .rejected, source: source)
            }
            card.context.diagnostics.append(Diagnostic(.warning, .vcardEmptyCard, "empty card; skipped", at: location))
            return ReadRecord(contact: nil, diagnostics: card.context.diagnostics, outcome: .skipped, source: source)
        }
        // The contact goes straight into the record (a local copy would be copied again, field by field).
        var read = ReadRecord(contact: nil, diagnostics: [], outcome: .ok, source: source)
        read.contact = card.finish()
        read.contact!.source = source
        read.diagnostics = card.context.diagnostics
        if read.diagnostics.contains(where: { $0.severity >= .warning }) { read.outcome = .withWarnings }
        return read
    }
}

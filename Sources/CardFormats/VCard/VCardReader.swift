import CardModel

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

    /// Set for a block of a larger input that more cards follow (``ParallelVCardReader``): a card
    /// still open at the end then ends "where the next card begins", as in one sequential read.
    var inputContinues = false

    /// Physical lines consumed so far.
    var linesRead: Int { lines.nextLineNumber - 1 }

    /// Creates a reader over decoded input; `file` names it in diagnostics and sources.
    public init(input: UnicodeInput, file: String) {
        self.file = file
        self.lines = VCardLineReader(input: input)
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
            if Self.matches(line, "BEGIN:VCARD") {
                if card != nil {
                    card!.context.warn(.vcardMissingEnd, Self.missingEndBeforeNextCard, line: card!.beginLine)
                    pendingBeginLine = lineNumber
                    return finish(&card!)
                }
                card = openCard(at: lineNumber)
                continue
            }
            if Self.matches(line, "END:VCARD") {
                if card != nil { return finish(&card!) }
                outside(lineNumber)
                continue
            }
            guard card != nil else {
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { outside(lineNumber) }
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

    static let missingEndBeforeNextCard = "card has no END:VCARD; it ends where the next card begins"

    private mutating func openCard(at line: Int) -> VCardCardBuilder {
        recordCount += 1
        return VCardCardBuilder(beginLine: line, file: file, record: recordCount)
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
            if card.malformedLines > 0 {
                card.context.diagnostics.append(Diagnostic(.error, .vcardNoProperties,
                    "card has no readable property; rejected", at: location))
                return ReadRecord(contact: nil, diagnostics: card.context.diagnostics, outcome: .rejected, source: source)
            }
            card.context.diagnostics.append(Diagnostic(.warning, .vcardEmptyCard, "empty card; skipped", at: location))
            return ReadRecord(contact: nil, diagnostics: card.context.diagnostics, outcome: .skipped, source: source)
        }
        var contact = card.finish()
        contact.source = source
        let diagnostics = card.context.diagnostics
        let warned = diagnostics.contains { $0.severity >= .warning }
        return ReadRecord(contact: contact, diagnostics: diagnostics, outcome: warned ? .withWarnings : .ok, source: source)
    }

    /// Case-insensitive match of a whole line against an ASCII keyword, ignoring trailing blanks.
    private static func matches(_ line: [UInt8], _ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard line.count >= count else { return false }
        for i in count..<line.count where line[i] != 0x20 && line[i] != 0x09 { return false }
        let k = keyword.utf8Start
        for i in 0..<count where line[i] & 0xDF != k[i] & 0xDF {
            // ':' (0x3A) & 0xDF == 0x1A on both sides, so the mask is safe for these keywords.
            return false
        }
        return true
    }
}

/// Stable, dotted identifiers for diagnostics. Tests and scripts match on these, never on wording,
/// so a code is never renamed once released; docs/commands.md lists them.
public struct DiagnosticCode: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The dotted code as printed (`vcard.missing-end`).
    public var rawValue: String
    /// Creates a code from its dotted text.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Lets a code be written as a string literal (`"csv.bad-date"`).
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

extension DiagnosticCode {
    // Inputs as a whole
    /// The file cannot be opened or read.
    public static let inputUnreadable: Self = "input.unreadable"
    /// The input has no bytes (or only a BOM or blanks).
    public static let inputEmpty: Self = "input.empty"
    /// Not vCard, CSV or HTML (`--from` forces a format).
    public static let inputUnknownFormat: Self = "input.unknown-format"
    /// Bytes that are not UTF-8 were read as Windows-1252 (noted once per file).
    public static let encodingFallback: Self = "encoding.cp1252-fallback"
    /// A value declared UTF-8 was not; its bad bytes became U+FFFD.
    public static let encodingInvalid: Self = "encoding.invalid"

    // vCard
    /// A card without `END:VCARD` (it ends at the next `BEGIN` or the end of the file).
    public static let vcardMissingEnd: Self = "vcard.missing-end"
    /// Text outside `BEGIN:VCARD … END:VCARD` (ignored).
    public static let vcardOutsideCard: Self = "vcard.outside-card"
    /// A line in a card that is not a property (skipped; the card is kept).
    public static let vcardMalformedLine: Self = "vcard.malformed-line"
    /// No `VERSION`, or an unknown one (read as 3.0).
    public static let vcardUnknownVersion: Self = "vcard.unknown-version"
    /// Malformed quoted-printable (kept literally).
    public static let vcardQuotedPrintable: Self = "vcard.qp-decode-failed"
    /// An inline photo, logo, sound or key that is not base64 (kept raw).
    public static let vcardBase64: Self = "vcard.base64-decode-failed"
    /// A `CHARSET=` cardtool does not know (read as UTF-8 or Windows-1252).
    public static let vcardUnknownCharset: Self = "vcard.unknown-charset"
    /// A `BDAY` that is not a date (kept raw).
    public static let vcardBadDate: Self = "vcard.bad-date"
    /// A card with nothing in it (skipped).
    public static let vcardEmptyCard: Self = "vcard.empty-card"
    /// A card whose every line is malformed (rejected).
    public static let vcardNoProperties: Self = "vcard.no-properties"

    // Normalization
    /// libphonenumber finds no valid number in the region used (kept as written, without `e164`).
    public static let phoneInvalid: Self = "phone.invalid"
    /// An e-mail address that is not `local@domain.tld` (kept as written).
    public static let emailInvalid: Self = "email.invalid"
    /// An e-mail address found in the name or the note, added to the e-mails.
    public static let emailMoved: Self = "email.moved"

    // HTML
    /// A page with no h-card, LinkedIn profile links or contact table.
    public static let htmlNoContacts: Self = "html.no-contacts"
    /// A LinkedIn profile shown without a name ("LinkedIn Member"), kept with its link.
    public static let htmlHiddenMember: Self = "html.hidden-member"

    // CSV
    /// A quote that never closes: read as text, and the following rows are still read.
    public static let csvUnterminatedQuote: Self = "csv.unterminated-quote"
    /// Text after a closing quote, kept in the field.
    public static let csvStrayQuote: Self = "csv.stray-quote"
    /// A row with fewer or more fields than the header (read as far as it goes; extra cells kept).
    public static let csvRaggedRow: Self = "csv.ragged-row"
    /// A row with no name, e-mail, phone or organization (skipped).
    public static let csvEmptyRow: Self = "csv.empty-row"
    /// Lines before the header row, skipped (LinkedIn's `Notes:`).
    public static let csvPreamble: Self = "csv.preamble"
    /// No known column names: the first row is the header, and every column is kept as an extra.
    public static let csvUnknownHeader: Self = "csv.unknown-header"
    /// A column whose header no table knows, read by what its values are (e-mails, phones, URLs).
    public static let csvColumnByContent: Self = "csv.column-by-content"
    /// A column named as an identity document's number (`DNI`, `national_id`), compared when deduplicating.
    public static let csvIdentityColumn: Self = "csv.identity-column"
    /// A whole row wrapped in one quoted field (Excel damage), read as a row.
    public static let csvRowInOneField: Self = "csv.row-in-one-field"
    /// A date column that is not a date (kept as an extra).
    public static let csvBadDate: Self = "csv.bad-date"
    /// An Outlook Exchange (`EX`) X.500 address, kept as an extra, not as an e-mail.
    public static let csvExchangeAddress: Self = "csv.exchange-address"
    /// Values the chosen CSV layout has no column for (a fourth e-mail).
    public static let csvExportOverflow: Self = "csv.export-overflow"
}

extension DiagnosticCode {
    // Limits (cardtool's own, each raised by an option)
    /// A vCard property line over `--max-line-bytes` (or `--max-photo-bytes` for a photo): skipped, the card kept.
    public static let limitPropertyTooLarge: Self = "limit.property-too-large"
    /// A CSV record over `--max-line-bytes`: rejected, and reading goes on at the next record.
    public static let limitRecordTooLarge: Self = "limit.record-too-large"
    /// More CSV columns than `--max-columns`: the cells past the limit are not read.
    public static let limitTooManyColumns: Self = "limit.too-many-columns"
    /// HTML nested deeper than `--max-depth`: elements below that depth are not searched for contacts.
    public static let limitTooDeep: Self = "limit.too-deep"

    // vCard quirks read anyway
    /// `BEGIN:VCARD` or `END:VCARD` with a group (`item1.BEGIN:VCARD`) or leading blanks: read as the boundary.
    public static let vcardNonstandardBoundary: Self = "vcard.nonstandard-boundary"
    /// NUL bytes in a text value: removed (they end strings in C programs and spreadsheets).
    public static let encodingNulBytes: Self = "encoding.nul-bytes"
    /// A file whose first bytes are mostly NUL or other control bytes: not a contact file.
    public static let inputBinary: Self = "input.binary"
}

extension DiagnosticCode {
    // The event book
    /// A record the book already has (the same contact met at the same event): skipped (audit ledger reason).
    public static let bookAlreadyInBook: Self = "book.already-in-book"
}

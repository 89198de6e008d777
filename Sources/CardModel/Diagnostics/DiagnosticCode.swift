/// Stable, dotted identifiers for diagnostics. Tests and scripts match on these, never on wording,
/// so a code is never renamed once released; the README lists them.
public struct DiagnosticCode: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

extension DiagnosticCode {
    // Inputs as a whole
    public static let inputUnreadable: Self = "input.unreadable"
    public static let inputEmpty: Self = "input.empty"
    public static let inputUnknownFormat: Self = "input.unknown-format"
    public static let encodingFallback: Self = "encoding.cp1252-fallback"
    public static let encodingInvalid: Self = "encoding.invalid"

    // vCard
    public static let vcardMissingEnd: Self = "vcard.missing-end"
    public static let vcardOutsideCard: Self = "vcard.outside-card"
    public static let vcardMalformedLine: Self = "vcard.malformed-line"
    public static let vcardUnknownVersion: Self = "vcard.unknown-version"
    public static let vcardQuotedPrintable: Self = "vcard.qp-decode-failed"
    public static let vcardBase64: Self = "vcard.base64-decode-failed"
    public static let vcardUnknownCharset: Self = "vcard.unknown-charset"
    public static let vcardBadDate: Self = "vcard.bad-date"
    public static let vcardEmptyCard: Self = "vcard.empty-card"
    public static let vcardNoProperties: Self = "vcard.no-properties"
    public static let vcardDuplicateProperty: Self = "vcard.duplicate-property"

    // Normalization
    public static let phoneInvalid: Self = "phone.invalid"
    public static let emailInvalid: Self = "email.invalid"
    public static let emailMoved: Self = "email.moved"

    // HTML
    public static let htmlNoContacts: Self = "html.no-contacts"
    public static let htmlHiddenMember: Self = "html.hidden-member"

    // CSV
    public static let csvUnterminatedQuote: Self = "csv.unterminated-quote"
    public static let csvStrayQuote: Self = "csv.stray-quote"
    public static let csvRaggedRow: Self = "csv.ragged-row"
    public static let csvEmptyRow: Self = "csv.empty-row"
    public static let csvPreamble: Self = "csv.preamble"
    public static let csvUnknownHeader: Self = "csv.unknown-header"
    public static let csvRowInOneField: Self = "csv.row-in-one-field"
    public static let csvBadDate: Self = "csv.bad-date"
    public static let csvExchangeAddress: Self = "csv.exchange-address"
    public static let csvNoHeader: Self = "csv.no-header"
    public static let csvExportOverflow: Self = "csv.export-overflow"
    public static let csvUnknownMapping: Self = "csv.unknown-mapping"
}

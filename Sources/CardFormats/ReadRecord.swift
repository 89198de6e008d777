import CardModel

/// One record read from an input: a contact (unless skipped or rejected) and its diagnostics.
public struct ReadRecord: Sendable {
    /// How reading a record ended; the summary counts records by outcome.
    public enum Outcome: String, Sendable {
        case ok
        case withWarnings = "with warnings"
        /// Nothing to import (an empty card, an empty row), reported with a warning.
        case skipped
        /// The record could not be read, reported with an error.
        case rejected
    }

    /// The contact read, or `nil` when the record was skipped or rejected.
    public var contact: Contact?
    /// The problems found in this record, in the order found.
    public var diagnostics: [Diagnostic]
    /// How reading the record ended.
    public var outcome: Outcome
    /// Where the record is, also when it yielded no contact.
    public var source: SourceReference

    /// Creates a record from its parts.
    public init(contact: Contact?, diagnostics: [Diagnostic], outcome: Outcome, source: SourceReference) {
        self.contact = contact
        self.diagnostics = diagnostics
        self.outcome = outcome
        self.source = source
    }
}

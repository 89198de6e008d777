import CardModel

/// One record read from an input: a contact (unless skipped or rejected) and its diagnostics.
public struct ReadRecord: Sendable {
    public enum Outcome: String, Sendable {
        case ok
        case withWarnings = "with warnings"
        /// Nothing to import (an empty card, an empty row), reported with a warning.
        case skipped
        /// The record could not be read, reported with an error.
        case rejected
    }

    public var contact: Contact?
    public var diagnostics: [Diagnostic]
    public var outcome: Outcome
    public var source: SourceReference

    public init(contact: Contact?, diagnostics: [Diagnostic], outcome: Outcome, source: SourceReference) {
        self.contact = contact
        self.diagnostics = diagnostics
        self.outcome = outcome
        self.source = source
    }
}

import CardModel

/// Reads one kind of vCard property into the model and writes it back, per version.
///
/// One scribe per property (after ez-vcard's scribes): a scribe knows its property's value type and
/// escapes in every version, so the reader and writer stay generic. Properties without a scribe, and
/// properties a scribe declines, are kept raw in ``Contact/extras``.
protocol VCardPropertyScribe: Sendable {
    /// Upper-cased names this scribe reads.
    var propertyNames: [String] { get }
    /// Reads the property into `contact`; returns false to keep it raw instead (for example a second
    /// value of a single-valued field, or a value that could not be parsed, with a diagnostic).
    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool
    func write(_ contact: Contact, to emitter: inout VCardLineEmitter)
}

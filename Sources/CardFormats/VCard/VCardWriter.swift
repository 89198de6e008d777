import CardModel

/// Writes contacts as vCard 3.0 (the default; what most importers expect) or 4.0.
///
/// Properties cardtool does not model come back from ``Contact/extras`` verbatim, so a card read
/// and written again keeps its `X-` properties, labels and photos.
public struct VCardWriter: Sendable {
    /// The vCard version written: 3.0 or 4.0.
    public let version: VCardVersion
    private var emitter: VCardLineEmitter

    /// - Precondition: `version` is 3.0 or 4.0.
    public init(version: VCardVersion = .v3_0) {
        precondition(VCardVersion.writable.contains(version), "cardtool writes vCard 3.0 and 4.0")
        self.version = version
        self.emitter = VCardLineEmitter(version: version)
    }

    /// Appends one card to the pending output.
    public mutating func write(_ contact: Contact) {
        emitter.beginCard(contact)
        for scribe in VCardScribes.all {
            scribe.write(contact, to: &emitter)
        }
        for raw in contact.extras {
            // Raw values from vCard keep their escapes; values from CSV cells may hold line breaks,
            // which must not break the line.
            let value = VCardValueCoding.escapeNewlines(VCardValueCoding.normalizeNewlines(raw.value))
            if CSVFieldScribe.isValidName(raw.name) {
                emitter.emit(group: raw.group, raw.name, parameters: raw.parameters, value: value)
            } else {
                // A CSV column name: keep it as a parameter of cardtool's own property.
                emitter.emit(group: raw.group, "X-CARDTOOL-FIELD",
                             parameters: [.init(name: "NAME", values: [raw.name])] + raw.parameters,
                             value: VCardValueCoding.escape(raw.value))
            }
        }
        emitter.endCard()
    }

    /// Hands over the bytes written so far and starts a new buffer (for streaming to a file).
    public mutating func takeOutput() -> [UInt8] {
        defer { emitter.output.removeAll(keepingCapacity: true) }
        return emitter.output
    }

    /// Convenience: all cards as one string.
    public static func string(for contacts: [Contact], version: VCardVersion = .v3_0) -> String {
        var writer = VCardWriter(version: version)
        for contact in contacts { writer.write(contact) }
        return String(decoding: writer.takeOutput(), as: UTF8.self)
    }
}

/// Writes contacts as vCard 3.0 (the default; what most importers expect) or 4.0.
///
/// Properties cardtool does not model come back from ``Contact/extras`` verbatim, so a card read
/// and written again keeps its `X-` properties, labels and photos.
public struct VCardWriter {
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
            emitter.emit(group: raw.group, raw.name, parameters: raw.parameters, value: raw.value)
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

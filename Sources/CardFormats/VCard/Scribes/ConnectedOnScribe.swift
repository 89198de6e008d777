import CardModel

/// `X-CARDTOOL-CONNECTED-ON`: when the connection was made (LinkedIn's `Connected On`).
struct ConnectedOnScribe: VCardPropertyScribe {
    let propertyNames = ["X-CARDTOOL-CONNECTED-ON"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        guard contact.connectedOn == nil, let date = PartialDate(iso8601: property.text(context.version)) else { return false }
        contact.connectedOn = date
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        guard let date = contact.connectedOn else { return }
        emitter.emit("X-CARDTOOL-CONNECTED-ON", value: date.iso8601)
    }
}

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

/// `X-CARDTOOL-MET;DATE=2024-03-14:Networking Tech Madrid`: an event where the person was met.
struct MetEventScribe: VCardPropertyScribe {
    let propertyNames = ["X-CARDTOOL-MET"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        let name = property.text(context.version)
        var date: PartialDate?
        if let text = property.parameter("DATE") {
            guard let parsed = PartialDate(iso8601: text) else { return false }
            date = parsed
        }
        contact.events.append(MetEvent(name: name.isEmpty ? nil : name, date: date))
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        for event in contact.events {
            let parameters: [RawProperty.Parameter] = event.date.map { [.init(name: "DATE", values: [$0.iso8601])] } ?? []
            emitter.emit("X-CARDTOOL-MET", parameters: parameters, value: VCardValueCoding.escape(event.name ?? ""))
        }
    }
}

/// `X-CARDTOOL-FIELD;NAME="Stand":A12`: an extra whose name is not a valid vCard property name (a
/// CSV column such as `Color favorito`), written so that reading gives the same extra back.
struct CSVFieldScribe: VCardPropertyScribe {
    let propertyNames = ["X-CARDTOOL-FIELD"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        guard let name = property.parameter("NAME") else { return false }
        let parameters = property.parameters.filter { $0.name?.equalsIgnoringASCIICase("NAME") != true }
        contact.extras.append(RawProperty(group: property.group, name: name, parameters: parameters,
                                          value: property.text(context.version, trim: false)))
        return true
    }

    /// Written by the writer's extras loop (see ``VCardWriter``), not here.
    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {}

    /// Whether `name` can be written as a property name as it is.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-")
        }
    }
}

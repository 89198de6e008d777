import CardModel

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

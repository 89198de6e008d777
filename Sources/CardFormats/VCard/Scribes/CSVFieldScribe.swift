import CardModel

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

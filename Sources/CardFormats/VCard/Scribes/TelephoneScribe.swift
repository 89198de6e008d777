import CardModel

/// `TEL`: text in 2.1 and 3.0, a `tel:` URI in 4.0 (`VALUE=uri`), whose `;ext=` is kept.
struct TelephoneScribe: VCardPropertyScribe {
    let propertyNames = ["TEL"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        let (types, pref) = (property.types, property.pref)
        var text = property.text(context.version)
        var ext: String?
        if text.hasPrefixIgnoringASCIICase("tel:") {
            let parts = text.dropFirst(4).split(separator: ";", omittingEmptySubsequences: false)
            text = (parts.first.map(String.init) ?? "").removingPercentEncodingLeniently
            for parameter in parts.dropFirst() where String(parameter).hasPrefixIgnoringASCIICase("ext=") {
                ext = String(parameter.dropFirst(4)).removingPercentEncodingLeniently
            }
        }
        guard !text.isEmpty || ext != nil else { return true }
        contact.phones.append(Phone(value: text, types: types, pref: pref, ext: ext, group: property.group))
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        for phone in contact.phones {
            var parameters = emitter.typeParameters(phone.types, pref: phone.pref)
            // E.164 when normalization found the number valid: any phone dials it, wherever it is.
            let number = phone.written
            let uriSafe = number.unicodeScalars.allSatisfy { Self.uriSafe.contains($0) }
            let asURI = phone.ext != nil || (emitter.version == .v4_0 && uriSafe)
            var value: String
            if asURI {
                parameters.insert(.init(name: "VALUE", values: ["uri"]), at: 0)
                value = "tel:" + Self.percentEncode(number)
                if let ext = phone.ext { value += ";ext=" + Self.percentEncode(ext) }
            } else {
                if emitter.version == .v4_0 { parameters.insert(.init(name: "VALUE", values: ["text"]), at: 0) }
                value = VCardValueCoding.escape(number)
            }
            emitter.emitLabelled(group: phone.group, name: "TEL", parameters: parameters, value: value, label: phone.label)
        }
    }

    private static let uriSafe = Set("0123456789+-.()*#".unicodeScalars)

    private static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, uriSafe.contains(scalar) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}

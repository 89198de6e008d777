/// One content line, split into group, name, parameters and a decoded value.
///
/// The value is text after quoted-printable and charset decoding but before vCard escapes are
/// undone, because escapes depend on the card's version, which is only certain at `END:VCARD`.
struct VCardProperty {
    var group: String?
    /// The name as written; compare with ``upperName``.
    var name: String
    var upperName: String
    var parameters: [RawProperty.Parameter]
    var value: String
    /// The value was base64 in the source (`ENCODING=b` / `BASE64`).
    var isBase64: Bool
    /// The value was quoted-printable in the source.
    var wasQuotedPrintable: Bool
    var line: Int

    /// Values of every `TYPE` parameter plus 2.1 bare parameters, lower-cased, in order.
    var types: [String] {
        var result: [String] = []
        for p in parameters {
            guard p.name == nil || p.name!.uppercased() == "TYPE" else { continue }
            for v in p.values {
                for part in v.split(separator: ",") where !part.isEmpty {
                    result.append(part.lowercased())
                }
            }
        }
        return result
    }

    /// The first value of a named parameter (case-insensitive).
    func parameter(_ name: String) -> String? {
        for p in parameters where p.name?.uppercased() == name { return p.values.first ?? "" }
        return nil
    }

    /// Types with "pref" taken out, and the preference from `PREF=` or a `pref` type.
    var typesAndPref: (types: [String], pref: Int?) {
        var t = types
        var pref = parameter("PREF").flatMap { Int($0) }
        if let i = t.firstIndex(of: "pref") {
            t.removeAll { $0 == "pref" }
            pref = pref ?? 1
            _ = i
        }
        return (t, pref)
    }

    /// This property as a raw property, with 2.1 bare parameters turned into `TYPE=` and transfer
    /// encodings dropped (the value is already decoded), so it writes back validly in 3.0 and 4.0.
    var raw: RawProperty {
        var params: [RawProperty.Parameter] = []
        for p in parameters {
            if let n = p.name {
                switch n.uppercased() {
                case "CHARSET": continue
                case "ENCODING":
                    if isBase64 { params.append(.init(name: n, values: ["b"])) }
                    continue
                default: params.append(p)
                }
            } else {
                params.append(.init(name: "TYPE", values: p.values))
            }
        }
        var text = value
        if wasQuotedPrintable { text = VCardValueCoding.escapeNewlines(text) }
        return RawProperty(group: group, name: name, parameters: params, value: text)
    }
}

import CardModel

/// One content line, split into group, name, parameters and a decoded value.
///
/// The value is text after quoted-printable and charset decoding but before vCard escapes are
/// undone, because escapes depend on the card's version, which is only certain at `END:VCARD`.
struct VCardProperty {
    let group: String?
    /// The name as written (case kept, for raw properties).
    let name: String
    let kind: VCardPropertyKind
    /// The parameter section as written (from the first `;` to the colon), parsed on demand. A slice
    /// of the line buffer, so the common case (property consumed before the next line) copies nothing.
    let parameterBytes: ArraySlice<UInt8>
    /// The value's bytes, valid UTF-8 (a slice of the line buffer unless decoding had to copy).
    let valueBytes: ArraySlice<UInt8>
    /// Values of every `TYPE` parameter plus 2.1 bare parameters, lower-cased, without "pref".
    let types: [String]
    /// From `PREF=n`, or 1 for a `pref` type (2.1, 3.0).
    let pref: Int?
    /// `VALUE=` lower-cased (`uri`, `text`, `date`), when given.
    let valueType: String?
    /// The value was base64 in the source (`ENCODING=b` / `BASE64`).
    let isBase64: Bool
    /// The value was quoted-printable in the source.
    let wasQuotedPrintable: Bool
    let line: Int

    init(group: String?, name: String, kind: VCardPropertyKind, parameterBytes: ArraySlice<UInt8>, valueBytes: ArraySlice<UInt8>, types: [String],
         pref: Int?, valueType: String?, isBase64: Bool, wasQuotedPrintable: Bool, line: Int) {
        self.group = group
        self.name = name
        self.kind = kind
        self.parameterBytes = parameterBytes
        self.valueBytes = valueBytes
        self.types = types
        self.pref = pref
        self.valueType = valueType
        self.isBase64 = isBase64
        self.wasQuotedPrintable = wasQuotedPrintable
        self.line = line
    }

    /// The value as text, escapes kept.
    var value: String { String(decoding: valueBytes, as: UTF8.self) }

    /// Every parameter, parsed from ``parameterBytes``.
    var parameters: [RawProperty.Parameter] {
        parameterBytes.isEmpty ? [] : VCardContentLine.parameters(parameterBytes)
    }

    /// The first value of a named parameter (case-insensitive).
    func parameter(_ name: String) -> String? {
        if parameterBytes.isEmpty { return nil }
        return VCardContentLine.firstValue(of: name, in: parameterBytes)
    }

    /// This property as a raw property, with 2.1 bare parameters turned into `TYPE=` and transfer
    /// encodings dropped (the value is already decoded), so it writes back validly in 3.0 and 4.0.
    var raw: RawProperty {
        var params: [RawProperty.Parameter] = []
        if isBase64 { params.append(.init(name: "ENCODING", values: ["b"])) }
        for p in parameters {
            if let n = p.name {
                if n.equalsIgnoringASCIICase("CHARSET") || n.equalsIgnoringASCIICase("ENCODING") { continue }
                params.append(p)
            } else if let v = p.values.first, ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"].contains(where: v.equalsIgnoringASCIICase) {
                continue
            } else {
                params.append(.init(name: "TYPE", values: p.values))
            }
        }
        var text = value
        if wasQuotedPrintable { text = VCardValueCoding.escapeNewlines(text) }
        return RawProperty(group: group, name: name, parameters: params, value: text)
    }
}

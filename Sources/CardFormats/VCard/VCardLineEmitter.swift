import CardModel

/// Writes content lines for one version: parameters quoted as needed, lines folded at 75 octets
/// without splitting a UTF-8 character, CRLF line ends.
struct VCardLineEmitter {
    let version: VCardVersion
    var output: [UInt8] = []
    private var usedGroups: Set<String> = []
    private var nextGroup = 1
    private var line: [UInt8] = []

    init(version: VCardVersion) {
        self.version = version
        output.reserveCapacity(64 * 1024)
    }

    /// Starts a card; remembers the groups it already uses so new labels get fresh ones.
    mutating func beginCard(_ contact: Contact) {
        usedGroups.removeAll(keepingCapacity: true)
        nextGroup = 1
        for g in contact.emails.compactMap(\.group) { usedGroups.insert(g.lowercased()) }
        for g in contact.phones.compactMap(\.group) { usedGroups.insert(g.lowercased()) }
        for g in contact.urls.compactMap(\.group) { usedGroups.insert(g.lowercased()) }
        for g in contact.addresses.compactMap(\.group) { usedGroups.insert(g.lowercased()) }
        for g in contact.extras.compactMap(\.group) { usedGroups.insert(g.lowercased()) }
        emit("BEGIN", value: "VCARD")
        emit("VERSION", value: version.rawValue)
    }

    mutating func endCard() {
        emit("END", value: "VCARD")
    }

    /// `TYPE=` and preference as the version expresses them: 3.0 says `TYPE=pref` (and, outside the
    /// standard but read back by cardtool, `PREF=n` for n > 1); 4.0 says `PREF=n`.
    func typeParameters(_ types: [String], pref: Int?) -> [RawProperty.Parameter] {
        var values = types
        var parameters: [RawProperty.Parameter] = []
        if let pref {
            if version == .v3_0 && pref == 1 { values.append("pref") } else {
                parameters.append(.init(name: "PREF", values: [String(pref)]))
            }
        }
        if !values.isEmpty { parameters.insert(.init(name: "TYPE", values: values), at: 0) }
        return parameters
    }

    /// Emits a property that may carry an Apple-style label in its group (`item1.X-ABLabel`).
    mutating func emitLabelled(group: String?, name: String, parameters: [RawProperty.Parameter],
                               value: String, label: String?) {
        var group = group
        if label != nil && group == nil {
            while usedGroups.contains("item\(nextGroup)") { nextGroup += 1 }
            group = "item\(nextGroup)"
            usedGroups.insert(group!)
        }
        emit(group: group, name, parameters: parameters, value: value)
        if let label, let group {
            emit(group: group, "X-ABLabel", value: VCardValueCoding.escape(AppleLabel.encode(label)))
        }
    }

    /// Emits one content line; `value` is already escaped for its value type.
    mutating func emit(group: String? = nil, _ name: String, parameters: [RawProperty.Parameter] = [], value: String) {
        line.removeAll(keepingCapacity: true)
        if let group {
            line.append(contentsOf: group.utf8)
            line.append(UInt8(ascii: "."))
        }
        line.append(contentsOf: name.utf8)
        for parameter in parameters {
            line.append(UInt8(ascii: ";"))
            if let pname = parameter.name {
                line.append(contentsOf: pname.utf8)
                line.append(UInt8(ascii: "="))
            }
            for (i, v) in parameter.values.enumerated() {
                if i > 0 { line.append(UInt8(ascii: ",")) }
                appendParameterValue(v)
            }
        }
        line.append(UInt8(ascii: ":"))
        var value = value
        value.withUTF8 { line.append(contentsOf: $0) }
        appendFolded()
    }

    /// Appends a parameter value, quoted when it holds `:` `;` `,` or edge spaces. A double quote or
    /// a line break cannot appear as such: RFC 6868 carets encode them (the reader undoes them in
    /// every version).
    private mutating func appendParameterValue(_ value: String) {
        var needsQuotes = value.utf8.first == 0x20 || value.utf8.last == 0x20
        var needsRewrite = false
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: ","): needsQuotes = true
            case UInt8(ascii: "\""), 0x0A, 0x0D, UInt8(ascii: "^"): needsRewrite = true
            default: break
            }
        }
        if needsQuotes { line.append(UInt8(ascii: "\"")) }
        if needsRewrite {
            line.append(contentsOf: VCardValueCoding.encodeCaret(value).utf8)
        } else {
            line.append(contentsOf: value.utf8)
        }
        if needsQuotes { line.append(UInt8(ascii: "\"")) }
    }

    /// At most 75 octets per physical line (the continuation's leading space included).
    private mutating func appendFolded() {
        let limit = 75
        var start = 0
        var width = limit
        while line.count - start > width {
            var cut = start + width
            // Never split a UTF-8 sequence: back up over continuation bytes.
            while cut > start + 1 && line[cut] & 0xC0 == 0x80 { cut -= 1 }
            output.append(contentsOf: line[start..<cut])
            output.append(contentsOf: [0x0D, 0x0A, 0x20])
            start = cut
            width = limit - 1
        }
        output.append(contentsOf: line[start...])
        output.append(contentsOf: [0x0D, 0x0A])
    }
}

/// Writes one contact per line as JSON: the scripting interface, documented in the README as a contract.
///
/// Written by hand rather than with `JSONEncoder` so the key order is fixed and readable
/// (`fullName` first) and absent fields are simply left out. Arrays are always present, possibly empty,
/// so scripts can iterate without checking. Photo bytes are not included (their size and type are).
public struct JSONLWriter {
    private var out: [UInt8] = []

    public init() {}

    /// `name` and `originalName` share one shape.
    private static func name(_ key: StaticString, _ name: PersonName?, into o: inout JSONObject) {
        guard let n = name else { return }
        o.object(key) { o in
            o.string("family", n.family)
            o.string("given", n.given)
            o.string("additional", n.additional)
            o.string("prefixes", n.prefixes)
            o.string("suffixes", n.suffixes)
        }
    }

    public mutating func write(_ contact: Contact) {
        var o = JSONObject(bytes: JSONObject.take(&out))
        o.string("fullName", contact.fullName)
        Self.name("name", contact.name, into: &o)
        o.string("nickname", contact.nicknames.isEmpty ? nil : contact.nicknames.joined(separator: ", "))
        o.string("originalFullName", contact.originalFullName)
        Self.name("originalName", contact.originalName, into: &o)
        o.array("emails", contact.emails) { o, e in
            o.string("value", e.value)
            o.strings("types", e.types)
            o.int("pref", e.pref)
            o.string("label", e.label)
        }
        o.array("phones", contact.phones) { o, p in
            o.string("value", p.value)
            o.strings("types", p.types)
            o.int("pref", p.pref)
            o.string("ext", p.ext)
            o.string("label", p.label)
            o.string("e164", p.e164)
            o.string("type", p.numberType)
        }
        o.string("organization", contact.organization)
        o.string("department", contact.department)
        o.string("title", contact.title)
        o.string("role", contact.role)
        o.strings("urls", contact.urls.map(\.value))
        o.array("addresses", contact.addresses) { o, a in
            o.strings("types", a.types)
            o.int("pref", a.pref)
            o.string("poBox", a.poBox)
            o.string("extended", a.extended)
            o.string("street", a.street)
            o.string("locality", a.locality)
            o.string("region", a.region)
            o.string("postalCode", a.postalCode)
            o.string("country", a.country)
            o.string("formatted", a.formatted)
            o.string("label", a.label)
        }
        o.string("birthday", contact.birthday?.iso8601)
        o.string("note", contact.note)
        o.string("uid", contact.uid)
        o.strings("categories", contact.categories)
        if let photo = contact.photo {
            o.object("photo") { o in
                o.string("mediaType", photo.mediaType)
                o.string("uri", photo.uri)
                o.int("bytes", photo.data?.count)
            }
        }
        o.array("events", contact.events) { o, e in
            o.string("name", e.name)
            o.string("date", e.date?.iso8601)
        }
        o.string("connectedOn", contact.connectedOn?.iso8601)
        o.array("extras", contact.extras) { o, x in
            o.string("group", x.group)
            o.string("name", x.name)
            o.array("params", x.parameters) { o, p in
                o.string("name", p.name)
                o.strings("values", p.values)
            }
            o.string("value", x.value)
        }
        if let m = contact.merged {
            o.object("merged") { o in
                o.array("sources", m.sources) { o, s in
                    o.string("id", s.recordID)
                    o.string("file", s.reference?.file)
                    o.int("record", s.reference?.record)
                    o.int("line", s.reference?.line)
                    o.string("format", s.reference?.format.rawValue)
                    o.string("event", s.event?.name)
                    o.string("date", s.event?.date?.iso8601)
                }
                o.int("name", m.name)
                o.indexLists("emails", m.emails)
                o.indexLists("phones", m.phones)
                o.indexLists("urls", m.urls)
                o.indexLists("addresses", m.addresses)
                o.int("organization", m.organization)
                o.int("title", m.title)
            }
        }
        if let k = contact.keys {
            o.object("keys") { o in
                o.string("name", k.name)
                o.strings("given", k.given)
                o.string("family", k.family)
                o.string("familyPhonetic", k.familyPhonetic)
                o.strings("emails", k.emails)
                o.strings("emailLocalParts", k.emailLocalParts)
                o.strings("phones", k.phones)
                o.string("linkedIn", k.linkedIn)
                o.string("organization", k.organization)
            }
        }
        if let s = contact.source {
            o.object("source") { o in
                o.string("file", s.file)
                o.int("record", s.record)
                o.int("line", s.line)
                o.string("format", s.format.rawValue)
                o.string("id", s.id)
            }
        }
        o.close()
        out = o.bytes
        out.append(0x0A)
    }

    public mutating func takeOutput() -> [UInt8] {
        defer { out.removeAll(keepingCapacity: true) }
        return out
    }
}

/// A minimal streaming JSON object writer. It owns the output bytes while it writes and hands
/// them to nested objects by moving them (no copies, and no class, whose every access Swift
/// would check for exclusivity at run time).
struct JSONObject {
    var bytes: [UInt8]
    private var first = true

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.bytes.append(UInt8(ascii: "{"))
    }

    static func take(_ a: inout [UInt8]) -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &a)
        return taken
    }

    mutating func close() { bytes.append(UInt8(ascii: "}")) }

    /// Keys are literals: their bytes are copied as they are (they need no escaping).
    private mutating func key(_ k: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func string(_ k: StaticString, _ v: String?) {
        guard let v else { return }
        key(k)
        JSONObject.appendString(v, to: &bytes)
    }

    mutating func int(_ k: StaticString, _ v: Int?) {
        guard let v else { return }
        key(k)
        bytes.append(contentsOf: String(v).utf8)
    }

    mutating func strings(_ k: StaticString, _ v: [String]) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, s) in v.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONObject.appendString(s, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `[[0,2],[1]]`: for each value, the sources it came from.
    mutating func indexLists(_ k: StaticString, _ lists: [[Int]]) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, list) in lists.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: ("[" + list.map(String.init).joined(separator: ",") + "]").utf8)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func object(_ k: StaticString, _ body: (inout JSONObject) -> Void) {
        key(k)
        var nested = JSONObject(bytes: Self.take(&bytes))
        body(&nested)
        nested.close()
        bytes = Self.take(&nested.bytes)
    }

    mutating func array<T>(_ k: StaticString, _ items: [T], _ body: (inout JSONObject, T) -> Void) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var nested = JSONObject(bytes: Self.take(&bytes))
            body(&nested, item)
            nested.close()
            bytes = Self.take(&nested.bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole.
        var text = s
        let plain = text.withUTF8 { p -> Bool in
            for b in p where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: p)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

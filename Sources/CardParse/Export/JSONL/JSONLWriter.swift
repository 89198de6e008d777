/// Writes one contact per line as JSON: the scripting interface, documented in the README as a contract.
///
/// Written by hand rather than with `JSONEncoder` so the key order is fixed and readable
/// (`fullName` first) and absent fields are simply left out. Arrays are always present, possibly empty,
/// so scripts can iterate without checking. Photo bytes are not included (their size and type are).
public struct JSONLWriter {
    private let out = JSONBuffer()

    public init() {}

    public mutating func write(_ contact: Contact) {
        var o = JSONObject(into: out)
        o.string("fullName", contact.fullName)
        if let n = contact.name {
            o.object("name") { o in
                o.string("family", n.family)
                o.string("given", n.given)
                o.string("additional", n.additional)
                o.string("prefixes", n.prefixes)
                o.string("suffixes", n.suffixes)
            }
        }
        o.string("nickname", contact.nicknames.isEmpty ? nil : contact.nicknames.joined(separator: ", "))
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
        out.bytes.append(0x0A)
    }

    public mutating func takeOutput() -> [UInt8] {
        defer { out.bytes.removeAll(keepingCapacity: true) }
        return out.bytes
    }
}

/// The bytes a ``JSONObject`` and its nested objects write into.
final class JSONBuffer {
    var bytes: [UInt8] = []
}

/// A minimal streaming JSON object writer over a byte buffer.
struct JSONObject {
    private let buffer: JSONBuffer
    private var first = true

    init(into buffer: JSONBuffer) {
        self.buffer = buffer
        buffer.bytes.append(UInt8(ascii: "{"))
    }

    private init(nestedIn buffer: JSONBuffer) {
        self.buffer = buffer
        buffer.bytes.append(UInt8(ascii: "{"))
    }

    mutating func close() { buffer.bytes.append(UInt8(ascii: "}")) }

    private mutating func key(_ k: String) {
        if !first { buffer.bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONObject.appendString(k, to: &buffer.bytes)
        buffer.bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ k: String, _ v: String?) {
        guard let v else { return }
        key(k)
        JSONObject.appendString(v, to: &buffer.bytes)
    }

    mutating func int(_ k: String, _ v: Int?) {
        guard let v else { return }
        key(k)
        buffer.bytes.append(contentsOf: String(v).utf8)
    }

    mutating func strings(_ k: String, _ v: [String]) {
        key(k)
        buffer.bytes.append(UInt8(ascii: "["))
        for (i, s) in v.enumerated() {
            if i > 0 { buffer.bytes.append(UInt8(ascii: ",")) }
            JSONObject.appendString(s, to: &buffer.bytes)
        }
        buffer.bytes.append(UInt8(ascii: "]"))
    }

    mutating func object(_ k: String, _ body: (inout JSONObject) -> Void) {
        key(k)
        var nested = JSONObject(nestedIn: buffer)
        body(&nested)
        nested.close()
    }

    mutating func array<T>(_ k: String, _ items: [T], _ body: (inout JSONObject, T) -> Void) {
        key(k)
        buffer.bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { buffer.bytes.append(UInt8(ascii: ",")) }
            var nested = JSONObject(nestedIn: buffer)
            body(&nested, item)
            nested.close()
        }
        buffer.bytes.append(UInt8(ascii: "]"))
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
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

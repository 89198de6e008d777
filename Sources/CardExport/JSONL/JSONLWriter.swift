import CardModel

/// Writes one contact per line as JSON: the scripting interface, documented in docs/jsonl.md as a contract.
///
/// Written by hand rather than with `JSONEncoder` so the key order is fixed and readable
/// (`fullName` first) and absent fields are simply left out. Arrays are always present, possibly empty,
/// so scripts can iterate without checking. Photo bytes are not included (their size and type are).
public struct JSONLWriter: Sendable {
    private var out: [UInt8] = []

    /// Creates a writer with an empty buffer.
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

    /// Appends one contact as a JSON object and a line feed, keys in the order of the contract (docs/jsonl.md).
    public mutating func write(_ contact: Contact) {
        write(contact, person: nil)
    }

    /// Appends a person of the event book: `id` first, the contact's keys, then `lastInteraction`,
    /// `tags` and `sources`.
    public mutating func write(_ person: Person) {
        write(person.contact, person: person)
    }

    private mutating func write(_ contact: Contact, person: Person?) {
        // A line is built in 8 KiB on the stack (the heap when it is longer), then added to `out`.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8192) { initial in
            var o = JSONObject(bytes: JSONBuffer(initial))
            Self.encode(contact, person: person, into: &o)
            o.close()
            o.bytes.append(0x0A)
            out.append(contentsOf: o.bytes.bytes)
            o.bytes.release()
        }
    }

    private static func encode(_ contact: Contact, person: Person?, into o: inout JSONObject) {
        if let person { o.string("id", person.id) }
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
        if let person {
            if let last = person.lastInteraction {
                o.object("lastInteraction") { o in
                    o.string("date", last.date.iso8601)
                    o.string("kind", last.kind)
                    o.string("note", last.note)
                    o.string("by", last.by)
                }
            }
            o.strings("tags", person.tags)
            o.array("sources", person.sources) { o, s in
                o.string("record", s.record)
                o.string("file", s.file)
                o.int("number", s.number)
                o.int("import", s.importID)
                o.string("event", s.event?.name)
                o.string("date", s.event?.date?.iso8601)
                o.string("by", s.by)
            }
        }
    }

    /// Returns the bytes written since the last call and empties the buffer.
    public mutating func takeOutput() -> [UInt8] {
        defer { out.removeAll(keepingCapacity: true) }
        return out
    }
}

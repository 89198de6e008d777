import CardModel
import Foundation

/// The book's stored form of a contact: tagged fields in bytes (a tag, a length, the value), so
/// that storing and reading a record takes microseconds where JSON took a tenth of a millisecond,
/// and fields added later are skipped by older readers rather than breaking them.
///
/// Every field is a tag byte, a varint length and the value: strings in UTF-8, integers as
/// zig-zag varints, a nested value (an e-mail, an address, the merge provenance) as its own block. Matching keys are never stored (they are derived).
enum ContactBinary {
    static let version: UInt8 = 1

    // MARK: Writing

    struct Writer {
        var bytes: [UInt8] = []

        mutating func varint(_ v: UInt64) {
            var v = v
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func string(_ tag: UInt8, _ text: String?) {
            guard var s = text else { return }
            bytes.append(tag)
            s.withUTF8 { u in
                varint(UInt64(u.count))
                bytes.append(contentsOf: u)
            }
        }

        mutating func strings(_ tag: UInt8, _ list: [String]) { for s in list { string(tag, s) } }

        mutating func int(_ tag: UInt8, _ v: Int?) {
            guard let v else { return }
            var inner = Writer()
            inner.varint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63))))
            bytes.append(tag)
            varint(UInt64(inner.bytes.count))
            bytes.append(contentsOf: inner.bytes)
        }

        mutating func data(_ tag: UInt8, _ d: Data?) {
            guard let d else { return }
            bytes.append(tag)
            varint(UInt64(d.count))
            bytes.append(contentsOf: d)
        }

        /// A nested block under `tag`.
        mutating func nested(_ tag: UInt8, _ body: (inout Writer) -> Void) {
            var inner = Writer()
            body(&inner)
            bytes.append(tag)
            varint(UInt64(inner.bytes.count))
            bytes.append(contentsOf: inner.bytes)
        }
    }

    static func encode(_ c: Contact) -> [UInt8] {
        var w = Writer()
        w.bytes.append(version)
        w.string(1, c.fullName)
        if let n = c.name { w.nested(2) { name(&$0, n) } }
        w.strings(3, c.nicknames)
        for e in c.emails {
            w.nested(4) { w in
                w.string(1, e.value); w.strings(2, e.types); w.int(3, e.pref); w.string(4, e.label); w.string(5, e.group)
            }
        }
        for p in c.phones {
            w.nested(5) { w in
                w.string(1, p.value); w.strings(2, p.types); w.int(3, p.pref); w.string(4, p.ext); w.string(5, p.label)
                w.string(6, p.group); w.string(7, p.e164); w.string(8, p.numberType)
            }
        }
        for u in c.urls {
            w.nested(6) { w in
                w.string(1, u.value); w.strings(2, u.types); w.int(3, u.pref); w.string(4, u.label); w.string(5, u.group)
            }
        }
        for a in c.addresses {
            w.nested(7) { w in
                w.strings(1, a.types); w.int(2, a.pref); w.string(3, a.poBox); w.string(4, a.extended); w.string(5, a.street)
                w.string(6, a.locality); w.string(7, a.region); w.string(8, a.postalCode); w.string(9, a.country)
                w.string(10, a.formatted); w.string(11, a.label); w.string(12, a.group)
            }
        }
        w.string(8, c.organization)
        w.string(9, c.department)
        w.string(10, c.title)
        w.string(11, c.role)
        w.string(12, c.birthday?.iso8601)
        w.string(13, c.note)
        for (tag, m) in [(UInt8(14), c.photo), (15, c.logo), (16, c.sound), (17, c.key)] {
            if let m { w.nested(tag) { w in w.data(1, m.data); w.string(2, m.mediaType); w.string(3, m.uri) } }
        }
        w.string(18, c.uid)
        w.strings(19, c.categories)
        for e in c.events { w.nested(20) { w in w.string(1, e.name); w.string(2, e.date?.iso8601) } }
        w.string(21, c.connectedOn?.iso8601)
        for x in c.extras {
            w.nested(22) { w in
                w.string(1, x.group); w.string(2, x.name)
                for p in x.parameters { w.nested(3) { w in w.string(1, p.name); w.strings(2, p.values) } }
                w.string(4, x.value)
            }
        }
        if let s = c.source { w.nested(23) { source(&$0, s) } }
        w.string(24, c.originalFullName)
        if let n = c.originalName { w.nested(25) { name(&$0, n) } }
        if let m = c.merged {
            w.nested(26) { w in
                for s in m.sources {
                    w.nested(1) { w in
                        if let r = s.reference { w.nested(1) { source(&$0, r) } }
                        w.string(2, s.recordID)
                        if let e = s.event { w.nested(3) { w in w.string(1, e.name); w.string(2, e.date?.iso8601) } }
                    }
                }
                w.int(2, m.name)
                for (tag, lists) in [(UInt8(3), m.emails), (4, m.phones), (5, m.urls), (6, m.addresses)] {
                    for list in lists { w.nested(tag) { w in for i in list { w.int(1, i) } } }
                }
                w.int(7, m.organization)
                w.int(8, m.title)
            }
        }
        return w.bytes
    }

    private static func name(_ w: inout Writer, _ n: PersonName) {
        w.string(1, n.family); w.string(2, n.given); w.string(3, n.additional); w.string(4, n.prefixes); w.string(5, n.suffixes)
    }

    private static func source(_ w: inout Writer, _ s: SourceReference) {
        w.string(1, s.file); w.int(2, s.record); w.int(3, s.line); w.string(4, s.format.rawValue); w.string(5, s.id)
    }

    // MARK: Reading

    /// A stored form that cannot be read (a damaged or foreign value).
    struct Damaged: Error {}

    /// Reads tagged fields from a slice of bytes.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i: Int
        let end: Int

        mutating func varint() throws -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < end, shift < 64 else { throw Damaged() }
                let b = bytes[i]
                i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }

        var string: String { String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self) }
        var data: Data { Data(UnsafeBufferPointer(rebasing: bytes[i..<end])) }
    }

    private enum Block { case contact, name, email, phone, url, address, media, event, extra, parameter, source, merged, mergeSource, indexList }

    /// Iterates a block's fields; `n` is the field's value read as an integer (for int fields).
    private static func fields(_ r: inout Reader, _ block: Block, _ body: (UInt8, inout Reader, Int?) throws -> Void) throws {
        while r.i < r.end {
            let tag = r.bytes[r.i]
            r.i += 1
            let raw = try r.varint()
            guard raw <= UInt64(r.end - r.i) else { throw Damaged() }
            let length = Int(raw)
            var value = Reader(bytes: r.bytes, i: r.i, end: r.i + length)
            r.i += length
            var probe = value
            let n = try? probe.varint()
            try body(tag, &value, n.map { Int(Int64(bitPattern: $0 >> 1) ^ -Int64(bitPattern: $0 & 1)) })
        }
    }

    static func decode(_ bytes: [UInt8]) throws -> Contact {
        try bytes.withUnsafeBufferPointer { p in
            guard p.first == version else { throw Damaged() }
            var r = Reader(bytes: p, i: 1, end: p.count)
            var c = Contact()
            try fields(&r, .contact) { tag, v, _ in
                switch tag {
                case 1: c.fullName = v.string
                case 2: c.name = try name(&v)
                case 3: c.nicknames.append(v.string)
                case 4:
                    var e = Email(value: "")
                    try fields(&v, .email) { t, x, n in
                        switch t { case 1: e.value = x.string; case 2: e.types.append(x.string); case 3: e.pref = n
                        case 4: e.label = x.string; case 5: e.group = x.string; default: break }
                    }
                    c.emails.append(e)
                case 5:
                    var ph = Phone(value: "")
                    try fields(&v, .phone) { t, x, n in
                        switch t { case 1: ph.value = x.string; case 2: ph.types.append(x.string); case 3: ph.pref = n
                        case 4: ph.ext = x.string; case 5: ph.label = x.string; case 6: ph.group = x.string
                        case 7: ph.e164 = x.string; case 8: ph.numberType = x.string; default: break }
                    }
                    c.phones.append(ph)
                case 6:
                    var u = WebLink(value: "")
                    try fields(&v, .url) { t, x, n in
                        switch t { case 1: u.value = x.string; case 2: u.types.append(x.string); case 3: u.pref = n
                        case 4: u.label = x.string; case 5: u.group = x.string; default: break }
                    }
                    c.urls.append(u)
                case 7:
                    var a = PostalAddress()
                    try fields(&v, .address) { t, x, n in
                        switch t {
                        case 1: a.types.append(x.string); case 2: a.pref = n; case 3: a.poBox = x.string; case 4: a.extended = x.string
                        case 5: a.street = x.string; case 6: a.locality = x.string; case 7: a.region = x.string
                        case 8: a.postalCode = x.string; case 9: a.country = x.string; case 10: a.formatted = x.string
                        case 11: a.label = x.string; case 12: a.group = x.string; default: break
                        }
                    }
                    c.addresses.append(a)
                case 8: c.organization = v.string
                case 9: c.department = v.string
                case 10: c.title = v.string
                case 11: c.role = v.string
                case 12: c.birthday = PartialDate(iso8601: v.string)
                case 13: c.note = v.string
                case 14, 15, 16, 17:
                    var m = Media()
                    try fields(&v, .media) { t, x, _ in
                        switch t { case 1: m.data = x.data; case 2: m.mediaType = x.string; case 3: m.uri = x.string; default: break }
                    }
                    switch tag { case 14: c.photo = m; case 15: c.logo = m; case 16: c.sound = m; default: c.key = m }
                case 18: c.uid = v.string
                case 19: c.categories.append(v.string)
                case 20: c.events.append(try event(&v))
                case 21: c.connectedOn = PartialDate(iso8601: v.string)
                case 22:
                    var x = RawProperty(name: "", value: "")
                    try fields(&v, .extra) { t, y, _ in
                        switch t {
                        case 1: x.group = y.string
                        case 2: x.name = y.string
                        case 3:
                            var p = RawProperty.Parameter(name: nil, values: [])
                            try fields(&y, .parameter) { t, z, _ in
                                switch t { case 1: p.name = z.string; case 2: p.values.append(z.string); default: break }
                            }
                            x.parameters.append(p)
                        case 4: x.value = y.string
                        default: break
                        }
                    }
                    c.extras.append(x)
                case 23: c.source = try source(&v)
                case 24: c.originalFullName = v.string
                case 25: c.originalName = try name(&v)
                case 26: c.merged = try merged(&v)
                default: break   // a field from a newer cardtool
                }
            }
            return c
        }
    }

    private static func name(_ r: inout Reader) throws -> PersonName {
        var n = PersonName()
        try fields(&r, .name) { t, x, _ in
            switch t { case 1: n.family = x.string; case 2: n.given = x.string; case 3: n.additional = x.string
            case 4: n.prefixes = x.string; case 5: n.suffixes = x.string; default: break }
        }
        return n
    }

    private static func event(_ r: inout Reader) throws -> MetEvent {
        var e = MetEvent()
        try fields(&r, .event) { t, x, _ in
            switch t { case 1: e.name = x.string; case 2: e.date = PartialDate(iso8601: x.string); default: break }
        }
        return e
    }

    private static func source(_ r: inout Reader) throws -> SourceReference {
        var s = SourceReference(file: "", record: 0, line: 0, format: .csv)
        try fields(&r, .source) { t, x, n in
            switch t {
            case 1: s.file = x.string; case 2: s.record = n ?? 0; case 3: s.line = n ?? 0
            case 4: s.format = SourceFormat(rawValue: x.string) ?? .csv; case 5: s.id = x.string; default: break
            }
        }
        return s
    }

    private static func merged(_ r: inout Reader) throws -> MergeProvenance {
        var m = MergeProvenance()
        try fields(&r, .merged) { t, x, n in
            switch t {
            case 1:
                var s = MergeProvenance.Source(reference: nil, recordID: "", event: nil)
                try fields(&x, .mergeSource) { t, y, _ in
                    switch t { case 1: s.reference = try source(&y); case 2: s.recordID = y.string; case 3: s.event = try event(&y); default: break }
                }
                m.sources.append(s)
            case 2: m.name = n
            case 3, 4, 5, 6:
                var list: [Int] = []
                try fields(&x, .indexList) { _, _, n in if let n { list.append(n) } }
                switch t { case 3: m.emails.append(list); case 4: m.phones.append(list); case 5: m.urls.append(list); default: m.addresses.append(list) }
            case 7: m.organization = n
            case 8: m.title = n
            default: break
            }
        }
        return m
    }
}

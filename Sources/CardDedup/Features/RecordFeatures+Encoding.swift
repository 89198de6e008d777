import CardModel

extension RecordFeatures {
    /// Bumped whenever what features hold, or how they are worked out (folding, nickname tables,
    /// phonetic keys), changes: stored features of another version are worked out again.
    public static let encodingVersion: UInt8 = 5

    /// The features in bytes, for a store that keeps them next to the record: reading them back
    /// costs a few microseconds, working them out from the contact a few tens.
    ///
    /// `customFields` are the names the custom values were taken for; decoding with other names
    /// gives nil (the custom values would be wrong).
    public func encoded(customFields: [String]) -> [UInt8] {
        var w = FeatureWriter()
        w.byte(Self.encodingVersion)
        w.u64(KeyHash.hash(customFields.joined(separator: "\u{1F}")))
        for list in [given, givenForms, family, familyPhonetic, givenPhonetic, emailText, phoneDigits, custom] { w.strings(list) }
        for list in [emails, personalEmails, nameMadePersonal, emailLocals, phones, mobiles, fixed] { w.u64s(list) }
        w.u64(linkedIn)
        w.byte(linkedInNameOnly ? 1 : 0)
        for s in [organization, title, city, street, postalCode] { w.string(s) }
        w.u64(UInt64(UInt32(bitPattern: birthday)))
        w.u64(metOn)
        return w.bytes
    }

    /// Features from ``encoded(customFields:)``, or nil when they were stored by another version
    /// or for other custom fields (work them out from the contact then).
    public static func decode(_ bytes: [UInt8], customFields: [String]) -> RecordFeatures? {
        var r = FeatureReader(bytes: bytes)
        guard r.byte() == encodingVersion, r.u64() == KeyHash.hash(customFields.joined(separator: "\u{1F}")) else { return nil }
        var b = RecordFeatureBuilder()
        b.given = r.strings(); b.givenForms = r.strings(); b.family = r.strings(); b.familyPhonetic = r.strings()
        b.givenPhonetic = r.strings(); b.emailText = r.strings(); b.phoneDigits = r.strings(); b.custom = r.strings()
        b.emails = r.u64s(); b.personalEmails = r.u64s(); b.nameMadePersonal = r.u64s(); b.emailLocals = r.u64s()
        b.phones = r.u64s(); b.mobiles = r.u64s(); b.fixed = r.u64s()
        b.linkedIn = r.u64()
        b.linkedInNameOnly = r.byte() == 1
        b.organization = r.string(); b.title = r.string(); b.city = r.string(); b.street = r.string(); b.postalCode = r.string()
        b.birthday = Int32(bitPattern: UInt32(truncatingIfNeeded: r.u64()))
        b.metOn = r.u64()
        guard !r.failed, r.at == bytes.count else { return nil }
        return RecordFeatures(b)
    }
}

/// Little-endian integers, varint lengths, UTF-8 strings.
private struct FeatureWriter {
    var bytes: [UInt8] = []
    mutating func byte(_ b: UInt8) { bytes.append(b) }
    mutating func varint(_ v: Int) {
        var v = UInt(v)
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func u64(_ v: UInt64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
    mutating func string(_ s: String) { varint(s.utf8.count); bytes.append(contentsOf: s.utf8) }
    mutating func strings(_ list: [String]) { varint(list.count); for s in list { string(s) } }
    mutating func u64s(_ list: [UInt64]) { varint(list.count); for v in list { u64(v) } }
}

/// Reads what ``FeatureWriter`` wrote; `failed` once it runs past the end.
private struct FeatureReader {
    let bytes: [UInt8]
    var at = 0
    var failed = false
    mutating func byte() -> UInt8 {
        guard at < bytes.count else { failed = true; return 0 }
        defer { at += 1 }
        return bytes[at]
    }
    /// A length: never negative, never more than the bytes left (else `failed`).
    mutating func varint() -> Int {
        var v = 0, shift = 0
        while !failed {
            let b = byte()
            guard shift <= 56 else { failed = true; break }
            v |= Int(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        guard v >= 0, v <= bytes.count - at else { failed = true; return 0 }
        return v
    }
    mutating func u64() -> UInt64 {
        guard at + 8 <= bytes.count else { failed = true; return 0 }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
        at += 8
        return v
    }
    mutating func string() -> String {
        let n = varint()
        guard !failed, n >= 0, at + n <= bytes.count else { failed = true; return "" }
        defer { at += n }
        return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
    }
    mutating func strings() -> [String] {
        let n = varint()
        guard !failed, n <= bytes.count else { failed = true; return [] }
        return (0..<n).map { _ in string() }
    }
    mutating func u64s() -> [UInt64] {
        let n = varint()
        guard !failed, n <= bytes.count else { failed = true; return [] }
        return (0..<n).map { _ in u64() }
    }
}

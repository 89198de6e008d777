import CardDedup
import CardModel
import Foundation

/// Contacts as the book stores them (``ContactBinary``, without matching keys, which are
/// derived), and a fingerprint that says whether a record is already in the book.
struct ContactCoding {
    /// The stored form of a record's or person's contact.
    func encode(_ contact: Contact) -> Data {
        var c = contact
        c.keys = nil
        return Data(ContactBinary.encode(c))
    }

    /// A stored contact.
    func decode(_ data: Data) throws -> Contact {
        try ContactBinary.decode([UInt8](data))
    }

    /// The same record met at the same event, read from any file at any position: the contact
    /// without where it was read from, hashed with its events.
    func fingerprint(_ contact: Contact) -> String {
        var c = contact
        c.source = nil
        c.keys = nil
        c.merged = nil
        let bytes = ContactBinary.encode(c)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ 0xF1
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

import CardDedup
import CardModel
import Foundation

/// Contacts as the book stores them: JSON of the normalized contact (without matching keys,
/// which are derived), and a fingerprint that says whether a record is already in the book.
struct ContactCoding {
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()
    private let decoder = JSONDecoder()

    /// The stored form of a record's contact.
    func encode(_ contact: Contact) throws -> String {
        var c = contact
        c.keys = nil
        return String(decoding: try encoder.encode(c), as: UTF8.self)
    }

    /// A stored contact.
    func decode(_ json: String) throws -> Contact {
        try decoder.decode(Contact.self, from: Data(json.utf8))
    }

    /// The same record met at the same event, read from any file at any position: the contact
    /// without where it was read from, and its events, hashed.
    func fingerprint(_ contact: Contact) throws -> String {
        var c = contact
        c.source = nil
        c.keys = nil
        c.merged = nil
        let h = KeyHash.hash(String(decoding: try encoder.encode(c), as: UTF8.self), seed: 0xF1)
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardStore

/// The forms the book stores records in: what goes in comes back out, field for field.
@Suite("Stored forms")
struct StoredFormsTests {
    /// Every fixture contact, normalized, and the merged people of the merge fixtures.
    static func contacts() throws -> [Contact] {
        var out: [Contact] = []
        let importer = ContactImporter(normalizer: ContactNormalizer(region: "ES"))
        let files = Fixtures.vcards + Fixtures.csvs + ["merge/connections.html", "html/linkedin_connections.html"].filter {
            FileManager.default.fileExists(atPath: Fixtures.path($0))
        }
        _ = try importer.run(paths: files.map(Fixtures.path), contact: { out.append($0) }, diagnostic: { _ in })
        let merge = ["merge/cards.vcf", "merge/badges.csv", "merge/connections.html"].map(Fixtures.path)
        var records: [Contact] = []
        _ = try importer.run(paths: merge, contact: { records.append($0) }, diagnostic: { _ in })
        let result = Deduplicator().run(records)
        out += result.clusters.map { ContactMerger.merge($0.map { records[$0] }) }
        return out
    }

    @Test("every contact comes back from the stored form as it was (matching keys aside)")
    func contactRoundTrip() throws {
        let all = try Self.contacts()
        #expect(all.count > 100)
        #expect(all.contains { $0.merged != nil } && all.contains { $0.photo?.data != nil } && all.contains { !$0.extras.isEmpty })
        let coding = ContactCoding()
        for c in all {
            var expected = c
            expected.keys = nil
            #expect(try coding.decode(coding.encode(c)) == expected)
        }
    }

    @Test("a damaged stored form is refused, not misread")
    func damaged() throws {
        let coding = ContactCoding()
        let bytes = coding.encode(Contact(fullName: "Ana García López", emails: [Email(value: "ana@example.es")]))
        #expect(throws: (any Error).self) { try coding.decode(bytes.dropLast(3)) }
        #expect(throws: (any Error).self) { try coding.decode(Data([9]) + bytes.dropFirst()) }
    }

    @Test("random bytes are refused or read, never a crash", arguments: 0..<4)
    func randomBytes(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let coding = ContactCoding()
        let sample = coding.encode(Contact(fullName: "Ana", emails: [Email(value: "a@b.es", pref: 1)], events: [MetEvent(name: "X")]))
        let features = RecordFeatures(Contact(fullName: "Ana García", phones: [Phone(value: "612345678")])).encoded(customFields: [])
        for _ in 0..<2000 {
            var damaged = [UInt8](sample)
            var f = features
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                damaged[Int(rng.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: rng.next())
                f[Int(rng.next() % UInt64(f.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            _ = try? coding.decode(Data(damaged))
            _ = RecordFeatures.decode(f, customFields: [])
            _ = try? Journal.decode(Data(damaged))
            let noise = (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? coding.decode(Data([1] + noise))
            _ = RecordFeatures.decode([RecordFeatures.encodingVersion] + noise, customFields: [])
        }
    }

    @Test("the same record has the same fingerprint wherever it was read; another event gives another")
    func fingerprints() throws {
        let coding = ContactCoding()
        var a = Contact(fullName: "Ana García", emails: [Email(value: "ana@example.es")], events: [MetEvent(name: "Feria")])
        a.source = SourceReference(file: "a.csv", record: 3, line: 4, format: .csv)
        var b = a
        b.source = SourceReference(file: "copia/a.csv", record: 9, line: 12, format: .csv)
        #expect(coding.fingerprint(a) == coding.fingerprint(b))
        b.events = [MetEvent(name: "Otra feria")]
        #expect(coding.fingerprint(a) != coding.fingerprint(b))
    }

    @Test("stored features compare exactly as features worked out from the contact")
    func features() throws {
        let all = try Self.contacts()
        let custom = ["DNI"]
        let built = all.map { RecordFeatures($0, customFields: custom) }
        let restored = try built.map { try #require(RecordFeatures.decode($0.encoded(customFields: custom), customFields: custom)) }
        for (x, y) in zip(built, restored) {
            #expect(x.given == y.given && x.givenForms == y.givenForms && x.family == y.family && x.familyPhonetic == y.familyPhonetic)
            #expect(x.emails == y.emails && x.emailText == y.emailText && x.personalEmails == y.personalEmails)
            #expect(x.phones == y.phones && x.phoneDigits == y.phoneDigits && x.mobiles == y.mobiles && x.fixed == y.fixed)
            #expect(x.linkedIn == y.linkedIn && x.linkedInNameOnly == y.linkedInNameOnly && x.organization == y.organization)
            #expect(x.title == y.title && x.city == y.city && x.street == y.street && x.postalCode == y.postalCode)
            #expect(x.birthday == y.birthday && x.custom == y.custom && x.metOn == y.metOn && x.emailLocals == y.emailLocals)
            #expect(x.nameMadePersonal == y.nameMadePersonal && x.givenPhonetic == y.givenPhonetic)
        }
        // For other custom fields, or cut short, they are worked out again.
        #expect(RecordFeatures.decode(built[0].encoded(customFields: custom), customFields: ["NIF"]) == nil)
        #expect(RecordFeatures.decode(Array(built[0].encoded(customFields: custom).dropLast()), customFields: custom) == nil)
    }
}

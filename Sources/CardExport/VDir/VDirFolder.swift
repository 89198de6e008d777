import CardFormats
import CardModel
import Foundation

/// A folder of vCards, one file per person named by the card's `UID` (the vdir layout: vdirsyncer
/// syncs such a folder with a CardDAV server, khard and other address books read it).
///
/// Writing keeps the folder in step with the book: a person's file is rewritten only when its
/// bytes change (a sync tool sees only real changes), people no longer in the book lose theirs,
/// and files cardtool did not write are left alone. A folder belongs to one book: the ids of two
/// books would name different people alike.
public struct VDirFolder {
    /// What one write did.
    public struct Outcome: Sendable, Equatable {
        /// Files written for people who had none.
        public var added = 0
        /// Files rewritten because the person changed.
        public var updated = 0
        /// Files left as they were.
        public var unchanged = 0
        /// Files removed: their people are no longer in the book (merged into another, or undone).
        public var removed = 0

        /// `3 added, 1 updated, 40 unchanged, 2 removed`.
        public var line: String { "\(added) added, \(updated) updated, \(unchanged) unchanged, \(removed) removed" }
    }

    /// The folder.
    public let path: String
    /// The vCard version written (3.0 by default, which every CardDAV server takes).
    public var version: VCardVersion

    /// The files cardtool writes: `cardtool-p4.vcf`.
    static let prefix = "cardtool-"

    /// A folder at `path` (created when written if missing).
    public init(path: String, version: VCardVersion = .v3_0) {
        self.path = path
        self.version = version
    }

    /// The `UID` a person's card carries, stable as long as the person is: `cardtool-p4`.
    public static func uid(_ personID: String) -> String { prefix + personID }

    /// Writes every person's card and removes the cards of people not given.
    public func write(_ people: [Person]) throws(IOError) -> Outcome {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw IOError(path: path, reason: "is not a folder (a vdir is a folder of .vcf files)") }
        } else {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw IOError(path: path, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        var outcome = Outcome()
        var writer = VCardWriter(version: version)
        var kept = Set<String>()
        for person in people {
            var card = person.contact
            card.uid = Self.uid(person.id)
            card.extras.removeAll { $0.name.uppercased() == "X-CARDTOOL-ID" }
            card.extras.append(RawProperty(name: "X-CARDTOOL-ID", value: person.id))
            writer.write(card)
            let bytes = writer.takeOutput()
            let name = Self.uid(person.id) + ".vcf"
            kept.insert(name)
            let file = (path as NSString).appendingPathComponent(name)
            if let old = FileManager.default.contents(atPath: file) {
                if old.elementsEqual(bytes) { outcome.unchanged += 1; continue }
                outcome.updated += 1
            } else {
                outcome.added += 1
            }
            let sink = try ByteSink(path: file)
            try sink.write(bytes)
            try sink.commit()
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in present where name.hasPrefix(Self.prefix) && name.hasSuffix(".vcf") && !kept.contains(name) {
            let file = (path as NSString).appendingPathComponent(name)
            // Only a card cardtool wrote: it names its person (and a person's id is its name).
            let id = String(name.dropFirst(Self.prefix.count).dropLast(4))
            guard let text = FileManager.default.contents(atPath: file),
                  String(decoding: text, as: UTF8.self).contains("X-CARDTOOL-ID:\(id)") else { continue }
            do { try FileManager.default.removeItem(atPath: file) } catch {
                throw IOError(path: file, reason: "cannot remove: \(error.localizedDescription)")
            }
            outcome.removed += 1
        }
        return outcome
    }

}

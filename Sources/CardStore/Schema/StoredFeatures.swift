import CardConcurrency
import CardDedup
import CardModel
import Foundation

/// Records' matching features as the book keeps them beside each record: read back in
/// microseconds, or worked out from the stored contact when they were stored by another version
/// or for other custom fields.
enum StoredFeatures {
    /// The features of the records with these ids that exist, in the order of `ids`.
    static func load(_ ids: [Int64], customFields: [String], threads: Int, db: any BookConnection) throws -> [(Int64, RecordFeatures)] {
        // The features alone first (a third of the bytes); contacts only where they must be worked out again.
        var stored: [Int64: Data?] = [:]
        for list in db.lists(ids) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, features FROM record WHERE id \(list.test)"),
                                        arguments: list.arguments) {
                stored[row["id"]] = .some(row["features"])
            }
        }
        let present = ids.filter { stored[$0] != nil }
        let blobs = present.map { stored[$0]! }
        var built: [RecordFeatures?] = Parallel.map(blobs.count, threads: threads, minChunk: 512) { range in
            range.map { k in blobs[k].flatMap { RecordFeatures.decode([UInt8]($0), customFields: customFields) } }
        }
        let stale = built.indices.filter { built[$0] == nil }
        if !stale.isEmpty {
            var contacts: [Int64: Data] = [:]
            for list in db.lists(stale.map({ present[$0] })) {
                for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, contact FROM record WHERE id \(list.test)"),
                                            arguments: list.arguments) {
                    contacts[row["id"]] = row["contact"]
                }
            }
            let blobs = stale.map { contacts[present[$0]] ?? Data() }
            let worked: [RecordFeatures] = Parallel.map(blobs.count, threads: threads, minChunk: 256) { range in
                let coding = ContactCoding()
                return range.map { RecordFeatures((try? coding.decode(blobs[$0])) ?? Contact(), customFields: customFields) }
            }
            for (k, f) in zip(stale, worked) { built[k] = f }
        }
        return zip(present, built).map { ($0, $1!) }
    }
}

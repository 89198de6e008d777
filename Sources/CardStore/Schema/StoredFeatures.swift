import CardConcurrency
import CardDedup
import CardModel
import Foundation
import GRDB

/// Records' matching features as the book keeps them beside each record: read back in
/// microseconds, or worked out from the stored contact when they were stored by another version
/// or for other custom fields.
enum StoredFeatures {
    /// The features of the records with these ids that exist, in the order of `ids`.
    static func load(_ ids: [Int64], customFields: [String], threads: Int, db: Database) throws -> [(Int64, RecordFeatures)] {
        var found: [Int64: (contact: Data, features: Data?)] = [:]
        for chunk in ids.chunked(500) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for row in try Row.fetchAll(try db.cachedStatement(sql: "SELECT id, contact, features FROM record WHERE id IN (\(marks))"),
                                        arguments: StatementArguments(Array(chunk))) {
                found[row["id"]] = (row["contact"], row["features"])
            }
        }
        let present = ids.filter { found[$0] != nil }
        let rows = present.map { found[$0]! }
        let built: [RecordFeatures] = Parallel.map(rows.count, threads: threads, minChunk: 256) { range in
            let coding = ContactCoding()
            return range.map { k in
                if let stored = rows[k].features, let f = RecordFeatures.decode([UInt8](stored), customFields: customFields) { return f }
                return RecordFeatures((try? coding.decode(rows[k].contact)) ?? Contact(), customFields: customFields)
            }
        }
        return Array(zip(present, built))
    }
}

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

    /// Works out again, and stores, the features of every record that were stored by another
    /// version or for other custom fields (new nickname tables change a given name's forms), a
    /// batch at a time: reading them back is a decode again, not a contact's worth of work.
    /// Returns how many were rewritten.
    @discardableResult
    static func rewriteStale(threads: Int, db: any BookConnection) throws -> Int {
        let custom = try EventBook.customFields(db)
        let update = try db.cachedStatement(sql: "UPDATE record SET features = ? WHERE id = ?")
        var last: Int64 = -1, rewritten = 0
        while true {
            let rows = try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, features FROM record WHERE id > ? ORDER BY id LIMIT 10000"),
                                           arguments: [last])
            guard let end = rows.last.map({ $0["id"] as Int64 }) else { return rewritten }
            let stale: [Int64] = rows.compactMap { row in
                let blob: Data? = row["features"]
                let fresh = blob.flatMap { RecordFeatures.decode([UInt8]($0), customFields: custom) } != nil
                return fresh ? nil : row["id"] as Int64
            }
            // `load` works out what does not decode.
            for (id, features) in try load(stale, customFields: custom, threads: threads, db: db) {
                try update.execute(arguments: [Data(features.encoded(customFields: custom)), id])
                rewritten += 1
            }
            last = end
        }
    }
}

import Foundation
import GRDB

/// How to revert one change: the image of every row it touched, as it was before, kept in the
/// `journal` table. Undo puts the images back in reverse order (deleting rows that did not exist).
///
/// Rows that only derive from records (blocking keys, sort names, value counts) are not imaged
/// one by one: a marker names the records, and undo derives those rows again (or removes them).
final class Journal {
    /// The change this journal reverts.
    let changeID: Int64
    private let db: Database
    private var seq = 0
    private var saved: Set<String> = []

    /// Special entries, undone by code rather than by row images.
    enum Marker: String {
        /// An import's records were added: undo removes them with their derived rows.
        case importAdded = "@import"
        /// These records' derived rows were removed (their rows are imaged): undo derives them again.
        case recordsUnindexed = "@unindexed"
    }

    init(changeID: Int64, db: Database) {
        self.changeID = changeID
        self.db = db
    }

    /// Nothing is buffered today; kept so a change ends its journal explicitly.
    func flush() throws {}

    /// Saves the row of `table` with `key` as it is now (or that there is none), once per change,
    /// before the change modifies, deletes or inserts it.
    func save(_ table: String, _ key: [String: any DatabaseValueConvertible]) throws {
        let columns = key.keys.sorted()
        let keyJSON = try Self.json(Dictionary(uniqueKeysWithValues: columns.map { ($0, key[$0]!.databaseValue) }))
        guard saved.insert(table + "\u{1}" + keyJSON).inserted else { return }
        let condition = columns.map { "\($0) = ?" }.joined(separator: " AND ")
        let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE \(condition)"),
                                   arguments: StatementArguments(columns.map { key[$0]!.databaseValue }))
        let before: String? = try row.map { row in
            try Self.json(Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0] as DatabaseValue) }))
        }
        try append(table, keyJSON, before)
    }

    /// ``save(_:_:)`` for many rows of one table keyed by one column, in a few queries.
    func saveRows(_ table: String, keyColumn: String, _ keys: [String]) throws {
        let wanted = keys.filter { !saved.contains(table + "\u{1}" + (try? Self.json([keyColumn: $0.databaseValue])).orEmpty) }
        for chunk in wanted.chunked(400) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            var found: [String: Row] = [:]
            for row in try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE \(keyColumn) IN (\(marks))"),
                                        arguments: StatementArguments(Array(chunk))) {
                found[row[keyColumn]] = row
            }
            for key in chunk {
                let keyJSON = try Self.json([keyColumn: key.databaseValue])
                guard saved.insert(table + "\u{1}" + keyJSON).inserted else { continue }
                let before = try found[key].map { row in
                    try Self.json(Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0] as DatabaseValue) }))
                }
                try append(table, keyJSON, before)
            }
        }
    }

    /// Records a marker entry.
    func mark(_ marker: Marker, _ payload: String) throws {
        try append(marker.rawValue, payload, nil)
    }

    private func append(_ table: String, _ key: String, _ before: String?) throws {
        seq += 1
        try db.cachedStatement(sql: "INSERT INTO journal (change_id, seq, tbl, row_key, before) VALUES (?, ?, ?, ?, ?)").execute(arguments: [changeID, seq, table, key, before])
    }

    /// A row's values as JSON: integers, text and null as they are; reals under `"$real"` and blobs
    /// as base64 under `"$blob"`, so that reading them back gives the same SQL types.
    static func json(_ values: [String: DatabaseValue]) throws -> String {
        var object: [String: Any] = [:]
        for (column, value) in values {
            switch value.storage {
            case .null: object[column] = NSNull()
            case .int64(let v): object[column] = v
            case .double(let v): object[column] = ["$real": v]
            case .string(let v): object[column] = v
            case .blob(let v): object[column] = ["$blob": v.base64EncodedString()]
            }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The values of a row image.
    static func values(_ json: String) throws -> [String: DatabaseValue] {
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        var values: [String: DatabaseValue] = [:]
        for (column, value) in object {
            switch value {
            case is NSNull: values[column] = .null
            case let v as String: values[column] = v.databaseValue
            case let v as [String: Any]:
                if let real = v["$real"] as? NSNumber {
                    values[column] = real.doubleValue.databaseValue
                } else {
                    values[column] = (v["$blob"] as? String).flatMap { Data(base64Encoded: $0) }?.databaseValue ?? .null
                }
            case let v as NSNumber: values[column] = v.int64Value.databaseValue
            default: values[column] = .null
            }
        }
        return values
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}

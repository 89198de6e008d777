import Foundation

/// How to revert one change: the image of every row it touched, as it was before, kept in the
/// `journal` table (in bytes: ``encode(_:)``). Undo puts the images back in reverse order (deleting rows that did not exist).
///
/// Rows that only derive from records (blocking keys, sort names, value counts) are not imaged
/// one by one: a marker names the records, and undo derives those rows again (or removes them).
final class Journal {
    /// The change this journal reverts.
    let changeID: Int64
    private let db: any BookConnection
    private var seq = 0
    private var saved: Set<String> = []

    /// Special entries, undone by code rather than by row images.
    enum Marker: String {
        /// An import's records were added: undo removes them with their derived rows.
        case importAdded = "@import"
        /// These records' derived rows were removed (their rows are imaged): undo derives them again.
        case recordsUnindexed = "@unindexed"
    }

    /// Entries are written many to a statement (nothing reads a change's journal before it ends).
    private let pending: BatchInsert

    init(changeID: Int64, db: any BookConnection) {
        self.changeID = changeID
        self.db = db
        pending = BatchInsert(db, "INSERT INTO journal (change_id, seq, tbl, row_key, before) VALUES", columns: 5)
    }

    /// Writes the entries still buffered; a change ends with it.
    func flush() throws { try pending.flush() }

    /// Saves the row of `table` with `key` as it is now (or that there is none), once per change,
    /// before the change modifies, deletes or inserts it.
    func save(_ table: String, _ key: [String: any SQLValueConvertible]) throws {
        let columns = key.keys.sorted()
        let keyBytes = Self.encode(columns.map { ($0, key[$0]!.sqlValue) })
        guard saved.insert(table + "\u{1}" + keyBytes.base64EncodedString()).inserted else { return }
        let condition = columns.map { "\($0) = ?" }.joined(separator: " AND ")
        let row = try SQLRow.fetchOne(try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE \(condition)"),
                                   arguments: SQLArguments(columns.map { key[$0]!.sqlValue }))
        try append(table, keyBytes, row.map(Self.image))
    }

    /// ``save(_:_:)`` for many rows of one table keyed by one column, in a few queries.
    func saveRows(_ table: String, keyColumn: String, _ keys: [String]) throws {
        let keyed = keys.map { ($0, Self.encode([(keyColumn, $0.sqlValue)])) }
            .filter { saved.insert(table + "\u{1}" + $0.1.base64EncodedString()).inserted }
        for chunk in keyed.chunked(db.listChunk()) {
            let list = db.list(chunk.map(\.0))
            var found: [String: SQLRow] = [:]
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE \(keyColumn) \(list.test)"),
                                        arguments: list.arguments) {
                found[row[keyColumn]] = row
            }
            for (key, keyBytes) in chunk { try append(table, keyBytes, found[key].map(Self.image)) }
        }
    }

    /// Records a marker entry.
    func mark(_ marker: Marker, _ payload: String) throws {
        try append(marker.rawValue, Data(payload.utf8), nil)
    }

    private func append(_ table: String, _ key: Data, _ before: Data?) throws {
        seq += 1
        try pending.add([changeID, seq, table, key, before])
    }

    /// A row's columns and values.
    static func image(_ row: SQLRow) -> Data {
        encode(row.columnNames.map { ($0, row[$0] as SQLValue) })
    }

    /// Columns and values in bytes: a count, then each column's name, a type (null, integer, real,
    /// text, blob) and its value, so that putting them back gives the same SQL types.
    static func encode(_ values: [(String, SQLValue)]) -> Data {
        var w = ContactBinary.Writer()
        w.varint(UInt64(values.count))
        func bytes(_ b: [UInt8]) { w.varint(UInt64(b.count)); w.bytes.append(contentsOf: b) }
        for (column, value) in values {
            bytes(Array(column.utf8))
            switch value {
            case .null: w.bytes.append(0)
            case .integer(let v): w.bytes.append(1); w.varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
            case .real(let v): w.bytes.append(2); w.varint(v.bitPattern)
            case .text(let v): w.bytes.append(3); bytes(Array(v.utf8))
            case .blob(let v): w.bytes.append(4); bytes(v)
            }
        }
        return Data(w.bytes)
    }

    /// The columns and values ``encode(_:)`` wrote.
    static func decode(_ data: Data) throws -> [String: SQLValue] {
        let b = [UInt8](data)
        return try b.withUnsafeBufferPointer { p in
            var r = ContactBinary.Reader(bytes: p, i: 0, end: p.count)
            func bytes() throws -> [UInt8] {
                let raw = try r.varint()
                guard raw <= UInt64(r.end - r.i) else { throw ContactBinary.Damaged() }
                let n = Int(raw)
                defer { r.i += n }
                return Array(p[r.i..<(r.i + n)])
            }
            var values: [String: SQLValue] = [:]
            let count = try r.varint()
            guard count <= UInt64(r.end) else { throw ContactBinary.Damaged() }
            for _ in 0..<count {
                let column = String(decoding: try bytes(), as: UTF8.self)
                guard r.i < r.end else { throw ContactBinary.Damaged() }
                let type = p[r.i]
                r.i += 1
                switch type {
                case 0: values[column] = .null
                case 1:
                    let z = try r.varint()
                    values[column] = (Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)).sqlValue
                case 2: values[column] = Double(bitPattern: try r.varint()).sqlValue
                case 3: values[column] = String(decoding: try bytes(), as: UTF8.self).sqlValue
                case 4: values[column] = Data(try bytes()).sqlValue
                default: throw ContactBinary.Damaged()
                }
            }
            return values
        }
    }
}

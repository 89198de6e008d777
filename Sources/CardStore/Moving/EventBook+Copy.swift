/// What a copy carried: each table and its rows.
public struct BookCopy: Sendable {
    /// Tables in the order copied, with the rows of each.
    public var tables: [(name: String, rows: Int)]

    /// Rows of one table.
    public func rows(_ table: String) -> Int { tables.first { $0.name == table }?.rows ?? 0 }
}

extension EventBook {
    /// Every table of a book with the columns that order it (its primary key or an index, so that
    /// each page is a range of that index), so that a copy reads a large table a page at a time,
    /// after the last key of the page before.
    static let copiedTables: [(name: String, key: [String])] = [
        ("book_meta", ["key"]), ("change", ["id"]), ("journal", ["change_id", "seq"]), ("event", ["id"]), ("import", ["id"]),
        ("record", ["id"]), ("record_key", ["key", "record_id"]), ("record_name", ["record_id"]), ("person", ["id"]),
        ("membership", ["record_id"]), ("alias", ["old_id"]), ("link", ["a", "b"]), ("person_edit", ["person_id", "field"]),
        ("tag", ["person_id", "tag"]), ("cadence", ["target"]), ("touch", ["id"]), ("review", ["a", "b"]),
        ("export_mark", ["profile"]), ("value_count", ["kind", "key"]),
    ]

    /// Copies this whole book (every record, person, decision, touch, change and its journal, so
    /// that undo still works) into `destination`, a new book with nothing in it yet: from SQLite to
    /// PostgreSQL, back, or between two of either. One transaction on the destination: a copy that
    /// fails leaves it empty.
    public func copy(to destination: EventBook) throws(BookError) -> BookCopy {
        guard destination.path != path else { throw BookError(.database, "the book and its copy are the same: \(path)") }
        // One snapshot of this book (a reading transaction), one writing transaction on the copy.
        return try read { src in
            try destination.write { dst in
                for table in ["change", "record", "person"] {
                    if try Int.fetchOne(dst, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 > 0 {
                        throw BookError(.database, "\(destination.path) already holds a book: copy into a new, empty one")
                    }
                }
                var copied: [(name: String, rows: Int)] = []
                for (table, key) in Self.copiedTables {
                    try dst.execute(sql: "DELETE FROM \(table)")
                    let keyList = key.joined(separator: ", ")
                    let after = " WHERE (\(keyList)) > (\(key.map { _ in "?" }.joined(separator: ", ")))"
                    var last: [SQLValue]?
                    var count = 0
                    while true {
                        let page = try SQLRow.fetchAll(src, sql: "SELECT * FROM \(table)\(last == nil ? "" : after) ORDER BY \(keyList) LIMIT 5000",
                                                       arguments: SQLArguments(values: last ?? []))
                        guard let end = page.last else { break }
                        try Self.insert(page, into: table, dst)
                        count += page.count
                        last = key.map { k in end.values[end.columnNames.firstIndex(of: k)!] }
                        if page.count < 5000 { break }
                    }
                    copied.append((table, count))
                }
                // A new PostgreSQL database has no statistics until autovacuum's next pass; the first
                // imports would be planned without them.
                if dst.dialect == .postgres { try dst.execute(sql: "ANALYZE") }
                return BookCopy(tables: copied)
            }
        }
    }

    /// Rows in multi-row `INSERT`s of at most 900 values (SQLite's older limit is 999).
    private static func insert(_ rows: [SQLRow], into table: String, _ db: any BookConnection) throws {
        guard let columns = rows.first?.columnNames else { return }
        let perStatement = max(1, 900 / columns.count)
        let tuple = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            try db.execute(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                               + Array(repeating: tuple, count: chunk.count).joined(separator: ", "),
                           arguments: SQLArguments(values: chunk.flatMap(\.values)))
            start += chunk.count
        }
    }
}

/// A `column IN (…)` test over many values, one chunk of them per statement.
///
/// SQLite takes one `?` per value. PostgreSQL plans such a list anew in every statement and the
/// plan of hundreds of marks costs milliseconds (measured on a book of a million records: 1.7 ms
/// for 500 ids against 0.2 ms for the same ids as one array), so there the chunk is one array
/// parameter, `= ANY(?::bigint[])`, sent as the array's text, and ten times longer.
struct SQLList {
    /// What follows the column: `IN (?,?,…)` or `= ANY(?::bigint[])`.
    let test: String
    let arguments: SQLArguments

    /// Values per statement on SQLite: older builds allow 999 arguments.
    static let sqliteChunk = 500
    static let postgresChunk = 5_000

    /// The test for these values as the connection's backend wants it.
    init(_ values: some Collection<some SQLValueConvertible>, dialect: SQLDialect) {
        let items = values.map(\.sqlValue)
        if dialect == .postgres, let array = Self.postgresArray(items) {
            test = "= ANY(?::\(array.type))"
            arguments = [array.text]
        } else {
            test = "IN (" + String(repeating: "?,", count: max(0, items.count - 1)) + (items.isEmpty ? "NULL)" : "?)")
            arguments = SQLArguments(values: items)
        }
    }

    /// An array literal of integers or of texts (`{"a","b\"c"}`); nil for mixed or other kinds.
    static func postgresArray(_ items: [SQLValue]) -> (type: String, text: String)? {
        guard let first = items.first else { return nil }
        var text = "{"
        switch first {
        case .integer:
            for (n, v) in items.enumerated() {
                guard case .integer(let i) = v else { return nil }
                if n > 0 { text += "," }
                text += String(i)
            }
            return ("bigint[]", text + "}")
        case .text:
            for (n, v) in items.enumerated() {
                guard case .text(let s) = v else { return nil }
                if n > 0 { text += "," }
                text += "\""
                for c in s.unicodeScalars {
                    if c == "\"" || c == "\\" { text += "\\" }
                    text.unicodeScalars.append(c)
                }
                text += "\""
            }
            return ("text[]", text + "}")
        default:
            return nil
        }
    }
}

extension BookConnection {
    /// `values` a chunk at a time, each as an `IN` test (an empty collection gives none).
    /// `sqliteChunk` is lower where a statement binds the list twice.
    func lists<C: Collection>(_ values: C, sqliteChunk: Int = SQLList.sqliteChunk) -> [SQLList] where C.Element: SQLValueConvertible {
        let all = Array(values)
        let size = listChunk(sqlite: sqliteChunk)
        return stride(from: 0, to: all.count, by: size).map { SQLList(all[$0..<min(all.count, $0 + size)], dialect: dialect) }
    }

    /// How many values one list holds on this backend.
    func listChunk(sqlite: Int = SQLList.sqliteChunk) -> Int { dialect == .postgres ? SQLList.postgresChunk : sqlite }

    /// One chunk chosen by the caller, as an `IN` test.
    func list<C: Collection>(_ values: C) -> SQLList where C.Element: SQLValueConvertible {
        SQLList(values, dialect: dialect)
    }
}

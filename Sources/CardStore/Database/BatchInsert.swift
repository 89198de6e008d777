/// Rows for one `INSERT`, written as multi-row statements of at most 900 values: on PostgreSQL each
/// statement is a round trip to the server, so an import's thousands of index rows go in a few
/// dozen; on SQLite it saves the per-statement work. Rows must not conflict with each other (an
/// upsert's rows have distinct keys). Call ``flush()`` before reading what was added.
final class BatchInsert {
    private let db: any BookConnection
    private let head: String
    private let tail: String
    private let columns: Int
    private let tuple: String
    private var values: [SQLValue] = []

    /// `head` is `INSERT INTO table (a, b, c) VALUES`; `tail` an optional `ON CONFLICT …` clause.
    init(_ db: any BookConnection, _ head: String, columns: Int, tail: String = "") {
        self.db = db
        self.head = head
        self.tail = tail
        self.columns = columns
        tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
    }

    func add(_ row: SQLArguments) throws {
        precondition(row.values.count == columns)
        values.append(contentsOf: row.values)
        if values.count + columns > 900 { try flush() }
    }

    func flush() throws {
        guard !values.isEmpty else { return }
        let rows = values.count / columns
        try db.execute(sql: head + " " + Array(repeating: tuple, count: rows).joined(separator: ", ") + (tail.isEmpty ? "" : " " + tail),
                       arguments: SQLArguments(values: values))
        values.removeAll(keepingCapacity: true)
    }
}


/// Ids that are never reused: changes, imports, records, people and touches are numbered from
/// counters in `book_meta`. Undo does not roll a counter back, so an id a script once saw never
/// comes back for something else.
enum Counter: String {
    case change = "next_change"
    case importRun = "next_import"
    case record = "next_record"
    case person = "next_person"
    case touch = "next_touch"

    /// The next id, counted as used.
    static func next(_ counter: Counter, _ db: any BookConnection) throws -> Int64 {
        try reserve(counter, 1, db)
    }

    /// `count` consecutive ids; returns the first.
    static func reserve(_ counter: Counter, _ count: Int, _ db: any BookConnection) throws -> Int64 {
        let current = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT value FROM book_meta WHERE key = ?"), arguments: [counter.rawValue])
        let first = current ?? 1
        try db.cachedStatement(sql: """
            INSERT INTO book_meta (key, value) VALUES (?, ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).execute(arguments: [counter.rawValue, String(first + Int64(count))])
        return first
    }
}

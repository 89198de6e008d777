/// Creates a book's tables and upgrades an older book, the same way on every backend: each
/// migration runs once, in order, and its name is kept in `grdb_migrations` (the table GRDB's
/// migrator kept, so books written before keep their history). All pending migrations run in one
/// writing transaction: two cardtools creating the same book at once queue, and the second finds
/// nothing left to do.
struct BookMigrator {
    typealias Migration = (name: String, body: (any BookConnection) throws -> Void)
    private(set) var migrations: [Migration] = []

    mutating func register(_ name: String, _ body: @escaping (any BookConnection) throws -> Void) {
        migrations.append((name, body))
    }

    enum Outcome { case ready, notABook, newer, missing }

    /// Runs what is pending, or says why the database cannot be used as a book. A book that is up
    /// to date is only read (a read-only user can open it; a reader does not wait for a writer).
    /// `create` false: an empty database is not made a book (a command that only reads).
    func migrate(_ backend: any BookBackend, create: Bool = true) throws -> Outcome {
        if let outcome = try backend.read({ db in try check(db) }) { return outcome }
        if !create, try backend.read({ db in try db.tableNames().isEmpty }) { return .missing }
        let outcome: Outcome? = try backend.write { db -> Outcome? in
            if let outcome = try check(db) { return outcome }
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let done = Set(try String.fetchAll(try db.cachedStatement(sql: "SELECT identifier FROM grdb_migrations")))
            for m in migrations where !done.contains(m.name) {
                try m.body(db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [m.name])
            }
            return .ready
        }
        return outcome ?? .ready
    }

    /// The outcome when nothing is to be written; nil when migrations are pending.
    private func check(_ db: any BookConnection) throws -> Outcome? {
        let tables = try db.tableNames()
        if tables.isEmpty { return nil }
        // A database with tables but none of ours is not a book.
        if !tables.contains("grdb_migrations") { return .notABook }
        let done = Set(try String.fetchAll(try db.cachedStatement(sql: "SELECT identifier FROM grdb_migrations")))
        if !done.isSubset(of: Set(migrations.map(\.name))) { return .newer }
        return done.count == migrations.count ? .ready : nil
    }
}

import Foundation
import GRDB
import Synchronization

/// The single-user book: one SQLite file through GRDB, in WAL mode. A second cardtool that finds
/// the book busy waits for the first to finish (`onWait` is told once) instead of failing.
final class SQLiteBackend: BookBackend {
    let location: String
    private let queue: DatabaseQueue

    init(path: String, waitLimit: TimeInterval, onWait: @escaping @Sendable () -> Void) throws {
        location = path
        var config = Configuration()
        config.journalMode = .wal
        config.label = "cardtool book"
        config.prepareDatabase { db in
            // WAL with NORMAL sync is still all-or-nothing for a killed process; a larger page cache
            // and memory-mapped reads keep a big book's index pages from being read over and over.
            // The log is copied into the book when the command ends (SQLite does it as the last
            // connection closes), not inside a commit, unless it grows past 1 GiB: an import's
            // answer does not wait for that second of writing.
            try db.execute(sql: """
                PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144; PRAGMA mmap_size = 4294967296;
                PRAGMA wal_autocheckpoint = 262144
                """)
        }
        let waitingSince = Mutex(Date())
        config.busyMode = .callback { tries in
            // The clock starts with each wait, not when the book was opened.
            if tries == 0 { waitingSince.withLock { $0 = Date() } }
            onWait()
            usleep(10_000)
            return -waitingSince.withLock { $0 }.timeIntervalSinceNow < waitLimit
        }
        queue = try DatabaseQueue(path: path, configuration: config)
    }

    func write<T>(_ body: (any BookConnection) throws -> T?) throws -> T? {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                guard let value = try body(SQLiteConnection(db)) else { return .rollback }
                result = value
                return .commit
            }
            return result
        }
    }

    func read<T>(_ body: (any BookConnection) throws -> T) throws -> T {
        try queue.read { db in try body(SQLiteConnection(db)) }
    }

    func reason(_ error: any Error) -> String? { Self.message(error) }

    func isBusy(_ error: any Error) -> Bool { Self.busy(error) }

    static func message(_ error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }

    static func busy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }
}

/// GRDB's connection, seen as a ``BookConnection``.
final class SQLiteConnection: BookConnection {
    private let db: Database
    var dialect: SQLDialect { .sqlite }

    init(_ db: Database) { self.db = db }

    private static func arguments(_ a: SQLArguments) -> StatementArguments {
        StatementArguments(a.values.map { v -> DatabaseValue in
            switch v {
            case .null: return .null
            case .integer(let i): return i.databaseValue
            case .real(let d): return d.databaseValue
            case .text(let s): return s.databaseValue
            case .blob(let b): return Data(b).databaseValue
            }
        })
    }

    static func value(_ v: DatabaseValue) -> SQLValue {
        switch v.storage {
        case .null: return .null
        case .int64(let i): return .integer(i)
        case .double(let d): return .real(d)
        case .string(let s): return .text(s)
        case .blob(let b): return .blob([UInt8](b))
        }
    }

    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    func fetch(_ sql: String, _ arguments: SQLArguments, limit: Int?) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let names = statement.columnNames
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        var rows: [SQLRow] = []
        while let row = try cursor.next() {
            rows.append(SQLRow(columnNames: names, values: row.databaseValues.map(Self.value)))
            if let limit, rows.count >= limit { break }
        }
        return rows
    }

    func executeScript(_ sql: String) throws { try db.execute(sql: sql) }

    func tableNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    }
}

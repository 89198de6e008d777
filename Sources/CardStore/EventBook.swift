import CardModel
import Foundation
import GRDB
import Synchronization

/// The event book: one SQLite file that remembers every imported record, the people they make
/// up, where and when you met them, and every change, so that any change can be undone.
///
/// One change (an import, a touch, a split…) is one transaction: a process killed at any moment
/// leaves the book as it was before the change or after it. The book is in WAL mode, and a second
/// cardtool that finds it busy waits for the first to finish (`onWait` is told once) instead of
/// failing. A book written by a newer cardtool is refused, never touched.
///
/// ```swift
/// let book = try EventBook(path: BookLocation.path(option: nil))
/// let report = try book.importContacts(contacts, options: ImportOptions(files: ["badges.csv"]))
/// ```
public final class EventBook: Sendable {
    /// The book's file.
    public let path: String
    let database: DatabaseQueue

    /// How long a second cardtool waits for the first to finish with the book.
    static let busyWait: TimeInterval = 600

    /// Opens the book at `path`, creating it (and its folder) when `create` is true and it does not
    /// exist. `onWait` is called once when another process holds the book and this one waits.
    public init(path: String, create: Bool = true, onWait: (@Sendable () -> Void)? = nil) throws(BookError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            guard create else { throw BookError(.missing, "no book at \(path) yet: `cardtool import FILE --event NAME` starts one") }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                    throw BookError(.database, "cannot create \(folder): \(error.localizedDescription)")
                }
            }
        }
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
        let told = Told()
        let waitingSince = Mutex(Date())
        config.busyMode = .callback { tries in
            // The clock starts with each wait, not when the book was opened.
            if tries == 0 { waitingSince.withLock { $0 = Date() } }
            if told.once() { onWait?() }
            usleep(10_000)
            return -waitingSince.withLock { $0 }.timeIntervalSinceNow < EventBook.busyWait
        }
        // Opening can meet the lock where SQLite calls no busy handler (another cardtool switching a
        // new book to WAL, or creating its tables): wait for it as for any other busy book.
        let started = Date()
        var opened: DatabaseQueue?
        while opened == nil {
            do {
                let queue = try DatabaseQueue(path: path, configuration: config)
                try Self.migrate(queue, path: path)
                opened = queue
            } catch {
                let busy = (error as? DatabaseError).map { $0.resultCode == .SQLITE_BUSY || $0.resultCode == .SQLITE_LOCKED } ?? false
                    || (error as? BookError)?.busy == true
                guard busy, -started.timeIntervalSinceNow < EventBook.busyWait else {
                    if let error = error as? BookError { throw error }
                    throw BookError(.notABook, "cannot open \(path) as a book: \(Self.reason(error))")
                }
                if told.once() { onWait?() }
                usleep(20_000)
            }
        }
        database = opened!
    }

    /// Calls back once, from any thread.
    private final class Told: Sendable {
        private let done = Mutex(false)
        func once() -> Bool { done.withLock { d in defer { d = true }; return !d } }
    }

    /// Creates the tables, upgrades an older book, refuses a newer one.
    private static func migrate(_ database: DatabaseQueue, path: String) throws(BookError) {
        let migrator = BookSchema.migrator
        do {
            let newer = try database.read { db -> Bool in
                // A database with tables but none of ours is not a book.
                let tables = try String.fetchAll(try db.cachedStatement(sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
                if !tables.isEmpty && !tables.contains("grdb_migrations") {
                    throw BookError(.notABook, "\(path) is a database, but not a cardtool book")
                }
                return try migrator.hasBeenSuperseded(db)
            }
            if newer {
                throw BookError(.newerBook, "\(path) was written by a newer cardtool; upgrade cardtool to use it (the book is left as it is)")
            }
            do {
                try migrator.migrate(database)
            } catch {
                // Two cardtools creating the same book at once both find it empty; the second
                // then fails to create tables the first has just made. The book is fine if every
                // migration is now in place.
                guard try database.read({ try migrator.hasCompletedMigrations($0) }) else { throw error }
            }
        } catch let error as BookError {
            throw error
        } catch {
            var failure = BookError(.notABook, "cannot open \(path) as a book: \(Self.reason(error))")
            if let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                failure.busy = true
            }
            throw failure
        }
    }

    /// A database error's reason without its SQL or arguments (they may hold contact data).
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        if let error = error as? BookError { return error.message }
        return "\(error)"
    }

    /// Runs `body` in one immediate transaction (the write lock from the start, so two writers
    /// queue instead of one failing halfway).
    func write<T>(_ body: (Database) throws -> T) throws(BookError) -> T {
        do {
            return try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as BookError {
            throw error
        } catch {
            throw BookError(.database, "the book could not be changed: \(Self.reason(error))")
        }
    }

    /// Runs `body` in a read transaction.
    func read<T>(_ body: (Database) throws -> T) throws(BookError) -> T {
        do {
            return try database.read { db in try body(db) }
        } catch let error as BookError {
            throw error
        } catch {
            throw BookError(.database, "the book could not be read: \(Self.reason(error))")
        }
    }

    /// Runs a change: one transaction with a `change` row and its journal, so that `undo` can revert
    /// it. `body` returns the summary the history shows, or nil to abandon the change (nothing
    /// changed: the transaction is rolled back and leaves no history entry).
    func change<T>(_ kind: String, _ body: (Database, Journal) throws -> (summary: String, result: T)?) throws(BookError) -> T? {
        do {
            return try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let id = try Counter.next(.change, db)
                    let journal = Journal(changeID: id, db: db)
                    guard let (summary, value) = try body(db, journal) else { return .rollback }
                    try db.cachedStatement(sql: "INSERT INTO change (id, kind, at, summary) VALUES (?, ?, ?, ?)").execute(arguments: [id, kind, Self.timestamp(), summary])
                    try journal.flush()
                    result = value
                    return .commit
                }
                return result
            }
        } catch let error as BookError {
            throw error
        } catch {
            throw BookError(.database, "the book could not be changed: \(Self.reason(error))")
        }
    }

    /// Now, as ISO 8601 with seconds, UTC.
    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Today as a calendar date (UTC).
    public static func today() -> PartialDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return PartialDate(year: c.year, month: c.month ?? 1, day: c.day ?? 1)!
    }
}

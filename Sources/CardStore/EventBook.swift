import CardModel
import Foundation
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
    /// Where the book is: its file, or a PostgreSQL address without a password.
    public let path: String
    let backend: any BookBackend
    /// Who makes this process's changes: `--as NAME`, else the login name. Kept with every
    /// change and touch, and with the records an import brings.
    public let actor: String

    /// How long a second cardtool waits for the first to finish with the book.
    static let busyWait: TimeInterval = 600

    /// Opens the book at `path`, creating it (and its folder) when `create` is true and it does not
    /// exist. `onWait` is called once when another process holds the book and this one waits.
    /// A `postgres://` address opens a team's book on PostgreSQL instead (see ``PostgresAddress``).
    public init(path: String, create: Bool = true, as actor: String? = nil, onWait: (@Sendable () -> Void)? = nil) throws(BookError) {
        self.actor = actor.flatMap { $0.isEmpty ? nil : $0 } ?? Self.loginName()
        if PostgresAddress.isAddress(path) {
            let told = Told()
            let pg = try PostgresBackend(address: try PostgresAddress(path)) { if told.once() { onWait?() } }
            self.path = pg.location
            backend = pg
            try Self.migrate(pg, path: pg.location, create: create)
            return
        }
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
        let told = Told()
        let wait: @Sendable () -> Void = { if told.once() { onWait?() } }
        // Opening can meet the lock where SQLite calls no busy handler (another cardtool switching a
        // new book to WAL, or creating its tables): wait for it as for any other busy book.
        let started = Date()
        var opened: SQLiteBackend?
        while opened == nil {
            var backend: SQLiteBackend?
            do {
                backend = try SQLiteBackend(path: path, waitLimit: Self.busyWait, onWait: wait)
                try Self.migrate(backend!, path: path)
                opened = backend
            } catch {
                let busy = SQLiteBackend.busy(error) || (error as? BookError)?.busy == true
                guard busy, -started.timeIntervalSinceNow < EventBook.busyWait else {
                    if let error = error as? BookError { throw error }
                    throw BookError(.notABook, "cannot open \(path) as a book: \(SQLiteBackend.message(error) ?? "\(error)")")
                }
                wait()
                usleep(20_000)
            }
        }
        backend = opened!
    }

    /// The login name: `$USER`, `$LOGNAME`, else the account's name.
    public static func loginName(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["USER", "LOGNAME"] { if let v = environment[key], !v.isEmpty { return v } }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// Calls back once, from any thread.
    private final class Told: Sendable {
        private let done = Mutex(false)
        func once() -> Bool { done.withLock { d in defer { d = true }; return !d } }
    }

    /// Creates the tables, upgrades an older book, refuses a newer one.
    private static func migrate(_ backend: any BookBackend, path: String, create: Bool = true) throws(BookError) {
        do {
            switch try BookSchema.migrator.migrate(backend, create: create) {
            case .missing: throw BookError(.missing, "no book at \(path) yet: `cardtool import FILE --event NAME` starts one")
            case .ready: return
            case .notABook: throw BookError(.notABook, "\(path) is a database, but not a cardtool book")
            case .newer:
                throw BookError(.newerBook, "\(path) was written by a newer cardtool; upgrade cardtool to use it (the book is left as it is)")
            }
        } catch let error as BookError {
            throw error
        } catch {
            var failure = BookError(.notABook, "cannot open \(path) as a book: \(backend.reason(error) ?? "\(error)")")
            failure.busy = backend.isBusy(error)
            throw failure
        }
    }

    /// A database error's reason without its SQL or arguments (they may hold contact data).
    func reason(_ error: any Error) -> String {
        if let error = error as? BookError { return error.message }
        return backend.reason(error) ?? "\(error)"
    }

    /// Runs `body` in one immediate transaction (the write lock from the start, so two writers
    /// queue instead of one failing halfway).
    func write<T>(_ body: (any BookConnection) throws -> T) throws(BookError) -> T {
        do {
            return try backend.write { db in try body(db) }!
        } catch let error as BookError {
            throw error
        } catch {
            throw BookError(.database, "the book could not be changed: \(reason(error))")
        }
    }

    /// The custom fields the book compares (identity numbers such as `DNI/NIE`, `--map
    /// Column=custom:NAME`), in the order they were first imported: CSV exports keep them as columns.
    public func comparedFields() throws(BookError) -> [String] {
        try read { db in try Self.customFields(db) }
    }

    /// Runs `body` in a read transaction.
    func read<T>(_ body: (any BookConnection) throws -> T) throws(BookError) -> T {
        do {
            return try backend.read { db in try body(db) }
        } catch let error as BookError {
            throw error
        } catch {
            throw BookError(.database, "the book could not be read: \(reason(error))")
        }
    }

    /// Runs a change: one transaction with a `change` row and its journal, so that `undo` can revert
    /// it. `body` returns the summary the history shows, or nil to abandon the change (nothing
    /// changed: the transaction is rolled back and leaves no history entry).
    func change<T>(_ kind: String, _ body: (any BookConnection, Journal) throws -> (summary: String, result: T)?) throws(BookError) -> T? {
        do {
            return try backend.write { db -> T? in
                let id = try Counter.next(.change, db)
                let journal = Journal(changeID: id, db: db)
                guard let (summary, value) = try body(db, journal) else { return nil }
                try db.cachedStatement(sql: "INSERT INTO change (id, kind, at, summary, by_name) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [id, kind, Self.timestamp(), summary, actor])
                try journal.flush()
                return value
            }
        } catch let error as BookError {
            throw error
        } catch {
            throw BookError(.database, "the book could not be changed: \(reason(error))")
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

/// What the book's code asks of a database, inside one transaction. SQLite (through GRDB) and
/// PostgreSQL (through postgres-nio) each implement it; the statements are written once, with `?`
/// marks, in the SQL both share (see ``BookSchema``), and a backend translates what it must.
protocol BookConnection: AnyObject {
    /// Which backend this is, for the few statements that differ.
    var dialect: SQLDialect { get }
    /// Runs one statement.
    func execute(_ sql: String, _ arguments: SQLArguments) throws
    /// Runs a query; `limit` stops reading after that many rows.
    func fetch(_ sql: String, _ arguments: SQLArguments, limit: Int?) throws -> [SQLRow]
    /// Runs several statements separated by semicolons, without arguments (the schema).
    func executeScript(_ sql: String) throws
    /// The names of the tables in the database (the book's and any other).
    func tableNames() throws -> [String]
}

/// The SQL spoken by a backend.
enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

extension BookConnection {
    /// A statement to run or query. Backends keep prepared statements by their SQL, so a statement
    /// in a loop is prepared once.
    func cachedStatement(sql: String) throws -> SQLStatement { SQLStatement(connection: self, sql: sql) }

    func execute(sql: String, arguments: SQLArguments = []) throws { try execute(sql, arguments) }
}

/// A statement's SQL on its connection.
struct SQLStatement {
    let connection: any BookConnection
    let sql: String

    func execute(arguments: SQLArguments = []) throws { try connection.execute(sql, arguments) }
}

/// Where a book lives and how its transactions run: one per backend.
protocol BookBackend: Sendable {
    /// Where the book is, for messages (never with a password).
    var location: String { get }
    /// Runs `body` in one writing transaction that holds the book's write lock from its start, so
    /// two writers queue instead of one failing halfway. `body` returns nil to roll back.
    func write<T>(_ body: (any BookConnection) throws -> T?) throws -> T?
    /// Runs `body` in one reading transaction (a consistent snapshot).
    func read<T>(_ body: (any BookConnection) throws -> T) throws -> T
    /// A database error's reason without its SQL or arguments (they may hold contact data).
    func reason(_ error: any Error) -> String?
    /// The error says the book is busy (another process holds it).
    func isBusy(_ error: any Error) -> Bool
}

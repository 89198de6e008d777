import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A team's book on PostgreSQL, through postgres-nio: one connection per cardtool process, its
/// calls waited for on the caller's thread (the book's code is synchronous, like SQLite's).
///
/// Writers take one advisory lock per book (`pg_advisory_xact_lock`) as their transaction's first
/// statement, held until it commits. Matching an import against the book reads the people already
/// there and then adds to them; two imports matching at once would each miss the other's new
/// people and add the same person twice. Under the lock they queue, as writers of a SQLite book
/// do, while readers go on from their own snapshot (`REPEATABLE READ`). Serializable transactions
/// would also be correct, but an import conflicts with nearly every other import (both read the
/// same keys' rows), so they would mostly fail and retry: queueing is the same work, once.
final class PostgresBackend: BookBackend, @unchecked Sendable {
    let location: String
    private let connection: PostgresConnection
    private let logger: Logger
    /// One transaction at a time on the one connection.
    private let lock = NSLock()
    /// The advisory lock's key: any fixed number ("card"); locks are per database already.
    static let writeLockKey: Int64 = 0x6361_7264

    /// Told when a change has to wait for another cardtool's.
    private let onWait: @Sendable () -> Void

    init(address: PostgresAddress, environment: [String: String] = ProcessInfo.processInfo.environment,
         onWait: @escaping @Sendable () -> Void = {}) throws(BookError) {
        location = address.display
        self.onWait = onWait
        // No log lines: they would carry statements, and statements' values are contact data.
        logger = Logger(label: "cardtool.book", factory: { _ in SwiftLogNoOpLogHandler() })
        let password = address.password(environment: environment)
        var config: PostgresConnection.Configuration
        if let folder = address.socketFolder {
            config = .init(unixSocketPath: folder + "/.s.PGSQL.\(address.port)", username: address.user, password: password, database: address.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do {
                tls = try Self.tls(address)
            } catch {
                throw BookError(.database, "cannot set up TLS for \(address.display): \(error)")
            }
            config = .init(host: address.host, port: address.port, username: address.user, password: password,
                           database: address.database, tls: tls)
        }
        config.options.connectTimeout = .seconds(15)
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: config,
                                                        id: 1, logger: logger).wait()
            // A change waits for another at most as long as on a SQLite book.
            _ = try connection.query("SET lock_timeout = '\(unescaped: String(Int(EventBook.busyWait)))s'", logger: logger).wait()
        } catch {
            throw BookError(.database, "cannot connect to \(address.display): \(Self.message(error) ?? Self.connectionReason(error))")
        }
    }

    deinit {
        try? connection.close().wait()
    }

    private static func tls(_ address: PostgresAddress) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch address.sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let root = address.rootCertificate { tls.trustRoots = .file(root) }
        let context = try NIOSSLContext(configuration: tls)
        switch address.sslMode {
        case .allow, .prefer: return .prefer(context)
        default: return .require(context)
        }
    }

    func write<T>(_ body: (any BookConnection) throws -> T?) throws -> T? {
        lock.lock()
        defer { lock.unlock() }
        let db = PostgresBookConnection(connection, logger)
        try db.execute("BEGIN", [])
        do {
            if try Bool.fetchOne(try db.cachedStatement(sql: "SELECT pg_try_advisory_xact_lock(?)"), arguments: [Self.writeLockKey]) != true {
                onWait()
                try db.execute("SELECT pg_advisory_xact_lock(?)", [Self.writeLockKey])
            }
            guard let result = try body(db) else {
                try db.execute("ROLLBACK", [])
                return nil
            }
            try db.execute("COMMIT", [])
            return result
        } catch {
            try? db.execute("ROLLBACK", [])
            throw error
        }
    }

    func read<T>(_ body: (any BookConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let db = PostgresBookConnection(connection, logger)
        try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [])
        do {
            let result = try body(db)
            try db.execute("COMMIT", [])
            return result
        } catch {
            try? db.execute("ROLLBACK", [])
            throw error
        }
    }

    func reason(_ error: any Error) -> String? {
        guard let psql = error as? PSQLError else { return nil }
        if let state = psql.serverInfo?[.sqlState], Self.deniedStates.contains(state) {
            return "this database user may read the book but not change it (\(psql.serverInfo?[.message] ?? state))"
        }
        return Self.message(error) ?? Self.connectionReason(error)
    }

    func isBusy(_ error: any Error) -> Bool { false }

    /// Permission denied; read-only transaction.
    static let deniedStates: Set<String> = ["42501", "25006"]

    /// Whether the error is a write the database user may not make.
    static func denied(_ error: any Error) -> Bool {
        guard let psql = error as? PSQLError, let state = psql.serverInfo?[.sqlState] else { return false }
        return deniedStates.contains(state)
    }

    /// The server's own message (never the statement or its values).
    static func message(_ error: any Error) -> String? {
        guard let psql = error as? PSQLError, let message = psql.serverInfo?[.message] else { return nil }
        return message
    }

    /// A connection failure in words, without the configuration (which holds the password).
    static func connectionReason(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let underlying = psql.underlying { return "\(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }
}

/// postgres-nio's connection, seen as a ``BookConnection``: `?` marks become `$1, $2…`, the
/// schema's SQLite types their PostgreSQL names, and cells the book's five kinds of value.
final class PostgresBookConnection: BookConnection {
    private let connection: PostgresConnection
    private let logger: Logger
    var dialect: SQLDialect { .postgres }

    init(_ connection: PostgresConnection, _ logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// `?` outside quotes becomes `$n`.
    static func numbered(_ sql: String) -> String {
        var out = "", n = 0, quoted = false
        out.reserveCapacity(sql.utf8.count + 16)
        for c in sql {
            if c == "'" { quoted.toggle() }
            if c == "?" && !quoted {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// The schema's column types as PostgreSQL names them: 64-bit integers (SQLite's are), `BYTEA`
    /// for blobs, and text compared byte by byte (`COLLATE "C"`), as SQLite compares it, so that
    /// lists sort the same on both.
    static func schema(_ sql: String) -> String {
        var s = sql
        for (a, b) in [(" INTEGER", " BIGINT"), (" BLOB", " BYTEA"), (" REAL", " DOUBLE PRECISION"), (" TEXT", " TEXT COLLATE \"C\"")] {
            s = s.replacingOccurrences(of: a, with: b)
        }
        return s
    }

    private func run(_ sql: String, _ arguments: SQLArguments) throws -> [PostgresRow] {
        var binds = PostgresBindings(capacity: arguments.values.count)
        for v in arguments.values {
            switch v {
            case .null: binds.appendNull()
            case .integer(let i): binds.append(i)
            case .real(let d): binds.append(d)
            case .text(let s): binds.append(s)
            case .blob(let b): binds.append(ByteBuffer(bytes: b))
            }
        }
        let query = PostgresQuery(unsafeSQL: arguments.values.isEmpty && !sql.contains("?") ? sql : Self.numbered(sql), binds: binds)
        return try connection.query(query, logger: logger).wait().rows
    }

    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        _ = try run(sql, arguments)
    }

    func fetch(_ sql: String, _ arguments: SQLArguments, limit: Int?) throws -> [SQLRow] {
        let rows = try run(sql, arguments)
        var out: [SQLRow] = []
        out.reserveCapacity(limit.map { min($0, rows.count) } ?? rows.count)
        var names: [String]?
        for row in rows {
            if let limit, out.count >= limit { break }
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            if names == nil { names = row.map(\.columnName) }
            for cell in row { values.append(try Self.value(cell)) }
            out.append(SQLRow(columnNames: names!, values: values))
        }
        return out
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea:
            let buffer = try cell.decode(ByteBuffer.self)
            return .blob(Array(buffer.readableBytesView))
        case .numeric:
            let d = try cell.decode(Decimal.self)
            let n = NSDecimalNumber(decimal: d)
            if d == Decimal(n.int64Value) { return .integer(n.int64Value) }
            return .real(n.doubleValue)
        default:
            return .text(try cell.decode(String.self))
        }
    }

    func executeScript(_ sql: String) throws {
        for statement in Self.schema(sql).split(separator: ";") {
            let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { _ = try run(text, []) }
        }
    }

    func tableNames() throws -> [String] {
        try String.fetchAll(try cachedStatement(sql: "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
    }
}

import Foundation

/// The backends a book's tests run on: SQLite always; PostgreSQL when `make test` started its
/// throwaway cluster (`scripts/with-postgres.sh` sets `CARDTOOL_TEST_POSTGRES`).
enum BookStore: String, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var all: [BookStore] { TestPostgres.admin == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }
}

import Testing

/// Databases made and dropped on the test cluster with `psql`, one per test.
enum TestPostgres {
    /// The cluster's address (its `postgres` database), from the environment.
    static var admin: String? {
        ProcessInfo.processInfo.environment["CARDTOOL_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs one statement as the cluster's owner.
    @discardableResult
    static func psql(_ sql: String, database: String = "postgres") throws -> String {
        guard let admin else { throw Unavailable() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        let uri = admin.replacingOccurrences(of: "postgres://", with: "postgresql://")
            .replacingOccurrences(of: "/postgres?", with: "/\(database)?")
        process.arguments = ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", uri, "-c", sql]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = out.fileHandleForReading.readDataToEndOfFile()
        let problem = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(message: String(decoding: problem, as: UTF8.self))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A new empty database; returns the address of a book in it.
    static func createDatabase() throws -> String {
        let name = "book_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try psql("CREATE DATABASE \(name)")
        return address(of: String(name))
    }

    static func address(of database: String) -> String {
        admin!.replacingOccurrences(of: "/postgres?", with: "/\(database)?")
    }

    /// Drops the database of a book's address (shown without the query), ignoring failures.
    static func dropDatabase(_ shown: String) {
        guard let name = shown.split(separator: "/").last.map(String.init) else { return }
        _ = try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    struct Unavailable: Error {}
    struct Failed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

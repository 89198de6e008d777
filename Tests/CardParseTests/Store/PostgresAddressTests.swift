import Foundation
import Testing
@testable import CardStore

/// Team-book addresses, read as libpq reads them; passwords only from the environment or the file.
@Suite("PostgreSQL addresses")
struct PostgresAddressTests {
    @Test("user, host, port, database and sslmode; shown without a password")
    func parts() throws {
        let a = try PostgresAddress("postgres://ana@db.example.internal:6543/ventas?sslmode=verify-full", environment: [:])
        #expect(a.user == "ana" && a.host == "db.example.internal" && a.port == 6543 && a.database == "ventas")
        #expect(a.sslMode == .verifyFull)
        #expect(a.display == "postgres://ana@db.example.internal:6543/ventas")
        let b = try PostgresAddress("postgresql://ana@localhost/ventas?host=/run/postgresql", environment: [:])
        #expect(b.port == 5432 && b.socketFolder == "/run/postgresql" && b.sslMode == .prefer)
        let c = try PostgresAddress("postgres://db.example.internal", environment: ["USER": "luis"])
        #expect(c.user == "luis" && c.database == "luis", "libpq's defaults: the login name, and a database named after the user")
    }

    @Test("a password in the address, an unknown sslmode or parameter is refused, and the message never repeats the password")
    func refused() {
        for text in ["postgres://ana:s3cr3t-Pw@db/ventas", "postgres://ana@db/ventas?sslmode=sometimes", "postgres://ana@db/ventas?pasword=x"] {
            #expect {
                _ = try PostgresAddress(text, environment: [:])
            } throws: { error in
                "\(error)".contains("s3cr3t-Pw") == false && (error as? BookError)?.kind == .notABook
            }
        }
    }

    @Test("PGPASSWORD first, then the first matching line of the password file, with wildcards and escapes")
    func passwords() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try """
            # host:port:database:user:password
            other.example:5432:*:ana:wrong
            db.example.internal:6543:ventas:ana:pa\\:ss\\\\word
            *:*:*:ana:fallback

            """.write(toFile: file, atomically: false, encoding: .utf8)
        let a = try PostgresAddress("postgres://ana@db.example.internal:6543/ventas", environment: [:])
        #expect(a.password(environment: ["PGPASSFILE": file]) == "pa:ss\\word")
        #expect(a.password(environment: ["PGPASSFILE": file, "PGPASSWORD": "from-env"]) == "from-env")
        let b = try PostgresAddress("postgres://ana@elsewhere/ventas", environment: [:])
        #expect(b.password(environment: ["PGPASSFILE": file]) == "fallback")
        let c = try PostgresAddress("postgres://luis@elsewhere/ventas", environment: [:])
        #expect(c.password(environment: ["PGPASSFILE": file]) == nil)
    }

    @Test("? marks become numbered parameters, except inside quotes; the schema's types get PostgreSQL's names")
    func dialect() {
        #expect(PostgresBookConnection.numbered("SELECT a FROM t WHERE b = ? AND c = '?' AND d IN (?, ?)")
                == "SELECT a FROM t WHERE b = $1 AND c = '?' AND d IN ($2, $3)")
        #expect(PostgresBookConnection.schema("CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL, v BLOB, r REAL, s TEXT NOT NULL)")
                == "CREATE TABLE t (id BIGINT PRIMARY KEY NOT NULL, v BYTEA, r DOUBLE PRECISION, s TEXT COLLATE \"C\" NOT NULL)")
    }
}

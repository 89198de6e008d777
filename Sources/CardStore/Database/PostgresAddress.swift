import Foundation

/// A team book's address, `postgres://USER@HOST[:PORT]/DB[?sslmode=MODE]` (also `postgresql://`),
/// read as libpq reads it. The password is never in the address (it would show in the process
/// list and in shell history): it comes from `PGPASSWORD` or `~/.pgpass` (`PGPASSFILE`), as with
/// `psql`. `host=/folder` in the query names a Unix socket folder instead of a TCP host.
struct PostgresAddress: Sendable, Equatable {
    /// How the connection is encrypted, with libpq's names and meanings.
    enum SSLMode: String, Sendable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, certificate not checked (libpq's default is `prefer`).
        case allow, prefer
        /// TLS always, certificate not checked.
        case require
        /// TLS always; the certificate must chain to a trusted root.
        case verifyCA = "verify-ca"
        /// TLS always; the certificate must chain to a trusted root and name the host.
        case verifyFull = "verify-full"
    }

    var user: String
    var host: String
    var port: Int
    var database: String
    /// A Unix socket folder (`?host=/run/postgresql`); `host` is then only for `~/.pgpass`.
    var socketFolder: String?
    var sslMode: SSLMode
    /// `sslrootcert=FILE`: the roots a `verify-*` mode trusts (else the system's).
    var rootCertificate: String?

    /// Whether `text` names a PostgreSQL book rather than a SQLite file.
    static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads an address; the error says what is wrong, without repeating a password.
    init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(BookError) {
        guard Self.isAddress(text), let url = URLComponents(string: text) else {
            throw BookError(.notABook, "not a PostgreSQL address: expected postgres://USER@HOST[:PORT]/DATABASE")
        }
        if url.password != nil {
            throw BookError(.notABook, "the address holds a password: remove it and put it in PGPASSWORD or ~/.pgpass (an address shows in the process list)")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        user = url.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        socketFolder = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        host = url.host.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = url.port ?? query["port"].flatMap(Int.init) ?? environment["PGPORT"].flatMap(Int.init) ?? 5432
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let ssl = SSLMode(rawValue: mode) else {
            throw BookError(.notABook, "sslmode=\(mode) is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        sslMode = ssl
        rootCertificate = query["sslrootcert"] ?? environment["PGSSLROOTCERT"]
        for name in query.keys where !["sslmode", "host", "port", "sslrootcert", "application_name", "connect_timeout"].contains(name) {
            throw BookError(.notABook, "the address has a parameter cardtool does not know: \(name)")
        }
    }

    /// The address as shown in messages and listings: never a password.
    var display: String {
        "postgres://\(user)@\(host)\(port == 5432 ? "" : ":\(port)")/\(database)"
    }

    /// The password from `PGPASSWORD`, else the first matching line of the password file.
    func password(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let p = environment["PGPASSWORD"], !p.isEmpty { return p }
        let file = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let hostName = socketFolder == nil ? host : "localhost"
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.passFields(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [hostName, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A `.pgpass` line's fields: colons separate, `\:` and `\\` escape.
    static func passFields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for c in line {
            if escaped { current.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == ":" { fields.append(current); current = "" }
            else { current.append(c) }
        }
        fields.append(current)
        return fields
    }
}

/// One result row: its columns' names and values, copied out of the backend's own row type.
struct SQLRow: Sendable {
    let columnNames: [String]
    let values: [SQLValue]

    init(columnNames: [String], values: [SQLValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    /// The value of a column by name; the book's own queries name only columns they select, so a
    /// missing column or a value of the wrong kind is a programming error, as in GRDB.
    subscript<T: SQLValueConvertible>(_ name: String) -> T {
        guard let i = columnNames.firstIndex(of: name) else { preconditionFailure("no column \(name) in the result") }
        return self[i]
    }

    subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        guard let value = T.fromSQL(values[index]) else {
            preconditionFailure("column \(columnNames[index]) holds a value that is not a \(T.self)")
        }
        return value
    }

    /// Every row of a query.
    static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [SQLRow] {
        try statement.connection.fetch(statement.sql, arguments, limit: nil)
    }

    static func fetchAll(_ db: any BookConnection, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.fetch(sql, arguments, limit: nil)
    }

    /// The first row of a query, if any.
    static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLRow? {
        try statement.connection.fetch(statement.sql, arguments, limit: 1).first
    }
}

extension SQLValueConvertible {
    /// The first column of every row (rows whose value does not convert, such as NULL, are left out).
    static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Self] {
        try statement.connection.fetch(statement.sql, arguments, limit: nil).compactMap { $0.values.first.flatMap(Self.fromSQL) }
    }

    static func fetchAll(_ db: any BookConnection, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try fetchAll(try db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchOne(_ db: any BookConnection, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try fetchOne(try db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first column of the first row, nil when there is no row or it is NULL.
    static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
        try statement.connection.fetch(statement.sql, arguments, limit: 1).first?.values.first.flatMap(Self.fromSQL)
    }
}

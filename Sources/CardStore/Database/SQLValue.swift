import Foundation

/// One value as the book's tables hold it, the same on every backend: SQLite's five storage
/// classes, which PostgreSQL's `BIGINT`, `DOUBLE PRECISION`, `TEXT` and `BYTEA` columns map onto.
/// The store speaks only these, so one body of SQL and code runs on either.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A Swift type the book stores in one column. Reading converts as SQLite does (text holding a
/// number reads as that number), because the book keeps counters as text in `book_meta`.
protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    static func fromSQL(_ value: SQLValue) -> Self?
}

extension SQLValue: SQLValueConvertible {
    var sqlValue: SQLValue { self }
    static func fromSQL(_ value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self) }
    static func fromSQL(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let v): return v
        case .real(let v): return Int64(exactly: v.rounded(.towardZero))
        case .text(let s): return Int64(s) ?? Double(s).flatMap { Int64(exactly: $0.rounded(.towardZero)) }
        case .null, .blob: return nil
        }
    }
}

extension Int: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    static func fromSQL(_ value: SQLValue) -> Int? { Int64.fromSQL(value).map(Int.init) }
}

extension Bool: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    static func fromSQL(_ value: SQLValue) -> Bool? { Int64.fromSQL(value).map { $0 != 0 } }
}

extension Double: SQLValueConvertible {
    var sqlValue: SQLValue { .real(self) }
    static func fromSQL(_ value: SQLValue) -> Double? {
        switch value {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .text(let s): return Double(s)
        case .null, .blob: return nil
        }
    }
}

extension String: SQLValueConvertible {
    var sqlValue: SQLValue { .text(self) }
    static func fromSQL(_ value: SQLValue) -> String? {
        switch value {
        case .text(let s): return s
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        case .null: return nil
        }
    }
}

extension Data: SQLValueConvertible {
    var sqlValue: SQLValue { .blob([UInt8](self)) }
    static func fromSQL(_ value: SQLValue) -> Data? {
        switch value {
        case .blob(let b): return Data(b)
        case .text(let s): return Data(s.utf8)
        case .null, .integer, .real: return nil
        }
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
    static func fromSQL(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.fromSQL(value).map { .some($0) }
    }
}

/// The values bound to a statement's `?` marks, in order.
struct SQLArguments: ExpressibleByArrayLiteral, Sendable {
    var values: [SQLValue]

    init(arrayLiteral elements: (any SQLValueConvertible)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    init(_ elements: some Sequence<some SQLValueConvertible>) {
        values = elements.map(\.sqlValue)
    }

    init(values: [SQLValue]) { self.values = values }

    init(_ elements: [any SQLValueConvertible]) { values = elements.map(\.sqlValue) }

    init(_ elements: [(any SQLValueConvertible)?]) { values = elements.map { $0?.sqlValue ?? .null } }

    static func + (a: SQLArguments, b: SQLArguments) -> SQLArguments { SQLArguments(values: a.values + b.values) }
}

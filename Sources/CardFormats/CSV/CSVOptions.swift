
/// Options for reading CSV, from the command line.
public struct CSVOptions: Sendable {
    /// Force the delimiter instead of detecting it.
    public var dialect: CSVDialect?
    /// Force the text encoding instead of UTF-8 with a Windows-1252 fallback.
    public var charset: Charset?
    /// `--map "Column=field"`: header (as written) → role.
    public var overrides: [String: CSVColumnRole]
    /// `--id-column NAME`.
    public var idColumn: String?

    /// Creates options; by default nothing is forced (detected delimiter and encoding, no `--map`).
    public init(dialect: CSVDialect? = nil, charset: Charset? = nil, overrides: [String: CSVColumnRole] = [:],
                idColumn: String? = nil) {
        self.dialect = dialect
        self.charset = charset
        self.overrides = overrides
        self.idColumn = idColumn
    }
}

extension CSVOptions {
    /// A `--map` entry that is not `Column=field` with a known field.
    public struct MappingError: Error, Sendable, CustomStringConvertible {
        /// What was wrong, for the user.
        public var description: String
    }

    /// `--map "Column=field"` entries as header → role; the last `=` separates them, so a column
    /// name may itself hold one.
    public static func mappings(_ entries: [String]) throws(MappingError) -> [String: CSVColumnRole] {
        var result: [String: CSVColumnRole] = [:]
        for entry in entries {
            guard let eq = entry.lastIndex(of: "="), eq != entry.startIndex else {
                throw MappingError(description: "--map takes \"Column=field\", got '\(entry)'.")
            }
            let column = String(entry[..<eq]), field = String(entry[entry.index(after: eq)...])
            guard let role = CSVColumnRole(mapName: field) else {
                throw MappingError(description: "--map: unknown field '\(field)' (see cardtool parse --help and docs/formats.md).")
            }
            result[column] = role
        }
        return result
    }

    /// The custom fields (`custom:NAME`) among mappings, sorted: deduplication compares them.
    public static func customFields(_ mappings: [String: CSVColumnRole]) -> [String] {
        Set(mappings.values.compactMap { role -> String? in
            if case .custom(let name) = role { return name }
            return nil
        }).sorted()
    }
}

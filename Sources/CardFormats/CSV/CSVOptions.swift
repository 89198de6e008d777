
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

    public init(dialect: CSVDialect? = nil, charset: Charset? = nil, overrides: [String: CSVColumnRole] = [:],
                idColumn: String? = nil) {
        self.dialect = dialect
        self.charset = charset
        self.overrides = overrides
        self.idColumn = idColumn
    }
}

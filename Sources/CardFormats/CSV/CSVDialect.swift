
/// How a CSV file separates fields. Quotes are always `"` (RFC 4180); only the delimiter varies.
public struct CSVDialect: Sendable, Equatable {
    /// The byte between fields (`,`, `;`, TAB or `|`).
    public var delimiter: UInt8

    /// Creates a dialect with this delimiter byte.
    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Comma-separated, RFC 4180's delimiter.
    public static let comma = CSVDialect(delimiter: UInt8(ascii: ","))
    /// Semicolon-separated, what Excel writes where the decimal separator is a comma (Spain).
    public static let semicolon = CSVDialect(delimiter: UInt8(ascii: ";"))
    /// Tab-separated (TSV).
    public static let tab = CSVDialect(delimiter: 0x09)
    /// Pipe-separated (`|`).
    public static let pipe = CSVDialect(delimiter: UInt8(ascii: "|"))

    /// Candidates in order of preference when the evidence ties.
    public static let candidates: [CSVDialect] = [.comma, .semicolon, .tab, .pipe]

    /// Parses `,`, `;`, `|`, `tab` or `\t` (as given on the command line).
    public init?(argument: String) {
        switch argument {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "\\t", "tab", "TAB": self = .tab
        case "|", "pipe": self = .pipe
        default: return nil
        }
    }

    /// The delimiter as messages show it: `,`, `;`, `TAB`, or the character itself.
    public var name: String {
        switch delimiter {
        case UInt8(ascii: ","): ","
        case UInt8(ascii: ";"): ";"
        case 0x09: "TAB"
        default: String(UnicodeScalar(delimiter))
        }
    }
}

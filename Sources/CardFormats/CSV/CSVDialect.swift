
/// How a CSV file separates fields. Quotes are always `"` (RFC 4180); only the delimiter varies.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    public static let comma = CSVDialect(delimiter: UInt8(ascii: ","))
    public static let semicolon = CSVDialect(delimiter: UInt8(ascii: ";"))
    public static let tab = CSVDialect(delimiter: 0x09)
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

    public var name: String {
        switch delimiter {
        case UInt8(ascii: ","): ","
        case UInt8(ascii: ";"): ";"
        case 0x09: "TAB"
        default: String(UnicodeScalar(delimiter))
        }
    }
}

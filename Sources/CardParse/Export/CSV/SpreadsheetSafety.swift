import Foundation

/// Keeps exported cells from being run as formulas when the file is opened in a spreadsheet
/// (OWASP "CSV Injection"): a cell starting with `=` `+` `-` `@`, TAB or CR gets a leading `'`.
/// Plain phone numbers such as `+34600123123` or `+52 (55) 5555-0100` are left alone.
public enum SpreadsheetSafety {
    public static func neutralize(_ cell: String) -> String {
        guard let first = cell.utf8.first else { return cell }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            if isPlainPhoneNumber(cell) { return cell }
            return "'" + cell
        default:
            return cell
        }
    }

    /// `+` then digits, spaces, dots, dashes and parentheses only, with at least six digits, and
    /// optionally an extension (`ext. 12`, `x12`).
    static func isPlainPhoneNumber(_ cell: String) -> Bool {
        var text = Substring(cell)
        guard text.first == "+" else { return false }
        text = text.dropFirst()
        for marker in [" ext. ", " ext ", " ext.", " x", " #"] {
            if let range = text.range(of: marker, options: .caseInsensitive) {
                let ext = text[range.upperBound...]
                guard !ext.isEmpty, ext.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
                text = text[..<range.lowerBound]
                break
            }
        }
        var digits = 0
        for b in text.utf8 {
            switch b {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"): continue
            default: return false
            }
        }
        return digits >= 6
    }

    /// Undoes ``neutralize(_:)`` when reading a CSV back: `'=x` → `=x`. Safe because cardtool
    /// never evaluates cells; only cells that neutralizing would have produced are changed.
    public static func restore(_ cell: String) -> String {
        guard cell.utf8.count >= 2, cell.utf8.first == UInt8(ascii: "'") else { return cell }
        let second = cell.utf8[cell.utf8.index(after: cell.utf8.startIndex)]
        switch second {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            return String(cell.dropFirst())
        default:
            return cell
        }
    }
}

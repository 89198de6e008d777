
/// Keeps exported cells from being run as formulas when the file is opened in a spreadsheet
/// (OWASP "CSV Injection"): a cell starting with `=` `+` `-` `@`, TAB or CR gets a leading `'`.
/// Plain phone numbers such as `+34600123123` or `+52 (55) 5555-0100`, and plain numbers such as
/// the `-10.23` of a match weight, are left alone: a spreadsheet reads them as values, not formulas.
public enum SpreadsheetSafety {
    /// `cell` with a leading `'` when a spreadsheet would run it as a formula; plain numbers and phones pass.
    public static func neutralize(_ cell: String) -> String {
        guard let first = cell.utf8.first else { return cell }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            if isPlainPhoneNumber(cell) || isPlainNumber(cell) { return cell }
            return "'" + cell
        default:
            return cell
        }
    }

    /// A sign, digits and at most one decimal point (`-10.23`).
    static func isPlainNumber(_ cell: String) -> Bool {
        var digits = 0, dots = 0
        for (i, b) in cell.utf8.enumerated() {
            switch b {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if i != 0 { return false }
            default: return false
            }
        }
        return digits > 0 && dots <= 1
    }

    /// `+` then digits, spaces, dots, dashes and parentheses only, with at least six digits, and
    /// optionally an extension (`ext. 12`, `x12`).
    static func isPlainPhoneNumber(_ cell: String) -> Bool {
        let bytes = Array(cell.utf8)
        guard bytes.first == UInt8(ascii: "+") else { return false }
        var i = 1
        var digits = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"): break
            default:
                // An extension: "ext. 12", "ext 12", "x12", "#12" after a space, then digits only.
                guard i > 1, bytes[i - 1] == UInt8(ascii: " ") else { return false }
                var k = i
                let lower = bytes[k...].prefix(3).map { $0 | 0x20 }
                if lower == Array("ext".utf8) {
                    k += 3
                    if k < bytes.count && bytes[k] == UInt8(ascii: ".") { k += 1 }
                } else if b | 0x20 == UInt8(ascii: "x") || b == UInt8(ascii: "#") {
                    k += 1
                } else {
                    return false
                }
                while k < bytes.count && bytes[k] == UInt8(ascii: " ") { k += 1 }
                guard k < bytes.count, bytes[k...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
                return digits >= 6
            }
            i += 1
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
            let rest = String(cell.dropFirst())
            // `'-5` or `'+34600123123` as written by someone else: neutralizing never makes them.
            if isPlainNumber(rest) || isPlainPhoneNumber(rest) { return cell }
            return rest
        default:
            return cell
        }
    }
}

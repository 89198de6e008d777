import CardModel
import Foundation

/// Dates as exports write them: ISO `2024-03-14`, year-less `--03-14`, LinkedIn's `14 Mar 2024`,
/// Excel's `14/03/2024` or `3/14/24, 6:14 PM`, Outlook's empty `0/0/00`, compact `20240314`.
public enum CSVDateParser {
    /// What a date cell holds: a date, a placeholder for none, or something that is not a date.
    public enum Result: Equatable {
        case date(PartialDate)
        /// A placeholder for "no date" (`0/0/00`, `00/00/0000`).
        case empty
        case invalid

        /// Whether the cell is a date.
        public var isDate: Bool { if case .date = self { true } else { false } }
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
        "ene": 1, "abr": 4, "ago": 8, "dic": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5,
        "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    ]

    /// - Parameter dayFirst: how to read an ambiguous `01/02/2024` (the numbers decide when one is > 12).
    public static func parse(_ text: String, dayFirst: Bool) -> Result {
        let trimmed = text.trimmed()
        if trimmed.isEmpty { return .empty }
        if let iso = PartialDate(iso8601: trimmed) { return .date(iso) }
        return numeric(trimmed, dayFirst: dayFirst) ?? tokens(trimmed, dayFirst: dayFirst)
    }

    /// A trimmed cell by its tokens: month names, time parts, any separators.
    static func tokens(_ trimmed: String, dayFirst: Bool) -> Result {
        // Drop a time part: "1/8/18, 6:14 PM", "2024-03-14 10:22".
        var datePart = Substring(trimmed)
        if let comma = datePart.firstIndex(of: ",") { datePart = datePart[..<comma] }
        let tokens = datePart.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "-" || $0 == "." })
            .map { String($0) }
        guard tokens.count >= 3 else { return .invalid }
        let three = Array(tokens.prefix(3))
        if three.allSatisfy({ Int($0) == 0 }) { return .empty }
        // "14 Mar 2024", "Mar 14 2024", "14-mar-24"
        if let m = months[three[1].lowercased()], let d = Int(three[0]), let y = year(three[2]) {
            return make(y, m, d)
        }
        if let m = months[three[0].lowercased()], let d = Int(three[1]), let y = year(three[2]) {
            return make(y, m, d)
        }
        guard let a = Int(three[0]), let b = Int(three[1]) else { return .invalid }
        if three[0].count == 4, let c = Int(three[2]) { return make(a, b, c) }  // 2024/03/14
        guard let y = year(three[2]) else { return .invalid }
        if a > 12 { return make(y, b, a) }
        if b > 12 { return make(y, a, b) }
        return dayFirst ? make(y, b, a) : make(y, a, b)
    }

    /// Three groups of one to four digits with one separator between each (`14/03/2024`,
    /// `3-14-24`, `2024.03.14`), read by byte with the rules below; nil for anything else, which
    /// the general reading (by characters and tokens) takes.
    static func numeric(_ text: String, dayFirst: Bool) -> Result? {
        var values = (0, 0, 0), lengths = (0, 0, 0), group = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 {
                switch group {
                case 0: values.0 = values.0 * 10 + Int(b - 0x30); lengths.0 += 1; if lengths.0 > 4 { return nil }
                case 1: values.1 = values.1 * 10 + Int(b - 0x30); lengths.1 += 1; if lengths.1 > 4 { return nil }
                default: values.2 = values.2 * 10 + Int(b - 0x30); lengths.2 += 1; if lengths.2 > 4 { return nil }
                }
            } else if b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == 0x20 {
                let length = group == 0 ? lengths.0 : lengths.1
                guard group < 2, length > 0 else { return nil }
                group += 1
            } else {
                return nil
            }
        }
        guard group == 2, lengths.2 > 0 else { return nil }
        let (a, b, c) = values
        if a == 0 && b == 0 && c == 0 { return .empty }
        if lengths.0 == 4 { return make(a, b, c) }      // 2024/03/14
        let y: Int
        switch lengths.2 {
        case 4: y = c
        case 2: y = c < 70 ? 2000 + c : 1900 + c
        default: return .invalid
        }
        if a > 12 { return make(y, b, a) }
        if b > 12 { return make(y, a, b) }
        return dayFirst ? make(y, b, a) : make(y, a, b)
    }

    /// This year, for telling a two-digit birthday year's century.
    public static let currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())

    /// Whether slash dates in these cells are day-first, when any of them says so; nil if none does.
    public static func inferDayFirst(_ cells: [String]) -> Bool? {
        for cell in cells {
            let parts = cell.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" || $0 == " " || $0 == "," })
            guard parts.count >= 3, parts[0].count <= 2, let a = Int(parts[0]), let b = Int(parts[1]) else { continue }
            if a > 12 && b <= 12 { return true }
            if b > 12 && a <= 12 { return false }
        }
        return nil
    }

    private static func year(_ token: String) -> Int? {
        guard let y = Int(token), token.allSatisfy(\.isNumber) else { return nil }
        switch token.count {
        case 4: return y
        case 2: return y < 70 ? 2000 + y : 1900 + y
        default: return nil
        }
    }

    private static func make(_ y: Int, _ m: Int, _ d: Int) -> Result {
        PartialDate(year: y, month: m, day: d).map(Result.date) ?? .invalid
    }
}

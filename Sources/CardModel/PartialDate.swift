/// A calendar date whose year may be unknown (birthdays are often stored without one).
///
/// Encoded as ISO 8601 text: `1980-03-22`, or `--03-22` when the year is unknown.
public struct PartialDate: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// The year, or `nil` when unknown (`--03-22`).
    public var year: Int?
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31 (checked against the month).
    public var day: Int

    /// Creates a date, or returns `nil` when there is no such day (`2023-02-29`) or the year is outside 1–9999.
    public init?(year: Int?, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if let year, !(1...9999).contains(year) { return nil }
        let maxDay = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= maxDay else { return nil }
        if let year, month == 2, day == 29, !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 extended form; `--MM-DD` without a year.
    public var iso8601: String {
        // Written digit by digit: every date of every exported contact comes through here.
        if (1...12).contains(month), (1...31).contains(day), (year.map { (0...9999).contains($0) } ?? true) {
            return String(unsafeUninitializedCapacity: 10) { out in
                var i = 0
                func put(_ n: Int, _ width: Int) {
                    var d = width, m = n
                    while d > 0 { d -= 1; out[i + d] = UInt8(truncatingIfNeeded: 0x30 + m % 10); m /= 10 }
                    i += width
                }
                if let year { put(year, 4) } else { out[0] = 0x2D; i = 1 }
                out[i] = 0x2D; i += 1
                put(month, 2)
                out[i] = 0x2D; i += 1
                put(day, 2)
                return i
            }
        }
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        guard let year else { return "--\(mm)-\(dd)" }
        var yyyy = String(year)
        while yyyy.count < 4 { yyyy = "0" + yyyy }
        return "\(yyyy)-\(mm)-\(dd)"
    }

    public var description: String { iso8601 }

    /// Reads `YYYY-MM-DD`, `YYYYMMDD`, `--MMDD`, `--MM-DD`, with an optional time part after `T`.
    /// Works on bytes without allocating: birthdays are on most cards.
    public init?(iso8601 text: String) {
        var digits = 0
        var value = 0          // all digits read so far, as one number
        var dashes = 0
        var leadingDashes = 0
        var started = false
        var ended = false      // trailing blanks seen
        for b in text.utf8 {
            if b.isASCIIBlank {
                if started { ended = true }
                continue
            }
            if ended { return nil }
            started = true
            if b == UInt8(ascii: "T") || b == UInt8(ascii: "t") { break }
            if b == UInt8(ascii: "-") {
                if digits == 0 { leadingDashes += 1 } else { dashes += 1 }
            } else if b >= 0x30 && b <= 0x39 {
                digits += 1
                if digits > 8 { return nil }
                value = value * 10 + Int(b - 0x30)
            } else {
                return nil
            }
        }
        if leadingDashes == 2 {
            guard digits == 4, dashes <= 1 else { return nil }
            self.init(year: nil, month: value / 100, day: value % 100)
        } else {
            guard leadingDashes == 0, digits == 8, dashes == 0 || dashes == 2 else { return nil }
            self.init(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        }
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        ((a.year ?? 0), a.month, a.day) < ((b.year ?? 0), b.month, b.day)
    }
}

extension PartialDate: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = PartialDate(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

extension PartialDate {
    package static let min = PartialDate(year: 1, month: 1, day: 1)!
}

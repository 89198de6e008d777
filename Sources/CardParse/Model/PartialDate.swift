/// A calendar date whose year may be unknown (birthdays are often stored without one).
///
/// Encoded as ISO 8601 text: `1980-03-22`, or `--03-22` when the year is unknown.
public struct PartialDate: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int?
    public var month: Int
    public var day: Int

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
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        guard let year else { return "--\(mm)-\(dd)" }
        var yyyy = String(year)
        while yyyy.count < 4 { yyyy = "0" + yyyy }
        return "\(yyyy)-\(mm)-\(dd)"
    }

    public var description: String { iso8601 }

    /// Reads `YYYY-MM-DD`, `YYYYMMDD`, `--MMDD`, `--MM-DD`, with an optional time part after `T`.
    public init?(iso8601 text: String) {
        var s = Substring(text.trimmingWhitespace())
        if let t = s.firstIndex(where: { $0 == "T" || $0 == "t" }) { s = s[..<t] }
        let digitsOnly = s.filter { $0 != "-" }
        guard digitsOnly.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if s.hasPrefix("--") {
            guard digitsOnly.count == 4, let m = Int(digitsOnly.prefix(2)), let d = Int(digitsOnly.suffix(2)) else { return nil }
            self.init(year: nil, month: m, day: d)
        } else {
            let dashes = s.filter { $0 == "-" }.count
            guard digitsOnly.count == 8, dashes == 0 || (dashes == 2 && s.count == 10),
                  let y = Int(digitsOnly.prefix(4)), let m = Int(digitsOnly.dropFirst(4).prefix(2)),
                  let d = Int(digitsOnly.suffix(2)) else { return nil }
            self.init(year: y, month: m, day: d)
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

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}

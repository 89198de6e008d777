import CardModel

/// Guesses the delimiter from the first lines, after an optional Excel `sep=;` line.
///
/// For each candidate it splits the first rows (quotes respected) and keeps the one for which most
/// rows share one field count of at least 2: preambles such as LinkedIn's `Notes:` lines are
/// outvoted by the data rows.
public enum CSVDialectSniffer {
    /// The guessed dialect and how many bytes to skip before the first row.
    public struct Result: Equatable {
        /// The delimiter found (comma when nothing settles it).
        public var dialect: CSVDialect
        /// Bytes to skip at the start: an Excel `sep=X` line.
        public var skip: Int
    }

    /// Guesses the dialect from the input's first bytes; an Excel `sep=` line decides outright.
    public static func sniff(_ head: [UInt8]) -> Result {
        var skip = 0
        // Excel's `sep=;` hint line.
        if head.count >= 5, head[0] | 0x20 == UInt8(ascii: "s"), head[1] | 0x20 == UInt8(ascii: "e"),
           head[2] | 0x20 == UInt8(ascii: "p"), head[3] == UInt8(ascii: "=") {
            let delimiter = head[4]
            var end = 5
            while end < head.count && head[end] != 0x0A && head[end] != 0x0D { end += 1 }
            if end < head.count && head[end] == 0x0D { end += 1 }
            if end < head.count && head[end] == 0x0A { end += 1 }
            if end - 5 <= 2 || head[5] == 0x0D || head[5] == 0x0A {
                return Result(dialect: CSVDialect(delimiter: delimiter), skip: end)
            }
            skip = 0
        }
        var best = CSVDialect.comma
        var bestScore = -1
        for candidate in CSVDialect.candidates {
            let counts = fieldCounts(head, delimiter: candidate.delimiter, rows: 30)
            var frequency: [Int: Int] = [:]
            for c in counts where c >= 2 { frequency[c, default: 0] += 1 }
            // Rows agreeing on the most common width; wider rows break ties between candidates.
            guard let (width, rows) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            let score = rows * 1000 + min(width, 999)
            if score > bestScore {
                bestScore = score
                best = candidate
            }
        }
        return Result(dialect: best, skip: skip)
    }

    /// Field counts of the first `rows` records (quoted newlines kept inside their record).
    static func fieldCounts(_ bytes: [UInt8], delimiter: UInt8, rows: Int) -> [Int] {
        var counts: [Int] = []
        var fields = 1
        var inQuotes = false
        var empty = true
        var i = 0
        while i < bytes.count && counts.count < rows {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { i += 1 } else { inQuotes = false }
                }
            } else if b == UInt8(ascii: "\"") {
                inQuotes = true
                empty = false
            } else if b == delimiter {
                fields += 1
                empty = false
            } else if b == 0x0A || b == 0x0D {
                if !empty { counts.append(fields) }
                if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                fields = 1
                empty = true
            } else {
                empty = false
            }
            i += 1
        }
        if !empty && counts.count < rows { counts.append(fields) }  // a last line without a line end
        return counts
    }
}

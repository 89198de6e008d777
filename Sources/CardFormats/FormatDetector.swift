import CardModel

/// Decides an input's format from its first bytes, not its name: people rename files, and
/// stdin has no name at all. The extension only breaks ties.
public enum FormatDetector {
    /// The format of an input from its first bytes, `path`'s extension breaking ties; nil when nothing fits.
    public static func detect(head: [UInt8], path: String) -> SourceFormat? {
        let text = String(decoding: head.prefix(8192), as: UTF8.self)
        let lower = text.lowercased()
        let trimmed = lower.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("begin:vcard") { return .vcard }
        // `item1.BEGIN:VCARD`: a group before the keyword (some exporters write it).
        if let dot = trimmed.prefix(64).firstIndex(of: "."), trimmed[trimmed.index(after: dot)...].hasPrefix("begin:vcard"),
           trimmed[..<dot].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            return .vcard
        }
        if trimmed.hasPrefix("<") || lower.contains("<html") || lower.contains("<!doctype html") { return .html }
        // A vCard after stray lines (a mail header, a note someone typed above it).
        if lower.contains("\nbegin:vcard") || lower.contains("\rbegin:vcard") || lower.contains(".begin:vcard\n")
            || lower.contains(".begin:vcard\r") { return .vcard }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["vcf", "vcard"].contains(ext) { return .vcard }
        if ["html", "htm"].contains(ext) { return .html }
        let firstLine = trimmed.prefix { $0 != "\n" && $0 != "\r" }
        if ["csv", "tsv", "txt"].contains(ext) || firstLine.contains(where: { ",;\t|".contains($0) }) { return .csv }
        return nil
    }

    /// How many of the first bytes are NUL or control bytes other than tab, line feed, form feed
    /// and carriage return, when they are more than one in ten: an image, an archive, a
    /// spreadsheet's binary format, a file of zeros. Nil for text.
    public static func binaryBytes(in head: [UInt8]) -> (count: Int, of: Int)? {
        let sample = head.prefix(8192)
        guard !sample.isEmpty else { return nil }
        var count = 0
        for b in sample where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D { count += 1 }
        return count * 10 > sample.count ? (count, sample.count) : nil
    }
}

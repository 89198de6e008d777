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
        if trimmed.hasPrefix("<") || lower.contains("<html") || lower.contains("<!doctype html") { return .html }
        // A vCard after stray lines (a mail header, a note someone typed above it).
        if lower.contains("\nbegin:vcard") || lower.contains("\rbegin:vcard") { return .vcard }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["vcf", "vcard"].contains(ext) { return .vcard }
        if ["html", "htm"].contains(ext) { return .html }
        let firstLine = trimmed.prefix { $0 != "\n" && $0 != "\r" }
        if ["csv", "tsv", "txt"].contains(ext) || firstLine.contains(where: { ",;\t|".contains($0) }) { return .csv }
        return nil
    }
}

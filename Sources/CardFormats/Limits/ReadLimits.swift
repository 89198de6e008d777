/// How large a piece of input may be before a reader stops holding it in memory.
///
/// A contact is a few kilobytes; inputs far beyond that are damaged or hostile, and reading them
/// whole would let one file take all the memory. Each breach is a located diagnostic naming the
/// option that raises the limit (`--max-line-bytes` …), and the record it hit is still accounted
/// for: a property is skipped (the card kept), a CSV row is rejected, columns past the limit are
/// reported. Nothing is ever cut short silently.
public struct ReadLimits: Sendable, Equatable {
    /// An unfolded vCard property line, or a CSV record (and a quoted field before its quote is
    /// taken as unterminated): 1 MiB.
    public var lineBytes: Int
    /// A vCard `PHOTO`, `LOGO`, `SOUND` or `KEY` line, usually an inline base64 image: 16 MiB.
    public var photoBytes: Int
    /// CSV columns read from a header or a row: 10,000 (the widest real export has about 90).
    public var columns: Int
    /// HTML element nesting followed when looking for contacts: 256, libxml2's own default.
    public var depth: Int

    /// The defaults above.
    public static let standard = ReadLimits(lineBytes: 1 << 20, photoBytes: 16 << 20, columns: 10_000, depth: 256)

    /// Creates limits; every value is at least 1.
    public init(lineBytes: Int, photoBytes: Int, columns: Int, depth: Int) {
        self.lineBytes = max(1, lineBytes)
        self.photoBytes = max(1, photoBytes)
        self.columns = max(1, columns)
        self.depth = max(1, depth)
    }

    /// `1048576` → `1 MiB`, `1500` → `1500 bytes`: limits in messages as a person set them.
    public static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// Parses `1048576`, `512K`, `16M` or `1G` (binary units); nil for anything else.
    public static func parseBytes(_ text: String) -> Int? {
        var digits = Substring(text)
        var unit = 1
        switch text.last.map({ $0.uppercased() }) {
        case "K": unit = 1 << 10
        case "M": unit = 1 << 20
        case "G": unit = 1 << 30
        default: break
        }
        if unit > 1 { digits = digits.dropLast() }
        guard let n = Int(digits), n > 0, n <= Int.max / unit else { return nil }
        return n * unit
    }
}

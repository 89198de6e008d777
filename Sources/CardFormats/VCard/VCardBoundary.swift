/// Recognises the lines that open and close a card, including the forms real exporters write
/// outside the standard: a group before the keyword (`home.begin:vcard`, `TEST.END:VCARD`, read by
/// Python's vobject) and blanks before it (a file whose first line is ` BEGIN:VCARD`). Missing
/// them loses whole people, so they are read, with a warning.
enum VCardBoundary: Equatable {
    case begin
    case end

    /// The boundary on `line`, and whether it is written in a nonstandard way; nil for any other line.
    static func match(_ line: [UInt8]) -> (boundary: VCardBoundary, nonstandard: Bool)? {
        var n = line.count
        // The shortest boundary is END:VCARD (9 bytes); a group, blanks or trailing blanks add to it.
        guard n >= 9 else { return nil }
        // Every boundary ends in `VCARD` (then blanks): one look rejects nearly every other line.
        while n > 9 && (line[n - 1] == 0x20 || line[n - 1] == 0x09) { n -= 1 }
        guard line[n - 1] & 0xDF == UInt8(ascii: "D"), line[n - 5] & 0xDF == UInt8(ascii: "V"),
              line[n - 6] == UInt8(ascii: ":") else { return nil }
        var i = 0
        while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
        let indented = i > 0
        // An optional group: name characters then a dot.
        var j = i
        while j < n, isNameByte(line[j]) { j += 1 }
        var grouped = false
        if j < n && line[j] == UInt8(ascii: ".") && j > i {
            grouped = true
            i = j + 1
        }
        let boundary: VCardBoundary
        if keyword(line, at: i, "BEGIN:VCARD") {
            boundary = .begin
            i += 11
        } else if keyword(line, at: i, "END:VCARD") {
            boundary = .end
            i += 9
        } else {
            return nil
        }
        guard i == n else { return nil }
        return (boundary, indented || grouped)
    }

    @inline(__always)
    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
    }

    /// Case-insensitive match of an ASCII keyword at `at`.
    private static func keyword(_ line: [UInt8], at: Int, _ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard at + count <= line.count else { return false }
        let k = keyword.utf8Start
        // ':' (0x3A) & 0xDF == 0x1A on both sides, so the mask is safe for these keywords.
        for m in 0..<count where line[at + m] & 0xDF != k[m] & 0xDF { return false }
        return true
    }
}

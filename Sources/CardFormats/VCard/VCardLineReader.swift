#if canImport(Glibc)
import Glibc
#endif

/// Splits decoded bytes into logical vCard lines, on bytes.
///
/// Unfolding happens here, before any text decoding, because a fold may split a UTF-8 character.
/// Accepts CRLF, LF, lone CR and CR CR LF (seen in iPhone exports) line ends. A line starting with a space or tab continues the previous
/// one (the one whitespace byte is removed). A quoted-printable value ending in `=` continues on the
/// next line even when that line does not start with whitespace (vCard 2.1 soft line breaks).
///
/// A logical line is held up to `cap` bytes; the rest of a longer one is read and counted but not
/// kept (``overflow``), so a 100 MB line costs no more memory than the cap.
struct VCardLineReader {
    private let input: UnicodeInput
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    /// The 1-based number of the physical line that starts at `position`.
    private(set) var nextLineNumber = 1
    /// Bytes kept of one logical line at most.
    private let cap: Int
    /// Bytes of the last logical line read past `cap` (0 when it was kept whole).
    private(set) var overflow = 0
    /// Whether the current logical line's parameters name quoted-printable, worked out as its
    /// bytes arrive (rescanning them at every soft line break would be quadratic).
    private var qp = QuotedPrintableScan()
    /// The last byte of the last physical line read (kept or not), for soft line breaks.
    private var lastByte: UInt8?

    init(input: UnicodeInput, cap: Int = Int.max) {
        self.input = input
        self.cap = max(16, cap)
    }

    /// Reads the next non-blank logical line into `line` and returns its first physical line number.
    mutating func next(into line: inout [UInt8]) throws -> Int? {
        line.removeAll(keepingCapacity: true)
        overflow = 0
        qp = QuotedPrintableScan()
        while true {
            let start = nextLineNumber
            guard try appendPhysicalLine(to: &line) else { return nil }
            if line.isEmpty && overflow == 0 { continue }
            while let following = try peek() {
                if lastByte == UInt8(ascii: "="), qp.isQuotedPrintable(line), try !nextLineEndsCard() {
                    // A soft line break: the next line continues the value as it is (a leading
                    // space there is data, not folding).
                    if overflow > 0 { overflow -= 1 } else { line.removeLast() }
                    _ = try appendPhysicalLine(to: &line)
                } else if following == UInt8(ascii: " ") || following == UInt8(ascii: "\t") {
                    // A card's boundary is never continued: an indented line after it starts a line
                    // of its own (` BEGIN:VCARD` after `END:VCARD` in an indented file).
                    if line.count <= 64, VCardBoundary.match(line) != nil { break }
                    position += 1
                    _ = try appendPhysicalLine(to: &line)
                } else {
                    break
                }
            }
            // A byte-order mark inside the stream (files joined with `cat`) is not content.
            if line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF {
                line.removeFirst(3)
                if line.isEmpty { continue }
            }
            // A soft line break on the very last line of a QP value that is followed by a fold.
            return start
        }
    }

    /// Looks for `QUOTED-PRINTABLE` before the first unquoted colon of a line that may still be
    /// growing, resuming where it stopped: each byte is looked at once however often it is asked.
    struct QuotedPrintableScan {
        private var offset = 0
        private var inQuotes = false
        private var answer: Bool?
        private static let needle = Array("QUOTED-PRINTABLE".utf8)

        mutating func isQuotedPrintable(_ line: [UInt8]) -> Bool {
            if let answer { return answer }
            let needle = Self.needle
            while offset < line.count {
                let b = line[offset]
                if b == UInt8(ascii: "\"") { inQuotes.toggle() }
                if !inQuotes && b == UInt8(ascii: ":") {
                    answer = false
                    return false
                }
                if b | 0x20 == UInt8(ascii: "q") {
                    // The keyword may still be arriving: wait for its bytes before deciding.
                    if offset + needle.count > line.count { return false }
                    var match = true
                    for k in 0..<needle.count where line[offset + k] & 0xDF != needle[k] & 0xDF {
                        match = false
                        break
                    }
                    if match {
                        answer = true
                        return true
                    }
                }
                offset += 1
            }
            return false
        }
    }

    /// Whether the next line is `END:VCARD` or `BEGIN:VCARD`: a stray `=` at the end of a card's
    /// last value must not swallow the card's boundary.
    private mutating func nextLineEndsCard() throws -> Bool {
        try nextLineStarts(with: Self.endKeyword) || nextLineStarts(with: Self.beginKeyword)
    }

    private static let endKeyword = Array("END:VCARD".utf8)
    private static let beginKeyword = Array("BEGIN:VCARD".utf8)

    private mutating func nextLineStarts(with keyword: [UInt8]) throws -> Bool {
        guard try fill(keyword.count) else { return false }
        for k in 0..<keyword.count where buffer[position + k] & 0xDF != keyword[k] & 0xDF { return false }
        return true
    }

    private mutating func peek() throws -> UInt8? {
        try fill() ? buffer[position] : nil
    }

    /// Makes at least `count` unread bytes available; false when the input ends first.
    private mutating func fill(_ count: Int = 1) throws -> Bool {
        while buffer.count - position < count {
            if exhausted { return false }
            if position > 0 {
                buffer.removeSubrange(0..<position)
                knownLF = knownLF >= position ? knownLF - position : -1
                noLFBefore = max(0, noLFBefore - position)
                position = 0
            }
            if try !input.read(into: &buffer) { exhausted = true }
        }
        return true
    }

    /// A line feed at or after `position`, remembered between lines: in a file whose lines end
    /// with CR alone, searching the rest of the buffer for one at every line would cost the
    /// buffer's size per line.
    private var knownLF = -1
    /// No line feed lies in `position..<noLFBefore`.
    private var noLFBefore = 0

    /// The index of the next line feed in `buffer[position..<end]`, or `end` when there is none.
    private mutating func nextLineFeed(end: Int) -> Int {
        if knownLF >= position && knownLF < end { return knownLF }
        let from = max(position, noLFBefore)
        guard from < end else { return end }
        let found = buffer.withUnsafeBufferPointer { p -> Int? in
            guard let lf = memchr(p.baseAddress! + from, 0x0A, end - from) else { return nil }
            return (p.baseAddress! + from).distance(to: lf.assumingMemoryBound(to: UInt8.self)) + from
        }
        if let found {
            knownLF = found
            return found
        }
        noLFBefore = end
        return end
    }

    /// Appends one physical line without its terminator; false when there is no more input.
    private mutating func appendPhysicalLine(to line: inout [UInt8]) throws -> Bool {
        guard try fill() else { return false }
        // An empty line has no last byte: it cannot end in a soft line break.
        lastByte = nil
        while true {
            let end = buffer.count
            let lf = nextLineFeed(end: end)
            let terminator = buffer.withUnsafeBufferPointer { p -> Int in
                // A CR before the line feed ends the line first (CRLF, or a lone CR).
                let base = p.baseAddress! + position
                let stop = lf - position
                if stop > 0, let cr = memchr(base, 0x0D, stop) { return position + base.distance(to: cr.assumingMemoryBound(to: UInt8.self)) }
                return lf
            }
            if terminator > position { lastByte = buffer[terminator - 1] }
            let room = cap - line.count
            if terminator - position <= room {
                line.append(contentsOf: buffer[position..<terminator])
            } else {
                if room > 0 { line.append(contentsOf: buffer[position..<(position + room)]) }
                overflow += terminator - position - max(0, room)
            }
            if terminator < end {
                let isCR = buffer[terminator] == 0x0D
                position = terminator + 1
                if isCR, try fill(), buffer[position] == 0x0A {
                    position += 1
                } else if isCR, try fill(2), buffer[position] == 0x0D, buffer[position + 1] == 0x0A {
                    position += 2  // CR CR LF: a CRLF file whose line ends were converted once more
                }
                nextLineNumber += 1
                return true
            }
            position = end
            if try !fill() {
                nextLineNumber += 1
                return true
            }
        }
    }
}

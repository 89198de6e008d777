#if canImport(Glibc)
import Glibc
#endif

/// Splits decoded bytes into logical vCard lines, on bytes.
///
/// Unfolding happens here, before any text decoding, because a fold may split a UTF-8 character.
/// Accepts CRLF, LF, lone CR and CR CR LF (seen in iPhone exports) line ends. A line starting with a space or tab continues the previous
/// one (the one whitespace byte is removed). A quoted-printable value ending in `=` continues on the
/// next line even when that line does not start with whitespace (vCard 2.1 soft line breaks).
struct VCardLineReader {
    private let input: UnicodeInput
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    /// The 1-based number of the physical line that starts at `position`.
    private(set) var nextLineNumber = 1

    init(input: UnicodeInput) {
        self.input = input
    }

    /// Reads the next non-blank logical line into `line` and returns its first physical line number.
    mutating func next(into line: inout [UInt8]) throws -> Int? {
        line.removeAll(keepingCapacity: true)
        while true {
            let start = nextLineNumber
            guard try appendPhysicalLine(to: &line) else { return nil }
            if line.isEmpty { continue }
            while let following = try peek() {
                if line.last == UInt8(ascii: "="), Self.isQuotedPrintable(line), try !nextLineEndsCard() {
                    // A soft line break: the next line continues the value as it is (a leading
                    // space there is data, not folding).
                    line.removeLast()
                    _ = try appendPhysicalLine(to: &line)
                } else if following == UInt8(ascii: " ") || following == UInt8(ascii: "\t") {
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

    /// True when the parameters (the part before the first unquoted colon) name quoted-printable.
    static func isQuotedPrintable(_ line: [UInt8]) -> Bool {
        let needle = Array("QUOTED-PRINTABLE".utf8)
        var inQuotes = false
        var i = 0
        while i < line.count {
            let b = line[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && b == UInt8(ascii: ":") { return false }
            if b | 0x20 == UInt8(ascii: "q"), i + needle.count <= line.count {
                var match = true
                for k in 0..<needle.count where line[i + k] & 0xDF != needle[k] & 0xDF {
                    match = false
                    break
                }
                if match { return true }
            }
            i += 1
        }
        return false
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
                position = 0
            }
            if try !input.read(into: &buffer) { exhausted = true }
        }
        return true
    }

    /// Appends one physical line without its terminator; false when there is no more input.
    private mutating func appendPhysicalLine(to line: inout [UInt8]) throws -> Bool {
        guard try fill() else { return false }
        while true {
            let end = buffer.count
            let terminator = buffer.withUnsafeBufferPointer { p -> Int in
                // memchr for LF, then for a CR before it (CRLF, or a lone CR as the line end).
                let base = p.baseAddress! + position
                let count = end - position
                var stop = count
                if let lf = memchr(base, 0x0A, count) { stop = base.distance(to: lf.assumingMemoryBound(to: UInt8.self)) }
                if stop > 0, let cr = memchr(base, 0x0D, stop) { stop = base.distance(to: cr.assumingMemoryBound(to: UInt8.self)) }
                return position + stop
            }
            line.append(contentsOf: buffer[position..<terminator])
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

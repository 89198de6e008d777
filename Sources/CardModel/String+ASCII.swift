/// Byte-level string helpers for hot paths: the `Character` APIs are Unicode-correct but slow, and
/// what these look at (blanks, ASCII letters in keywords) is all ASCII.
extension String {
    /// The first UTF-8 byte, nil when empty. `utf8.first` is a call into Foundation's pre-built
    /// generic specialization (not inlined), which costs more than the comparison it feeds in
    /// the pair loop.
    @inlinable @inline(__always)
    package var firstByte: UInt8? {
        let u = utf8
        return u.startIndex == u.endIndex ? nil : u[u.startIndex]
    }

    /// Without leading and trailing spaces, tabs, CR and LF.
    @inlinable
    package func trimmed() -> String {
        let u = utf8
        let ends = u.withContiguousStorageIfAvailable { p -> Bool? in
            guard let first = p.first, let last = p.last else { return nil }
            return first.isASCIIBlank || last.isASCIIBlank
        }
        switch ends {
        case .some(.none): return self            // empty
        case .some(.some(false)): return self     // nothing to trim
        default: break
        }
        var start = u.startIndex
        var end = u.endIndex
        while start < end, u[start].isASCIIBlank { start = u.index(after: start) }
        while end > start, u[u.index(before: end)].isASCIIBlank { end = u.index(before: end) }
        return String(self[start..<end])
    }

    /// Case-insensitive equality for ASCII keywords.
    package func equalsIgnoringASCIICase(_ other: String) -> Bool {
        utf8.count == other.utf8.count
            && zip(utf8, other.utf8).allSatisfy { a, b in a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) }
    }

    /// Case-insensitive prefix test for ASCII keywords.
    package func hasPrefixIgnoringASCIICase(_ prefix: String) -> Bool {
        guard utf8.count >= prefix.utf8.count else { return false }
        return zip(utf8, prefix.utf8).allSatisfy { a, b in a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) }
    }
}

extension Substring {
    /// The first UTF-8 byte, nil when empty (as `String.firstByte`).
    @inlinable @inline(__always)
    package var firstByte: UInt8? {
        let u = utf8
        return u.startIndex == u.endIndex ? nil : u[u.startIndex]
    }
}

extension UInt8 {
    /// Space, tab, LF or CR. Inlinable: other modules test every byte of a cell with it, and a call
    /// per byte (through a key path) made CSV rows 5% dearer once the stages became modules.
    @inlinable @inline(__always)
    package var isASCIIBlank: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}

#if canImport(Glibc)
import Glibc
#endif

extension String {
    /// Whether the UTF-8 form contains `byte`, with `memchr` on contiguous storage.
    @inlinable
    package func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ p -> Bool in
            guard let base = p.baseAddress, p.count > 0 else { return false }
            return memchr(base, Int32(byte), p.count) != nil
        }) {
            return found
        }
        return utf8.contains(byte)
    }
}

extension String {
    /// The range of the first occurrence of `needle`, found on bytes with `memchr` (Foundation's
    /// `range(of:)` is Unicode-aware and far slower; these needles are plain ASCII).
    package func byteRange(of needle: String) -> Range<String.Index>? {
        var haystack = self
        var needle = needle
        let offset: Int? = haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0, h.count >= n.count else { return nil }
                let first = Int32(n[0])
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    guard let hit = memchr(h.baseAddress! + i, first, last - i + 1) else { return nil }
                    let at = h.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(h.baseAddress! + at, n.baseAddress!, n.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
        guard let offset else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        let upper = utf8.index(lower, offsetBy: needle.utf8.count)
        return lower..<upper
    }
}

extension String {
    /// Whether `needle` (lower-case ASCII) occurs, ignoring ASCII case, on bytes.
    package func containsIgnoringASCIICase(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        let h = Array(utf8)
        guard h.count >= n.count else { return false }
        var i = 0
        while i <= h.count - n.count {
            if h[i] | 0x20 == first, zip(h[i..<(i + n.count)], n).allSatisfy({ a, b in a == b || (a | 0x20 == b && b >= 0x61 && b <= 0x7A) }) {
                return true
            }
            i += 1
        }
        return false
    }
}

extension String {
    /// Non-empty pieces between occurrences of an ASCII byte, split on UTF-8 (an ASCII byte is
    /// always a character boundary here: names and values carry no combining marks on separators).
    package func asciiSplit(_ separator: UInt8) -> [Substring] {
        var parts: [Substring] = []
        var start = utf8.startIndex
        var i = start
        while i < utf8.endIndex {
            if utf8[i] == separator {
                if start < i { parts.append(self[start..<i]) }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start < utf8.endIndex { parts.append(self[start..<utf8.endIndex]) }
        return parts
    }
}

import CardModel


/// Wraps a ``ByteSource`` and hands out UTF-8-compatible bytes: strips a UTF-8 BOM and transcodes
/// UTF-16 (with a BOM, or without one when the first bytes are plainly ASCII in UTF-16) to UTF-8.
///
/// Single-byte encodings pass through unchanged: Windows-1252 is decided per value later, because
/// a file may mix it with UTF-8 (different tools wrote different cards). The first chunk is kept in
/// ``head`` so callers can sniff the format before reading.
public final class UnicodeInput {
    /// How many bytes are read from the source at a time (64 KiB).
    public static let chunkSize = 64 * 1024

    private var source: any ByteSource
    public private(set) var encoding: InputEncoding = .utf8
    /// Decoded bytes of the first chunk, for format sniffing; consumed by the first ``read(into:)``.
    public private(set) var head: [UInt8] = []
    private var headConsumed = false
    private var raw: [UInt8] = []
    private var pendingHighSurrogate: UInt16?
    private var atEnd = false

    /// - Parameter detectEncoding: false for bytes already known to be UTF-8 (a block cut from a
    ///   decoded stream), which must not be sniffed for a BOM or UTF-16 again.
    public init(_ source: any ByteSource, detectEncoding: Bool = true) throws {
        var source = source
        // Read enough to see a BOM, then at least one whole chunk.
        while raw.count < 4, try source.read(into: &raw, maxCount: Self.chunkSize) > 0 {}
        self.source = source
        if detectEncoding { self.detectEncoding() }
        head = try decodeNext()
    }

    private func detectEncoding() {
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8BOM
            raw.removeFirst(3)
        } else if raw.starts(with: [0xFF, 0xFE]) {
            encoding = .utf16LE
            raw.removeFirst(2)
        } else if raw.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16BE
            raw.removeFirst(2)
        } else if raw.count >= 4, raw[0] != 0, raw[1] == 0, raw[2] != 0, raw[3] == 0 {
            encoding = .utf16LE
        } else if raw.count >= 4, raw[0] == 0, raw[1] != 0, raw[2] == 0, raw[3] != 0 {
            encoding = .utf16BE
        }
    }

    /// Appends the next decoded chunk to `buffer`; returns false at the end.
    public func read(into buffer: inout [UInt8]) throws -> Bool {
        if !headConsumed {
            headConsumed = true
            if !head.isEmpty {
                buffer.append(contentsOf: head)
                head = []
                return true
            }
        }
        let next = try decodeNext()
        if next.isEmpty { return false }
        buffer.append(contentsOf: next)
        return true
    }

    private func decodeNext() throws -> [UInt8] {
        while raw.count < Self.chunkSize / 2 && !atEnd {
            if try source.read(into: &raw, maxCount: Self.chunkSize) == 0 { atEnd = true }
        }
        switch encoding {
        case .utf8, .utf8BOM:
            let out = raw
            raw.removeAll(keepingCapacity: true)
            return out
        case .utf16LE, .utf16BE:
            return transcodeUTF16(bigEndian: encoding == .utf16BE)
        }
    }

    private func transcodeUTF16(bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count * 3 / 2)
        let usable = atEnd ? raw.count : raw.count & ~1
        var i = 0
        func emit(_ scalar: Unicode.Scalar) {
            UTF8.encode(scalar) { out.append($0) }
        }
        while i + 1 < usable {
            let unit = bigEndian ? UInt16(raw[i]) << 8 | UInt16(raw[i + 1]) : UInt16(raw[i + 1]) << 8 | UInt16(raw[i])
            i += 2
            if let high = pendingHighSurrogate {
                pendingHighSurrogate = nil
                if UTF16.isTrailSurrogate(unit) {
                    let value = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                    emit(Unicode.Scalar(value)!)
                    continue
                }
                emit("\u{FFFD}")
            }
            if UTF16.isLeadSurrogate(unit) {
                pendingHighSurrogate = unit
            } else if UTF16.isTrailSurrogate(unit) {
                emit("\u{FFFD}")
            } else {
                emit(Unicode.Scalar(unit)!)
            }
        }
        if atEnd {
            if pendingHighSurrogate != nil { emit("\u{FFFD}"); pendingHighSurrogate = nil }
            if i < raw.count { emit("\u{FFFD}") }  // a dangling odd byte
            raw.removeAll()
        } else {
            raw.removeFirst(i)
        }
        return out
    }
}

import CardModel

/// Parses one unfolded content line, `[group.]name *(;param) : value`, on bytes.
///
/// Only what every property needs is extracted eagerly (types, preference, encoding, charset,
/// value type); the full parameter list is kept as bytes and parsed only when a raw property or a
/// rare parameter asks for it, which keeps allocations per line low.
enum VCardContentLine {
    enum Failure: Error {
        /// No colon, or a name with characters a property name cannot have.
        case notAProperty
    }

    struct Parsed {
        var property: VCardProperty
        /// The value's bytes were not valid in the declared charset (or UTF-8) and read as Windows-1252.
        var usedFallback: Bool
        var unknownCharset: String?
        var badQuotedPrintable: Bool
        /// Declared UTF-8 but invalid: bad sequences were replaced with U+FFFD.
        var repairedUTF8: Bool
    }

    static func parse(_ line: [UInt8], lineNumber: Int) throws(Failure) -> Parsed {
        try line.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(Failure) -> Parsed in
            let n = p.count
            // Name, with an optional group: letters, digits, '-', '_'; a '.' ends the group.
            var i = 0
            var groupEnd = -1
            while i < n {
                let b = p[i]
                if b == UInt8(ascii: ";") || b == UInt8(ascii: ":") { break }
                if b == UInt8(ascii: ".") {
                    groupEnd = i
                } else if !((b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")) {
                    throw .notAProperty
                }
                i += 1
            }
            guard i < n, i > groupEnd + 1 else { throw .notAProperty }
            let group = groupEnd > 0 ? string(p, 0, groupEnd) : nil
            let name = string(p, groupEnd + 1, i)
            let kind = VCardPropertyKind.classify(p, groupEnd + 1, i)

            // The parameter section ends at the first colon outside double quotes.
            let paramsStart = i
            var inQuotes = false
            while i < n {
                let b = p[i]
                if b == UInt8(ascii: "\"") { inQuotes.toggle() } else if b == UInt8(ascii: ":") && !inQuotes { break }
                i += 1
            }
            if i == n {
                // An unbalanced quote: fall back to the first colon rather than lose the property.
                i = paramsStart
                while i < n && p[i] != UInt8(ascii: ":") { i += 1 }
                guard i < n else { throw .notAProperty }
            }
            let paramsEnd = i
            let valueStart = i + 1

            var scan = ParameterScan()
            if paramsStart < paramsEnd { scan.run(p, paramsStart, paramsEnd) }

            var charset: Charset?
            var unknownCharset: String?
            if let charsetName = scan.charset {
                charset = Charset(ianaName: charsetName)
                if charset == nil { unknownCharset = charsetName }
            }
            // The value stays a slice of the line when it is already UTF-8 (the usual case);
            // quoted-printable, a declared charset or Windows-1252 bytes are decoded into a new buffer.
            let raw = UnsafeBufferPointer(rebasing: p[valueStart..<n])
            var badQP = false
            var usedFallback = false
            var repaired = false
            let valueBytes: ArraySlice<UInt8>
            if scan.isQP {
                let (decoded, ok) = VCardValueCoding.decodeQuotedPrintable(raw)
                badQP = !ok
                let result = TextDecoding.decode(decoded, charset: charset)
                usedFallback = result.usedFallback
                repaired = result.repaired
                valueBytes = ArraySlice(VCardValueCoding.normalizeNewlines(result.text).utf8)
            } else if (charset == nil || charset == .utf8) && TextDecoding.isValidUTF8(raw) {
                valueBytes = line[valueStart..<n]
            } else {
                let result = TextDecoding.decode(raw, charset: charset)
                usedFallback = result.usedFallback
                repaired = result.repaired
                valueBytes = ArraySlice(result.text.utf8)
            }
            let property = VCardProperty(
                group: group, name: name, kind: kind,
                parameterBytes: paramsStart < paramsEnd ? line[paramsStart..<paramsEnd] : [],
                valueBytes: valueBytes, types: scan.types, pref: scan.pref, valueType: scan.valueType,
                isBase64: scan.isBase64, wasQuotedPrintable: scan.isQP, line: lineNumber)
            return Parsed(property: property, usedFallback: usedFallback, unknownCharset: unknownCharset,
                          badQuotedPrintable: badQP, repairedUTF8: repaired)
        }
    }

    /// One pass over `;a=b;c` collecting what every property needs.
    private struct ParameterScan {
        var types: [String] = []
        var pref: Int?
        var isQP = false
        var isBase64 = false
        var charset: String?
        var valueType: String?

        mutating func run(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            forEachParameter(p, start, end) { nameStart, nameEnd, valuesStart, valuesEnd in
                if nameEnd == nameStart { return }
                guard let valuesStart else {
                    // 2.1 bare parameter: an encoding or a type (`TEL;WORK;VOICE`).
                    if equalsIgnoringCase(p, nameStart, nameEnd, "QUOTED-PRINTABLE") { isQP = true }
                    else if equalsIgnoringCase(p, nameStart, nameEnd, "BASE64") { isBase64 = true }
                    else if equalsIgnoringCase(p, nameStart, nameEnd, "8BIT") || equalsIgnoringCase(p, nameStart, nameEnd, "7BIT") {}
                    else { addType(p, nameStart, nameEnd) }
                    return
                }
                // Single-valued parameters may be quoted (`CHARSET="UTF-8"`).
                var vs = valuesStart, ve = valuesEnd
                while vs < ve && (p[vs] == UInt8(ascii: "\"") || p[vs].isASCIIBlank) { vs += 1 }
                while ve > vs && (p[ve - 1] == UInt8(ascii: "\"") || p[ve - 1].isASCIIBlank) { ve -= 1 }
                if equalsIgnoringCase(p, nameStart, nameEnd, "TYPE") {
                    // Values split on commas, inside quotes too (4.0 writes TYPE="cell,voice").
                    var s = valuesStart
                    for j in valuesStart...valuesEnd where j == valuesEnd || p[j] == UInt8(ascii: ",") {
                        addType(p, s, j)
                        s = j + 1
                    }
                } else if equalsIgnoringCase(p, nameStart, nameEnd, "PREF") {
                    if let v = Int(lower(p, vs, ve)) { pref = v }
                } else if equalsIgnoringCase(p, nameStart, nameEnd, "ENCODING") {
                    if equalsIgnoringCase(p, vs, ve, "QUOTED-PRINTABLE") { isQP = true }
                    else if equalsIgnoringCase(p, vs, ve, "BASE64") || equalsIgnoringCase(p, vs, ve, "B") { isBase64 = true }
                } else if equalsIgnoringCase(p, nameStart, nameEnd, "CHARSET") {
                    charset = lower(p, vs, ve)
                } else if equalsIgnoringCase(p, nameStart, nameEnd, "VALUE") {
                    valueType = lower(p, vs, ve)
                }
            }
        }

        private mutating func addType(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) {
            var s = s, e = e
            while s < e && (p[s] == UInt8(ascii: "\"") || p[s].isASCIIBlank) { s += 1 }
            while e > s && (p[e - 1] == UInt8(ascii: "\"") || p[e - 1].isASCIIBlank) { e -= 1 }
            guard s < e else { return }
            if equalsIgnoringCase(p, s, e, "PREF") {
                pref = pref ?? 1
            } else {
                // Room for the usual two or three at once, not one allocation per type as it grows.
                if types.isEmpty { types.reserveCapacity(4) }
                types.append(lower(p, s, e))
            }
        }
    }

    /// Calls `body(nameStart, nameEnd, valuesStart?, valuesEnd)` for each `;`-separated parameter;
    /// valuesStart is nil for a bare parameter. Quotes protect `;`, `:` and `=`.
    private static func forEachParameter(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                         _ body: (Int, Int, Int?, Int) -> Void) {
        var i = start
        while i < end {
            if p[i] == UInt8(ascii: ";") { i += 1; continue }
            let s = i
            var eq = -1
            var inQuotes = false
            while i < end {
                let b = p[i]
                if b == UInt8(ascii: "\"") { inQuotes.toggle() }
                else if !inQuotes {
                    if b == UInt8(ascii: ";") { break }
                    if b == UInt8(ascii: "=") && eq < 0 { eq = i }
                }
                i += 1
            }
            if eq < 0 {
                body(s, i, nil, i)
            } else {
                var ns = s, ne = eq
                while ns < ne && p[ns].isASCIIBlank { ns += 1 }
                while ne > ns && p[ne - 1].isASCIIBlank { ne -= 1 }
                body(ns, ne, eq + 1, i)
            }
        }
    }

    /// The full parameter list of a parameter section (`;TYPE=a,b;X-P="q;r"`), quotes removed and
    /// RFC 6868 caret escapes undone.
    static func parameters(_ bytes: ArraySlice<UInt8>) -> [RawProperty.Parameter] {
        bytes.withUnsafeBufferPointer { p in
            var result: [RawProperty.Parameter] = []
            forEachParameter(p, 0, p.count) { ns, ne, vs, ve in
                guard ne > ns else { return }
                guard let vs else {
                    result.append(.init(name: nil, values: [text(p, ns, ne)]))
                    return
                }
                result.append(.init(name: text(p, ns, ne), values: splitValues(p, vs, ve)))
            }
            return result
        }
    }

    /// The first value of the parameter called `name` (upper-case ASCII), without parsing the others.
    static func firstValue(of name: String, in bytes: ArraySlice<UInt8>) -> String? {
        let key = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { p in
            var found: String?
            forEachParameter(p, 0, p.count) { ns, ne, vs, ve in
                guard found == nil, let vs, ne - ns == key.count else { return }
                for j in 0..<key.count {
                    let b = p[ns + j]
                    if (b >= 0x61 && b <= 0x7A ? b & 0xDF : b) != key[j] { return }
                }
                // One value, commas included (`LABEL=1 Main St, Springfield`).
                var s = vs, e = ve
                if e - s >= 2 && p[s] == UInt8(ascii: "\"") && p[e - 1] == UInt8(ascii: "\"") { s += 1; e -= 1 }
                var value = text(p, s, e)
                if value.utf8.contains(UInt8(ascii: "^")) { value = VCardValueCoding.decodeCaret(value) }
                found = value
            }
            return found
        }
    }

    /// Splits `a,"b,c",d` into values; quotes are removed and caret escapes undone.
    private static func splitValues(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> [String] {
        var values: [String] = []
        var i = from
        while i <= to {
            var start = i
            let end: Int
            if i < to && p[i] == UInt8(ascii: "\"") {
                start = i + 1
                var j = start
                while j < to && p[j] != UInt8(ascii: "\"") { j += 1 }
                end = j
                i = j + 1
                while i < to && p[i] != UInt8(ascii: ",") { i += 1 }
            } else {
                var j = i
                while j < to && p[j] != UInt8(ascii: ",") { j += 1 }
                end = j
                i = j
            }
            var value = text(p, start, end)
            if value.utf8.contains(UInt8(ascii: "^")) { value = VCardValueCoding.decodeCaret(value) }
            values.append(value)
            i += 1  // past the comma
        }
        return values
    }

    @inline(__always)
    private static func string(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
    }

    private static func text(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        TextDecoding.decode(UnsafeBufferPointer(rebasing: p[from..<to]), charset: nil).text
    }

    /// ASCII-lower-cased text of a byte range (short strings stay inline: no allocation).
    private static func lower(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(unsafeUninitializedCapacity: to - from) { out in
            for k in from..<to {
                let b = p[k]
                out[k - from] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            }
            return to - from
        }
    }

    /// Case-insensitive comparison of a byte range with an upper-case ASCII keyword.
    @inline(__always)
    private static func equalsIgnoringCase(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int,
                                           _ keyword: StaticString) -> Bool {
        guard to - from == keyword.utf8CodeUnitCount else { return false }
        let k = keyword.utf8Start
        for j in 0..<(to - from) {
            let b = p[from + j]
            if (b >= 0x61 && b <= 0x7A ? b & 0xDF : b) != k[j] { return false }
        }
        return true
    }
}

/// Parses one unfolded content line, `[group.]name *(;param) : value`, on bytes.
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
    }

    static func parse(_ line: [UInt8], lineNumber: Int) throws(Failure) -> Parsed {
        try line.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(Failure) -> Parsed in
            let n = p.count
            // Name (with optional group): letters, digits, '-', '_' and one or more '.' separators.
            var i = 0
            var groupEnd = -1
            while i < n {
                let b = p[i]
                if b == UInt8(ascii: ";") || b == UInt8(ascii: ":") { break }
                if b == UInt8(ascii: ".") {
                    groupEnd = i
                } else if !(isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")) {
                    throw .notAProperty
                }
                i += 1
            }
            guard i < n, i > groupEnd + 1 else { throw .notAProperty }
            let group = groupEnd > 0 ? ascii(p, 0, groupEnd) : nil
            let name = ascii(p, groupEnd + 1, i)
            var parameters: [RawProperty.Parameter] = []
            // Parameters up to the first colon outside quotes.
            while i < n && p[i] == UInt8(ascii: ";") {
                i += 1
                let start = i
                var eq = -1
                var inQuotes = false
                while i < n {
                    let b = p[i]
                    if b == UInt8(ascii: "\"") { inQuotes.toggle() }
                    else if !inQuotes {
                        if b == UInt8(ascii: ";") || b == UInt8(ascii: ":") { break }
                        if b == UInt8(ascii: "=") && eq < 0 { eq = i }
                    }
                    i += 1
                }
                if i == start { continue }  // ";;" or a trailing ';'
                if eq < 0 {
                    parameters.append(.init(name: nil, values: [text(p, start, i)]))
                } else {
                    let pname = text(p, start, eq).trimmingWhitespace()
                    parameters.append(.init(name: String(pname), values: splitParameterValues(p, eq + 1, i)))
                }
            }
            guard i < n, p[i] == UInt8(ascii: ":") else { throw .notAProperty }
            let valueStart = i + 1

            var isQP = false, isBase64 = false
            var charsetName: String?
            for param in parameters {
                let pname = param.name?.uppercased()
                if pname == "ENCODING" || pname == nil {
                    for v in param.values {
                        switch v.uppercased() {
                        case "QUOTED-PRINTABLE": isQP = true
                        case "BASE64", "B": isBase64 = true
                        default: break
                        }
                    }
                } else if pname == "CHARSET" {
                    charsetName = param.values.first
                }
            }
            var charset: Charset?
            var unknownCharset: String?
            if let charsetName {
                charset = Charset(ianaName: charsetName)
                if charset == nil { unknownCharset = charsetName }
            }
            let valueBytes = UnsafeBufferPointer(rebasing: p[valueStart..<n])
            var usedFallback = false
            var badQP = false
            let value: String
            if isQP {
                let (decoded, ok) = VCardValueCoding.decodeQuotedPrintable(valueBytes)
                badQP = !ok
                let result = TextDecoding.decode(decoded, charset: charset)
                usedFallback = result.usedFallback
                value = VCardValueCoding.normalizeNewlines(result.text)
            } else {
                let result = TextDecoding.decode(valueBytes, charset: charset)
                usedFallback = result.usedFallback
                value = result.text
            }
            // 2.1 bare encodings are consumed; keep everything else.
            if isQP || isBase64 {
                parameters.removeAll { param in
                    param.name == nil && param.values.allSatisfy {
                        let u = $0.uppercased()
                        return u == "QUOTED-PRINTABLE" || u == "BASE64"
                    }
                }
                if isQP {
                    parameters.removeAll { $0.name?.uppercased() == "ENCODING" }
                }
            }
            let property = VCardProperty(
                group: group, name: name, upperName: name.uppercased(), parameters: parameters, value: value,
                isBase64: isBase64, wasQuotedPrintable: isQP, line: lineNumber)
            return Parsed(property: property, usedFallback: usedFallback, unknownCharset: unknownCharset,
                          badQuotedPrintable: badQP)
        }
    }

    @inline(__always)
    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    private static func ascii(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
    }

    private static func text(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        TextDecoding.decode(UnsafeBufferPointer(rebasing: p[from..<to]), charset: nil).text
    }

    /// Splits `a,"b,c",d` into values; quotes are removed and RFC 6868 caret escapes undone.
    private static func splitParameterValues(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> [String] {
        var values: [String] = []
        var i = from
        while i <= to {
            var start = i
            var end: Int
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
            i += 1  // skip the comma
        }
        return values
    }
}

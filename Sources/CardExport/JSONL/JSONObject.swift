
/// A minimal streaming JSON object writer. It owns the output bytes while it writes and hands
/// them to nested objects by moving them (no copies, and no class, whose every access Swift
/// would check for exclusivity at run time).
struct JSONObject {
    var bytes: [UInt8]
    private var first = true

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.bytes.append(UInt8(ascii: "{"))
    }

    static func take(_ a: inout [UInt8]) -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &a)
        return taken
    }

    mutating func close() { bytes.append(UInt8(ascii: "}")) }

    /// Keys are literals: their bytes are copied as they are (they need no escaping).
    private mutating func key(_ k: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))   // two appends: an array literal here is an allocation a key
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ k: StaticString, _ v: String?) {
        guard let v else { return }
        key(k)
        JSONObject.appendString(v, to: &bytes)
    }

    mutating func int(_ k: StaticString, _ v: Int?) {
        guard let v else { return }
        key(k)
        bytes.append(contentsOf: String(v).utf8)
    }

    mutating func strings(_ k: StaticString, _ v: [String]) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, s) in v.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONObject.appendString(s, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `[[0,2],[1]]`: for each value, the sources it came from.
    mutating func indexLists(_ k: StaticString, _ lists: [[Int]]) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, list) in lists.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: ("[" + list.map(String.init).joined(separator: ",") + "]").utf8)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func object(_ k: StaticString, _ body: (inout JSONObject) -> Void) {
        key(k)
        var nested = JSONObject(bytes: Self.take(&bytes))
        body(&nested)
        nested.close()
        bytes = Self.take(&nested.bytes)
    }

    mutating func array<T>(_ k: StaticString, _ items: [T], _ body: (inout JSONObject, T) -> Void) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var nested = JSONObject(bytes: Self.take(&bytes))
            body(&nested, item)
            nested.close()
            bytes = Self.take(&nested.bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole.
        var text = s
        let plain = text.withUTF8 { p -> Bool in
            // Eight bytes at a time: any below 0x20, a quote or a backslash (bitwise tests that
            // never miss one; UTF-8 bytes above 0x7F never match).
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
            var i = 0
            if let base = p.baseAddress {
                while i + 8 <= p.count {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if (w &- ones &* 0x20) & ~w & highs != 0 || hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C)) {
                        return false
                    }
                    i += 8
                }
            }
            while i < p.count {
                let b = p[i]
                if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
                i += 1
            }
            out.append(contentsOf: p)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one JSON line, in memory the writer manages itself: a plain pointer, length and
/// capacity, so an append is a bounds test and a store. Appending to a `[UInt8]` a few bytes at a
/// time cost a uniqueness check, a capacity check and a call for every key and value, a fifth of
/// all the work of `cardtool parse --raw`.
///
/// It starts in a caller's buffer (on the stack) and moves to the heap only when a line outgrows
/// it; ``release()`` frees what it allocated. Copies share the memory: hand it on, never keep two.
struct JSONBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    private var owned = false

    /// Writes into `initial`, which must outlive the buffer's use.
    init(_ initial: UnsafeMutableBufferPointer<UInt8>) {
        base = initial.baseAddress!
        capacity = initial.count
    }

    /// Frees the heap memory, if the line needed any.
    func release() {
        if owned { base.deallocate() }
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count &+ n > capacity { grow(count &+ n) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        let size = Swift.max(needed, capacity &* 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: base, count: count)
        release()
        base = bigger
        capacity = size
        owned = true
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ a: UInt8, _ b: UInt8) {
        reserve(2)
        base[count] = a
        base[count &+ 1] = b
        count &+= 2
    }

    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count &+= n
    }

    /// A decimal integer, without making a string of it.
    mutating func append(decimal v: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: Int.min has 20 digits and a sign
        withUnsafeMutableBytes(of: &digits) { raw in
            let d = raw.bindMemory(to: UInt8.self)
            var i = d.count
            var m = v.magnitude
            repeat {
                i -= 1
                d[i] = UInt8(truncatingIfNeeded: 0x30 &+ m % 10)
                m /= 10
            } while m > 0
            if v < 0 {
                i -= 1
                d[i] = UInt8(ascii: "-")
            }
            append(d.baseAddress! + i, count: d.count - i)
        }
    }
}

/// A minimal streaming JSON object writer. It owns the output buffer while it writes and hands
/// it to nested objects by moving it (three words; no class, whose every access Swift would check
/// for exclusivity at run time).
struct JSONObject {
    var bytes: JSONBuffer
    private var first = true

    init(bytes: JSONBuffer) {
        self.bytes = bytes
        self.bytes.append(UInt8(ascii: "{"))
    }

    mutating func close() { bytes.append(UInt8(ascii: "}")) }

    /// Keys are literals: their bytes are copied as they are (they need no escaping).
    @inline(__always)
    private mutating func key(_ k: StaticString) {
        let n = k.utf8CodeUnitCount
        bytes.reserve(n &+ 4)
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(k.utf8Start, count: n)
        bytes.append(UInt8(ascii: "\""), UInt8(ascii: ":"))
    }

    mutating func string(_ k: StaticString, _ v: String?) {
        guard let v else { return }
        key(k)
        JSONObject.appendString(v, to: &bytes)
    }

    mutating func int(_ k: StaticString, _ v: Int?) {
        guard let v else { return }
        key(k)
        bytes.append(decimal: v)
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
            bytes.append(UInt8(ascii: "["))
            for (j, n) in list.enumerated() {
                if j > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(decimal: n)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func object(_ k: StaticString, _ body: (inout JSONObject) -> Void) {
        key(k)
        var nested = JSONObject(bytes: bytes)
        body(&nested)
        nested.close()
        bytes = nested.bytes
    }

    mutating func array<T>(_ k: StaticString, _ items: [T], _ body: (inout JSONObject, T) -> Void) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var nested = JSONObject(bytes: bytes)
            body(&nested, item)
            nested.close()
            bytes = nested.bytes
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `s` as a JSON string, onto `out` (tests and other writers).
    static func appendString(_ s: String, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { initial in
            var buffer = JSONBuffer(initial)
            appendString(s, to: &buffer)
            out.append(contentsOf: buffer.bytes)
            buffer.release()
        }
    }

    static func appendString(_ s: String, to out: inout JSONBuffer) {
        // Native strings (all of ours) lend their UTF-8 without a copy.
        if s.utf8.withContiguousStorageIfAvailable({ appendString(utf8: $0, to: &out) }) == nil {
            let copy = Array(s.utf8)
            copy.withUnsafeBufferPointer { appendString(utf8: $0, to: &out) }
        }
    }

    private static func appendString(utf8 p: UnsafeBufferPointer<UInt8>, to out: inout JSONBuffer) {
        out.reserve(p.count &+ 2)
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole. Eight bytes at a time: any below 0x20, a
        // quote or a backslash (bitwise tests that never miss one; UTF-8 bytes above 0x7F never match).
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        var plain = true
        var i = 0
        if let base = p.baseAddress {
            while i &+ 8 <= p.count {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if (w &- ones &* 0x20) & ~w & highs != 0 || hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C)) {
                    plain = false
                    break
                }
                i &+= 8
            }
            if plain {
                while i < p.count {
                    let b = p[i]
                    if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { plain = false; break }
                    i &+= 1
                }
            }
            if plain {
                out.append(base, count: p.count)
                out.append(UInt8(ascii: "\""))
                return
            }
        }
        let hex: StaticString = "0123456789abcdef"
        for b in p {
            switch b {
            case UInt8(ascii: "\""): out.append(0x5C, 0x22)
            case UInt8(ascii: "\\"): out.append(0x5C, 0x5C)
            case 0x0A: out.append(0x5C, UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C, UInt8(ascii: "r"))
            case 0x09: out.append(0x5C, UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(0x5C, UInt8(ascii: "u"))
                out.append(0x30, 0x30)
                out.append(hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

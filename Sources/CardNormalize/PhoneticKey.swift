import Foundation

/// A phonetic key for surnames that treats Spanish and English spellings alike where they sound
/// alike: b/v, c/z/s before e/i, ll/y, g/j before e/i, silent h, qu/k/c, doubled letters, final -ez/-es.
public enum PhoneticKey {
    /// The phonetic key of a surname: `Vázquez` and `Vasques` both give `BSKS`.
    public static func key(_ text: String) -> String {
        var folded = TextFolding.fold(text, spaces: false)
        // On the folded bytes in place, the key written on the stack (a code for a byte at most).
        return folded.withUTF8 { s in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: s.count + 1) { buffer in
                let count = key(s, into: buffer.baseAddress!)
                return String(decoding: UnsafeBufferPointer(start: buffer.baseAddress, count: count), as: UTF8.self)
            }
        }
    }

    /// Writes the key of folded bytes `s` to `out`, returning its length.
    private static func key(_ s: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        var i = 0
        func at(_ k: Int) -> UInt8 { k >= 0 && k < s.count ? s[k] : 0 }
        func isVowel(_ c: UInt8) -> Bool { c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 }
        while i < s.count {
            let c = s[i]
            let next = at(i + 1)
            var code: UInt8?
            switch c {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
                code = n == 0 ? UInt8(ascii: "A") : nil
            case UInt8(ascii: "b"), UInt8(ascii: "v"), UInt8(ascii: "w"): code = UInt8(ascii: "B")
            case UInt8(ascii: "c"):
                if next == UInt8(ascii: "h") { code = UInt8(ascii: "X"); i += 1 }
                else if next == UInt8(ascii: "e") || next == UInt8(ascii: "i") { code = UInt8(ascii: "S") }
                else { code = UInt8(ascii: "K") }
            case UInt8(ascii: "z"), UInt8(ascii: "s"): code = UInt8(ascii: "S")
            case UInt8(ascii: "q"): code = UInt8(ascii: "K"); if next == UInt8(ascii: "u") { i += 1 }
            case UInt8(ascii: "k"): code = UInt8(ascii: "K")
            case UInt8(ascii: "g"): code = (next == UInt8(ascii: "e") || next == UInt8(ascii: "i")) ? UInt8(ascii: "J") : UInt8(ascii: "G")
            case UInt8(ascii: "j"): code = UInt8(ascii: "J")
            case UInt8(ascii: "h"): code = nil
            case UInt8(ascii: "l"): if next == UInt8(ascii: "l") { code = UInt8(ascii: "Y"); i += 1 } else { code = UInt8(ascii: "L") }
            case UInt8(ascii: "y"): code = isVowel(next) ? UInt8(ascii: "Y") : (n == 0 ? UInt8(ascii: "A") : nil)
            case UInt8(ascii: "x"): code = UInt8(ascii: "X")
            case UInt8(ascii: "r"): code = UInt8(ascii: "R")
            case UInt8(ascii: "m"), UInt8(ascii: "n"): code = UInt8(ascii: "N")
            case UInt8(ascii: "p"): code = next == UInt8(ascii: "h") ? UInt8(ascii: "F") : UInt8(ascii: "P"); if next == UInt8(ascii: "h") { i += 1 }
            case UInt8(ascii: "f"): code = UInt8(ascii: "F")
            case UInt8(ascii: "d"), UInt8(ascii: "t"): code = UInt8(ascii: "T")
            default: code = nil
            }
            if let code, n == 0 || out[n - 1] != code { out[n] = code; n += 1 }
            i += 1
        }
        return n
    }
}

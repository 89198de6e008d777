import CardModel

/// 64-bit FNV-1a, for blocking keys and value identity: cheap, stable across runs, and with 64 bits
/// collisions between distinct values of one field are not a practical concern.
public enum KeyHash {
    @inline(__always)
    public static func hash(_ s: String, seed: UInt64 = 0) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15)
        add(s, to: &h)
        return h == 0 ? 1 : h
    }

    /// ``hash(_:seed:)`` of the words joined by single spaces, without joining them.
    @inline(__always)
    public static func hash(words: [String], seed: UInt64 = 0) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15)
        for (k, w) in words.enumerated() {
            if k > 0 { h ^= 0x20; h = h &* 0x0000_0100_0000_01B3 }
            add(w, to: &h)
        }
        return h == 0 ? 1 : h
    }

    /// Adds a string's bytes to an FNV-1a hash: through a pointer where the string has them
    /// contiguous (every native string; a byte at a time through its view costs several times more).
    @inline(__always)
    static func add(_ s: String, to h: inout UInt64) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { p in
            for b in p {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01B3
            }
        }
        if done != nil { return }
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
    }

    /// Order-independent combination of two hashes (a key for an unordered pair of names).
    @inline(__always)
    public static func pair(_ a: UInt64, _ b: UInt64, seed: UInt64) -> UInt64 {
        let lo = min(a, b), hi = max(a, b)
        var h = seed &* 0x9E37_79B9_7F4A_7C15 ^ lo
        h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        h ^= hi
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 32)
    }
}

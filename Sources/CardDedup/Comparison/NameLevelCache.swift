/// Name levels a thread has worked out, by the two records' name keys: with common names the
/// same two names meet again and again across candidate pairs, and a level costs several
/// Jaro–Winkler scores. Direct-mapped, a fixed size, and checked by a 60-bit fingerprint of the
/// kind and both keys (64-bit keys, as ``KeyHash`` uses for value identity).
struct NameLevelCache {
    /// Which two name fields a level compares: the same field, or given against family for
    /// cards written surname first.
    enum Kind: UInt64 { case given = 1, family, givenAsFamily, familyAsGiven }

    /// Fingerprint (high 60 bits) and level (low 4 bits); 0 when empty.
    private var slots: [UInt64]
    private let mask: Int

    /// A cache of 2^`bits` entries (8 bytes each).
    init(bits: Int = 16) {
        slots = [UInt64](repeating: 0, count: 1 << bits)
        mask = (1 << bits) - 1
    }

    private init(empty: Void) { slots = []; mask = 0 }

    /// No cache: every level is worked out (for single comparisons).
    static var none: NameLevelCache { NameLevelCache(empty: ()) }

    /// The level of `kind` for names with keys `x` and `y`, from the cache or from `compute`.
    @inline(__always)
    mutating func level(_ kind: Kind, _ x: UInt64, _ y: UInt64, _ compute: () -> Int) -> Int {
        if slots.isEmpty { return compute() }
        var h = x &* 0x9E37_79B9_7F4A_7C15 ^ kind.rawValue
        h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        h ^= y
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        let fingerprint = h & ~0xF | 0x10
        let slot = Int(truncatingIfNeeded: h >> 4) & mask
        let entry = slots[slot]
        if entry & ~0xF == fingerprint { return Int(entry & 0xF) }
        let level = compute()
        slots[slot] = fingerprint | UInt64(level)
        return level
    }
}

import CardModel

/// What a list of given-name forms could match, in sixteen bytes: which (length, first letter)
/// pairs, lengths and first letters occur in it.
///
/// A given-name level looks for a form of one name among the other's forms, or for a form that
/// starts with the other's letter or is one letter longer or shorter; most names compared share
/// none of that, and the signatures say so without walking lists of up to twenty forms. A set
/// bit only means "look": the lists decide.
struct FormsSignature: Sendable, Equatable {
    var words: UInt64 = 0
    var lengths: UInt32 = 0
    var initials: UInt32 = 0

    /// No forms: nothing to look for.
    static let none = FormsSignature()
    /// Every bit set: every list is walked (what the levels were before signatures).
    static let everything = FormsSignature(words: ~0, lengths: ~0, initials: ~0)

    init(words: UInt64, lengths: UInt32, initials: UInt32) {
        (self.words, self.lengths, self.initials) = (words, lengths, initials)
    }

    init() {}

    init(_ forms: [String]) {
        for x in forms {
            words |= Self.wordBit(x)
            lengths |= Self.lengthBit(x.utf8.count)
            initials |= Self.initialBit(x.firstByte)
        }
    }

    /// The bit of a word: its length and first letter.
    @inline(__always)
    static func wordBit(_ x: String) -> UInt64 {
        1 &<< UInt64((x.utf8.count &* 5 &+ Int(x.firstByte ?? 0)) & 63)
    }

    @inline(__always)
    static func lengthBit(_ n: Int) -> UInt32 { 1 &<< UInt32(min(max(n, 0), 31)) }

    /// Lengths one letter off `n` or equal: what one edit can reach.
    @inline(__always)
    static func nearLengths(_ n: Int) -> UInt32 { lengthBit(n - 1) | lengthBit(n) | lengthBit(n + 1) }

    @inline(__always)
    static func initialBit(_ b: UInt8?) -> UInt32 { 1 &<< UInt32((b ?? 0) & 31) }
}

import CardNormalize
import Synchronization

/// What building features derived from given names and organizations before, by the text they
/// were derived from: a run repeats them again and again, and their folded words, phonetic keys,
/// nickname forms and organization keys cost thousands of instructions, a lookup a few hundred. One per worker, so its locks are uncontended; each table is emptied when full,
/// so memory stays flat on any input. Concrete types, so lookups are specialized.
final class FeatureWordCache: Sendable {
    static let limit = 100_000

    /// A given name's words (folded), their phonetic keys and the name's nickname forms.
    struct Given: Sendable { let words: [String], phonetic: [String], forms: [String] }

    // By the text's 64-bit hash (``KeyHash``, as value identity is kept elsewhere): one pass over
    // its bytes, where a string key was hashed twice more (to look up, then to store), and most
    // organizations in a run are looked up once.
    private let givens = Mutex<[UInt64: Given]>([:])
    private let organizations = Mutex<[UInt64: String]>([:])

    init() {}

    func given(_ text: String, _ compute: () -> Given) -> Given {
        let key = KeyHash.hash(text, seed: 31)
        if let hit = givens.withLock({ $0[key] }) { return hit }
        let value = compute()
        givens.withLock { Self.store(&$0, key, value) }
        return value
    }

    func organization(_ text: String, _ compute: () -> String) -> String {
        let key = KeyHash.hash(text, seed: 32)
        if let hit = organizations.withLock({ $0[key] }) { return hit }
        let value = compute()
        organizations.withLock { Self.store(&$0, key, value) }
        return value
    }

    private static func store<V>(_ table: inout [UInt64: V], _ key: UInt64, _ value: V) {
        if table.count >= limit { table.removeAll(keepingCapacity: true) }
        table[key] = value
    }
}

import Synchronization

/// What normalization derived from a name or an organization before, by the text it was derived
/// from. An address book repeats given names, surnames, companies and whole names (one person from
/// several sources): their nickname forms, phonetic keys and parses cost thousands of
/// instructions each, a lookup a few hundred. One per normalizer, and a normalizer per worker, so
/// the lock is uncontended; bounded: each table is emptied when full.
package final class WordCache: Sendable {
    static let limit = 100_000

    package struct Tables {
        var givenForms: [String: [String]] = [:]
        var family: [String: (folded: String, phonetic: String)] = [:]
        var organization: [String: String] = [:]
        var parsed: [String: NameNormalizer.Parsed] = [:]
        var cleanedParts: [String: NameNormalizer.Cleaned] = [:]
    }

    private let tables = Mutex(Tables())

    /// The cached value for `key` in one table, computed outside the lock on a miss.
    package func value<V: Sendable>(_ table: WritableKeyPath<Tables, [String: V]>, _ key: String, _ compute: () -> V) -> V {
        if let hit = tables.withLock({ $0[keyPath: table][key] }) { return hit }
        let value = compute()
        tables.withLock { t in
            if t[keyPath: table].count >= Self.limit { t[keyPath: table].removeAll(keepingCapacity: true) }
            t[keyPath: table][key] = value
        }
        return value
    }
}

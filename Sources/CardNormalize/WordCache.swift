import Synchronization

/// What normalization derived from a name or an organization before, by the text it was derived
/// from. An address book repeats given names, surnames, companies and whole names (one person from
/// several sources): their nickname forms, phonetic keys and parses cost thousands of
/// instructions each, a lookup a few hundred. One per normalizer, and a normalizer per worker, so
/// the lock is uncontended; bounded: each table is emptied when full.
package final class WordCache: Sendable {
    static let limit = 100_000

    /// One table: values by the text they were derived from. Each its own lock and a direct
    /// dictionary, without key paths, whose application cost more than the lookup.
    package final class Table<V: Sendable>: Sendable {
        private let entries = Mutex<[String: V]>([:])

        /// The cached value for `key`, computed outside the lock on a miss.
        package func value(_ key: String, _ compute: () -> V) -> V {
            if let hit = entries.withLock({ $0[key] }) { return hit }
            let value = compute()
            entries.withLock { e in
                if e.count >= WordCache.limit { e.removeAll(keepingCapacity: true) }
                e[key] = value
            }
            return value
        }
    }

    package let givenForms = Table<[String]>()
    package let family = Table<(folded: String, phonetic: String)>()
    package let organization = Table<String>()
    let parsed = Table<NameNormalizer.Parsed>()
    let cleanedParts = Table<NameNormalizer.Cleaned>()
}

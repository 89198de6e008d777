/// What normalization derived from a name or an organization before, by the text it was derived
/// from. An address book repeats given names, surnames, companies and whole names (one person from
/// several sources): their nickname forms, phonetic keys and parses cost thousands of
/// instructions each, a lookup a few hundred. One per normalizer, and a normalizer per worker, so
/// the lock is uncontended; bounded: each table is emptied when full.
package final class WordCache: Sendable {
    static let limit = 100_000

    /// One table: values by the text they were derived from, each with its own lock (reached
    /// directly: key paths into one shared table cost more than the lookup).
    package typealias Table<V: Sendable> = BoundedCache<String, V>

    package let givenForms = Table<[String]>(limit: limit)
    package let family = Table<(folded: String, phonetic: String)>(limit: limit)
    package let organization = Table<String>(limit: limit)
    let parsed = Table<NameNormalizer.Parsed>(limit: limit)
    let cleanedParts = Table<NameNormalizer.Cleaned>(limit: limit)
}

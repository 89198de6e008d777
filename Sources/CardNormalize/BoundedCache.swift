import Synchronization

/// Values by the key they were derived from, for the length of a run: normalization meets the same
/// names, companies and numbers again and again. Behind its own lock (uncontended: a normalizer
/// per worker), and bounded: emptied when full, so memory stays flat on any input.
package final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let limit: Int
    private let entries = Mutex<[Key: Value]>([:])

    /// A cache of at most `limit` entries.
    package init(limit: Int) { self.limit = limit }

    /// The cached value for `key`, computed outside the lock on a miss.
    package func value(_ key: Key, _ compute: () -> Value) -> Value {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let value = compute()
        entries.withLock { e in
            if e.count >= limit { e.removeAll(keepingCapacity: true) }
            e[key] = value
        }
        return value
    }
}

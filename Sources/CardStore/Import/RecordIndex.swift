import CardConcurrency
import CardDedup
import CardModel

/// What the book derives from each record to find it again: its blocking keys (`record_key`), its
/// names in sort order (`record_name`) and its share of the value counts (`value_count`).
///
/// A new record is matched against the records that share a key with it or sort next to it by
/// name, found through indexes, never by reading the whole book.
enum RecordIndex {
    /// Key spaces beyond the blocking rules' own: a common name split by second surname or city.
    static let splitSpace: UInt64 = 100

    /// A rule's key as stored: the rule mixed in, so that keys of different rules never meet.
    static func stored(_ space: UInt64, _ key: UInt64) -> Int64 {
        var h = key ^ ((space + 1) &* 0x9E37_79B9_7F4A_7C15)
        h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        return Int64(bitPattern: h ^ (h >> 32))
    }

    /// A name key combined with one of its split keys.
    static func split(_ nameKey: UInt64, _ sub: UInt64) -> Int64 {
        stored(splitSpace, KeyHash.pair(nameKey, sub, seed: 5))
    }

    /// Every stored key of a record, each with the rule it stands for (`nil` for split keys).
    static func keys(_ r: RecordFeatures) -> [(key: Int64, rule: CandidateBlocker.Rule?)] {
        var out: [(Int64, CandidateBlocker.Rule?)] = []
        for rule in CandidateBlocker.keyedRules {
            for k in CandidateBlocker.keys(rule, r) {
                out.append((stored(UInt64(rule.rawValue), k), rule))
                if rule == .name { for sub in CandidateBlocker.splitKeys(r) { out.append((split(k, sub), nil)) } }
            }
        }
        return out
    }

    /// Stores the keys of `rules` (rules added, or keys worked out differently, since the records
    /// were indexed) for every record in the book, a batch at a time. New name keys that are now
    /// common get their split keys too, as an import would have stored them.
    static func addKeys(of rules: [CandidateBlocker.Rule], db: any BookConnection) throws {
        var newNames = Set<Int64>()
        // A record may hold some of the keys already (a rule whose keys are worked out anew).
        let insertKey = try db.cachedStatement(sql: """
            INSERT INTO record_key (key, record_id) SELECT ?1, ?2
            WHERE NOT EXISTS (SELECT 1 FROM record_key WHERE key = ?1 AND record_id = ?2)
            """)
        let hasKey = try db.cachedStatement(sql: "SELECT count(*) FROM record_key WHERE key = ? AND record_id = ?")
        let custom = try EventBook.customFields(db)
        var last: Int64 = -1
        while true {
            let ids = try Int64.fetchAll(try db.cachedStatement(sql: "SELECT id FROM record WHERE id > ? ORDER BY id LIMIT 10000"),
                                         arguments: [last])
            guard let end = ids.last else { break }
            for (id, r) in try StoredFeatures.load(ids, customFields: custom, threads: Parallel.defaultThreads, db: db) {
                var seen = Set<Int64>()
                for rule in rules {
                    for k in CandidateBlocker.keys(rule, r) {
                        let key = stored(UInt64(rule.rawValue), k)
                        guard seen.insert(key).inserted else { continue }
                        if rule == .name, try (Int.fetchOne(hasKey, arguments: [key, id]) ?? 0) == 0 { newNames.insert(key) }
                        try insertKey.execute(arguments: [key, id])
                    }
                }
            }
            last = end
        }
        let common = try keyCounts(Array(newNames), db: db).filter { $0.value >= splitFrom }.map(\.key)
        if !common.isEmpty { try addSplits(ofNameKeys: common, db: db) }
    }

    /// A name key's split keys are stored once this many records carry it (and written then for the
    /// records that had it before): the split is only looked up for names too common to block on
    /// (``CandidateBlocker/Rule/cap``), and most names never are, which spares a third of the keys.
    static let splitFrom = CandidateBlocker.Rule.name.cap / 2

    /// A record's name keys, each with its split keys.
    static func nameKeys(_ r: RecordFeatures) -> [(key: Int64, splits: [Int64])] {
        let subs = CandidateBlocker.splitKeys(r)
        return CandidateBlocker.keys(.name, r).map { k in
            (stored(UInt64(CandidateBlocker.Rule.name.rawValue), k), subs.map { split(k, $0) })
        }
    }

    /// Adds the derived rows of new records (`ids[i]` is `records[i]`'s id).
    static func add(_ records: [RecordFeatures], ids: [Int64], counts: inout ValueCounts, db: any BookConnection) throws {
        let insertKey = BatchInsert(db, "INSERT INTO record_key (key, record_id) VALUES", columns: 2)
        let insertName = BatchInsert(db, "INSERT INTO record_name (record_id, family_given, given_family) VALUES", columns: 3)
        // Name keys: how many book records carry each before these, to know whose splits to store.
        var byName: [Int64: [(id: Int64, splits: [Int64])]] = [:]
        for (r, id) in zip(records, ids) {
            for (key, splits) in nameKeys(r) where !(byName[key]?.contains { $0.id == id } ?? false) {
                byName[key, default: []].append((id, splits))
            }
        }
        let before = try keyCounts(Array(byName.keys), db: db)
        for (r, id) in zip(records, ids) {
            var seen = Set<Int64>()
            for (key, rule) in keys(r) where rule != nil && seen.insert(key).inserted { try insertKey.add([key, id]) }
            if let fg = CandidateBlocker.sortName(.sortedFamilyGiven, r), let gf = CandidateBlocker.sortName(.sortedGivenFamily, r) {
                try insertName.add([id, fg, gf])
            }
        }
        try insertName.flush()
        var backfill: [Int64] = []
        for (key, holders) in byName {
            let had = before[key] ?? 0
            guard had + holders.count >= splitFrom else { continue }
            for (id, splits) in holders { for s in Set(splits) { try insertKey.add([s, id]) } }
            // The records that carried the name before it became common get their splits now.
            if had > 0 && had < splitFrom { backfill.append(key) }
        }
        try insertKey.flush()
        if !backfill.isEmpty { try addSplits(ofNameKeys: backfill, db: db) }
        let keys = records.map(ValueCounts.keys(of:))
        try ValueCountStore.load(for: keys, into: &counts, db: db)
        let old = counts
        for k in keys { counts.add(k) }
        try ValueCountStore.save(counts, changedFrom: old, db: db)
    }

    /// Writes the split keys of the book's records that carry these name keys but not yet their splits.
    static func addSplits(ofNameKeys keys: [Int64], db: any BookConnection) throws {
        let wanted = Set(keys)
        var holders = Set<Int64>()
        for list in db.lists(keys) {
            holders.formUnion(try Int64.fetchAll(try db.cachedStatement(sql: "SELECT record_id FROM record_key WHERE key \(list.test)"),
                                                 arguments: list.arguments))
        }
        let custom = try EventBook.customFields(db)
        let coding = ContactCoding()
        var pairs = Set<Pair>()
        for list in db.lists(Array(holders).sorted()) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, contact FROM record WHERE id \(list.test)"),
                                        arguments: list.arguments) {
                let id: Int64 = row["id"]
                let r = RecordFeatures(try coding.decode(row["contact"]), customFields: custom)
                for (key, splits) in nameKeys(r) where wanted.contains(key) {
                    for s in splits { pairs.insert(Pair(key: s, record: id)) }
                }
            }
        }
        // Some holders have their splits already (records of this import): asked for all at once.
        for list in db.lists(Set(pairs.map(\.key))) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT key, record_id FROM record_key WHERE key \(list.test)"),
                                        arguments: list.arguments) {
                pairs.remove(Pair(key: row["key"], record: row["record_id"]))
            }
        }
        let insertKey = BatchInsert(db, "INSERT INTO record_key (key, record_id) VALUES", columns: 2)
        for p in pairs.sorted(by: { ($0.record, $0.key) < ($1.record, $1.key) }) { try insertKey.add([p.key, p.record]) }
        try insertKey.flush()
    }

    /// A stored key and a record that carries it.
    struct Pair: Hashable {
        let key: Int64
        let record: Int64
    }

    /// How many book records carry each stored key.
    static func keyCounts(_ keys: [Int64], db: any BookConnection) throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for list in db.lists(keys) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT key, COUNT(*) AS n FROM record_key WHERE key \(list.test) GROUP BY key"),
                                        arguments: list.arguments) {
                counts[row["key"]] = row["n"]
            }
        }
        return counts
    }

    /// Removes the derived rows of records leaving the book (their keys found again from their
    /// features, through the one index the keys have).
    static func remove(_ records: [RecordFeatures], ids: [Int64], db: any BookConnection) throws {
        let deleteKey = try db.cachedStatement(sql: "DELETE FROM record_key WHERE key = ? AND record_id = ?")
        for (r, id) in zip(records, ids) {
            for key in Set(keys(r).map(\.key)) { try deleteKey.execute(arguments: [key, id]) }
        }
        for list in db.lists(ids) {
            try db.cachedStatement(sql: "DELETE FROM record_name WHERE record_id \(list.test)").execute(arguments: list.arguments)
        }
        var counts = ValueCounts()
        let keys = records.map(ValueCounts.keys(of:))
        try ValueCountStore.load(for: keys, into: &counts, db: db)
        let before = counts
        for k in keys { counts.remove(k) }
        try ValueCountStore.save(counts, changedFrom: before, db: db)
    }
}

/// The book's value counts, loaded for the values at hand and written back where they changed.
enum ValueCountStore {
    /// Totals are stored under the negated kind and key 0.
    static func totalKind(_ kind: ValueCounts.Kind) -> Int { -kind.rawValue }

    /// Loads every count that records with these keys read or change, and the totals.
    static func load(for keys: [ValueCounts.Keys], into counts: inout ValueCounts, db: any BookConnection) throws {
        var wanted: [ValueCounts.Kind: Set<UInt64>] = [:]
        for k in keys {
            for (kind, key) in ValueCounts.increments(k) { wanted[kind, default: []].insert(key) }
            if k.family != 0 {
                // Within-surname statistics read the surname's totals even when this record adds none.
                for kind in [ValueCounts.Kind.familyWithGiven, .familyWithCity, .familyCityPairs] { wanted[kind, default: []].insert(k.family) }
            }
        }
        for (kind, set) in wanted {
            let missing = set.filter { counts.counts[kind]?[$0] == nil }
            for chunk in Array(missing).chunked(db.listChunk()) {
                let list = db.list(chunk.map { Int64(bitPattern: $0) })
                let rows = try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT key, count FROM value_count WHERE kind = ? AND key \(list.test)"),
                                            arguments: [kind.rawValue] + list.arguments)
                var found: [UInt64: Int] = [:]
                for row in rows { found[UInt64(bitPattern: row["key"] as Int64)] = row["count"] }
                for key in chunk { counts.counts[kind, default: [:]][key] = found[key] ?? 0 }
            }
        }
        for kind in [ValueCounts.Kind.given, .family, .city] where counts.totals[kind] == nil {
            counts.totals[kind] = try Int.fetchOne(try db.cachedStatement(sql: "SELECT count FROM value_count WHERE kind = ? AND key = 0"),
                                                   arguments: [totalKind(kind)]) ?? 0
        }
    }

    /// Loads whether these e-mail and phone hashes are marked shared.
    static func loadShared(_ keys: [UInt64], into counts: inout ValueCounts, db: any BookConnection) throws {
        var loaded = counts
        try load(kind: .shared, Set(keys), into: &loaded, db: db)
        counts = loaded
    }

    private static func load(kind: ValueCounts.Kind, _ set: Set<UInt64>, into counts: inout ValueCounts, db: any BookConnection) throws {
        let missing = set.filter { counts.counts[kind]?[$0] == nil }
        for chunk in Array(missing).chunked(db.listChunk()) {
            let list = db.list(chunk.map { Int64(bitPattern: $0) })
            let rows = try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT key, count FROM value_count WHERE kind = ? AND key \(list.test)"),
                                        arguments: [kind.rawValue] + list.arguments)
            var found: [UInt64: Int] = [:]
            for row in rows { found[UInt64(bitPattern: row["key"] as Int64)] = row["count"] }
            for key in chunk { counts.counts[kind, default: [:]][key] = found[key] ?? 0 }
        }
    }

    /// Writes the counts that differ from `before`.
    static func save(_ counts: ValueCounts, changedFrom before: ValueCounts, db: any BookConnection) throws {
        // Each (kind, key) once: rows of one multi-row upsert must not meet the same key twice.
        let upsert = BatchInsert(db, "INSERT INTO value_count (kind, key, count) VALUES", columns: 3,
                                 tail: "ON CONFLICT (kind, key) DO UPDATE SET count = excluded.count")
        for (kind, values) in counts.counts {
            let old = before.counts[kind] ?? [:]
            for (key, count) in values where old[key] != count {
                try upsert.add([kind.rawValue, Int64(bitPattern: key), count])
            }
        }
        for (kind, total) in counts.totals where before.totals[kind] != total {
            try upsert.add([totalKind(kind), 0, total])
        }
        try upsert.flush()
    }
}

extension Array {
    /// Consecutive pieces of at most `size` elements (SQL `IN` lists stay short).
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}

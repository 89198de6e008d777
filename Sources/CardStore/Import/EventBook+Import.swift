import CardConcurrency
import CardDedup
import CardExport
import CardNormalize
import CardModel
import Foundation

extension EventBook {
    /// Brings a batch of normalized contacts into the book as one change: records already in the
    /// book are skipped, the others are matched against the book (only the records that share a
    /// blocking key with them or sort next to them by name are read) and against each other, and
    /// join existing people or become new ones.
    ///
    /// Nothing changes, and no history entry is left, when every record is already in the book.
    public func importContacts(_ contacts: [Contact], options: ImportOptions) throws(BookError) -> ImportReport {
        let coding = ContactCoding()
        let threads = options.configuration.threads
        var report = ImportReport()
        report.records = contacts.count
        // Work that needs no book first, outside the transaction. Matching keys are dropped as the
        // book stores contacts without them, so features worked out now and from the stored form agree.
        let filled = contacts.map { c -> Contact in
            var c = Self.fill(c, event: options.event)
            c.keys = nil
            return c
        }
        let prepared: [(stored: Data, fingerprint: String)] = Parallel.map(filled.count, threads: threads, minChunk: 512) { range in
            range.map { (coding.encode(filled[$0]), coding.fingerprint(filled[$0])) }
        }
        let started = Date()
        var inside = 0.0
        let result: ImportReport? = try change("import") { db, journal in
            let known = try Self.knownFingerprints(Set(prepared.map(\.fingerprint)), db)
            let fresh = prepared.indices.filter { known[prepared[$0].fingerprint] == nil }
            report.alreadyInBook = contacts.count - fresh.count
            report.placements = prepared.map { p in
                AuditLedger.Placement(person: known[p.fingerprint] ?? "", outcome: .skipped, reason: .bookAlreadyInBook)
            }
            guard !fresh.isEmpty else { return nil }
            var run = ImportRun(db: db, journal: journal, coding: coding, options: options, threads: threads)
            try run.prepare(fresh.map { filled[$0] }, stored: fresh.map { prepared[$0] })
            try run.match()
            let importID = try run.write()
            report = run.report(report, importID: importID)
            for (local, index) in fresh.enumerated() { if let placed = run.placements[local] { report.placements[index] = placed } }
            inside = -started.timeIntervalSinceNow
            let what = options.files.count == 1 ? options.files[0] : "\(options.files.count) files"
            let event = run.eventLabel.map { "; \($0)" } ?? ""
            return ("import #\(importID): \(what) (\(fresh.count) record\(fresh.count == 1 ? "" : "s")\(event)): "
                    + "\(report.newPeople) new, \(report.mergedIntoExisting) merged into existing people, \(report.review) for review",
                    report)
        }
        guard var done = result else { return report }
        done.timings.append(("commit", -started.timeIntervalSinceNow - inside))
        return done
    }

    /// The record's own event and date win; `event` fills what it lacks.
    static func fill(_ contact: Contact, event: MetEvent?) -> Contact {
        guard let event else { return contact }
        var c = contact
        if c.events.isEmpty {
            c.events = [event]
        } else {
            c.events[0].name = c.events[0].name ?? event.name
            c.events[0].date = c.events[0].date ?? event.date
        }
        return c
    }

    /// The fingerprints the book already has, each with the person its record belongs to.
    static func knownFingerprints(_ fingerprints: Set<String>, _ db: any BookConnection) throws -> [String: String] {
        var known: [String: String] = [:]
        for list in db.lists(Array(fingerprints)) {
            let rows = try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT r.fingerprint, m.person_id FROM record r LEFT JOIN membership m ON m.record_id = r.id
                WHERE r.fingerprint \(list.test)
                """), arguments: list.arguments)
            for row in rows { known[row[0]] = (row[1] as String?) ?? "" }
        }
        return known
    }
}

/// One import, step by step, inside its transaction: the batch's features, the model, the book's
/// records it may match, the scores and clusters, and the rows written.
struct ImportRun {
    let db: any BookConnection
    let journal: Journal
    let coding: ContactCoding
    let options: ImportOptions
    let threads: Int
    let deduplicator: Deduplicator

    /// The batch: contacts, their stored form, their features.
    var contacts: [Contact] = []
    var stored: [(stored: Data, fingerprint: String)] = []
    var fresh: [RecordFeatures] = []
    var customFields: [String] = []
    /// Book records taking part: their ids and features. Local indices put the batch first, then
    /// these (a comparison takes value frequencies from its first record: the batch's, whose
    /// counts are loaded).
    var existingIDs: [Int64] = []
    var existing: [RecordFeatures] = []
    var existingIndex: [Int64: Int] = [:]
    var personOf: [Int64: String] = [:]
    /// Candidate pairs between the batch and the book: (book record id, batch index) → rules.
    var bookPairs: [Int64: [(Int, UInt16)]] = [:]
    /// Value hashes the batch marks as shared by differently named people.
    var newlyShared: Set<UInt64> = []
    var counts = ValueCounts()
    var model: MatchModel?
    var modelNote = ""
    var clustering: Deduplicator.Clustering?
    var scored: [ScoredPair] = []
    var bookRecords = 0
    var eventLabel: String?
    // Outcome, for the report.
    var newPeople = 0, mergedIntoExisting = 0, peopleJoined = 0, reviewPairs = 0
    /// The pairs kept for the report (``ImportOptions/keepPairs``).
    var keptPairs: [ImportReport.Pair] = []
    /// What became of each batch record (by local index), for the audit ledger.
    var placements: [Int: AuditLedger.Placement] = [:]
    /// Seconds per step, for `--explain`.
    var timings: [(String, Double)] = []
    private var clock = Date()

    mutating func lap(_ step: String) {
        timings.append((step, -clock.timeIntervalSinceNow))
        clock = Date()
    }

    init(db: any BookConnection, journal: Journal, coding: ContactCoding, options: ImportOptions, threads: Int) {
        self.db = db
        self.journal = journal
        self.coding = coding
        self.options = options
        self.threads = threads
        deduplicator = Deduplicator(configuration: options.configuration)
    }

    var local: [RecordFeatures] { fresh + existing }

    /// A book record's local index.
    func localIndex(_ id: Int64) -> Int? { existingIndex[id].map { fresh.count + $0 } }

    // MARK: Preparing

    mutating func prepare(_ contacts: [Contact], stored: [(stored: Data, fingerprint: String)]) throws {
        self.contacts = contacts
        self.stored = stored
        customFields = try compareFields()
        let custom = customFields
        fresh = Parallel.map(contacts.count, threads: threads, minChunk: 256) { range in
            range.map { RecordFeatures(contacts[$0], customFields: custom) }
        }
        bookRecords = try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM record")) ?? 0
    }

    /// The book's compared custom fields, with the batch's added (six at most).
    func compareFields() throws -> [String] {
        let saved = try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM book_meta WHERE key = 'custom_fields'"))
        var fields = saved.map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
        for f in options.configuration.customFields where !fields.contains(f) { fields.append(f) }
        return Array(fields.prefix(MatchField.maxCustomFields))
    }

    // MARK: Matching

    mutating func match() throws {
        lap("prepare")
        try loadCandidates()
        lap("candidates")
        try markShared()
        try loadCounts()
        lap("counts")
        try estimateOrReuse()
        lap("model")
        try score()
        lap("scoring")
    }

    /// Book records that share a key with a batch record, or sort next to it by name, and every
    /// record of their people.
    mutating func loadCandidates() throws {
        // Keys of the batch, grouped, with how many batch records carry each.
        var byKey: [Int64: [(Int, CandidateBlocker.Rule?)]] = [:]
        var nameSplits: [Int64: [(Int, Int64)]] = [:]    // a name key → (record, split key)
        for (i, r) in fresh.enumerated() {
            for rule in CandidateBlocker.keyedRules {
                for k in CandidateBlocker.keys(rule, r) {
                    let key = RecordIndex.stored(UInt64(rule.rawValue), k)
                    byKey[key, default: []].append((i, rule))
                    if rule == .name {
                        for sub in CandidateBlocker.splitKeys(r) { nameSplits[key, default: []].append((i, RecordIndex.split(k, sub))) }
                    }
                }
            }
        }
        // How many book records carry each key first (the index answers without reading them): a
        // key too common to block on (more records than its rule's cap) is dropped, as in a batch.
        let bookCounts = try RecordIndex.keyCounts(Array(byKey.keys), db: db)
        var wanted: [Int64: [(Int, CandidateBlocker.Rule)]] = [:]
        var splitWanted: [Int64: [Int]] = [:]
        for (key, batchHolders) in byKey {
            guard let rule = batchHolders.first?.1, let inBook = bookCounts[key] else { continue }
            if inBook + Set(batchHolders.map(\.0)).count <= rule.cap {
                wanted[key] = batchHolders.map { ($0.0, rule) }
            } else if rule == .name {
                // A common name: within it, records that also share the second surname or the city.
                for (i, split) in nameSplits[key] ?? [] { splitWanted[split, default: []].append(i) }
            }
        }
        if !splitWanted.isEmpty {
            let splitCounts = try RecordIndex.keyCounts(Array(splitWanted.keys), db: db)
            for (key, batchHolders) in splitWanted {
                guard let inBook = splitCounts[key], inBook + Set(batchHolders).count <= CandidateBlocker.Rule.name.cap else { continue }
                wanted[key] = batchHolders.map { ($0, .name) }
            }
        }
        for (key, ids) in try keyHolders(Array(wanted.keys)) {
            for id in ids { for (i, rule) in wanted[key] ?? [] { bookPairs[id, default: []].append((i, 1 << UInt16(rule.rawValue))) } }
        }
        lap("candidates: keys")
        // Sorted neighbourhood: the book's names on either side of each batch record's, many names
        // to a statement (one round trip on PostgreSQL).
        var asks: [(i: Int, rule: CandidateBlocker.Rule, column: String, name: String)] = []
        for (i, r) in fresh.enumerated() {
            for (rule, column) in [(CandidateBlocker.Rule.sortedFamilyGiven, "family_given"), (.sortedGivenFamily, "given_family")] {
                if let name = CandidateBlocker.sortName(rule, r) { asks.append((i, rule, column, name)) }
            }
        }
        for chunk in asks.chunked(db.dialect == .postgres ? 1_000 : 64) {
            let (sql, arguments) = Self.neighbours(Array(chunk).map { ($0.column, $0.name) }, dialect: db.dialect)
            var found = Array(repeating: [Int64](), count: chunk.count)
            for row in try SQLRow.fetchAll(db, sql: sql, arguments: SQLArguments(arguments)) {
                found[(row["q"] as Int) / 2].append(row["record_id"])
            }
            for (a, ids) in zip(chunk, found) {
                for id in ids { bookPairs[id, default: []].append((a.i, 1 << UInt16(a.rule.rawValue))) }
            }
        }
        lap("candidates: names")
        try loadRecords(Array(bookPairs.keys))
    }

    /// One query for the three book records on either side of each name in its column's order:
    /// rows of `q` (twice the name's place, plus one for the side before) and `record_id`.
    ///
    /// SQLite gets a union of small index ranges. PostgreSQL plans such a union of 128 ranges in
    /// 13 ms; it gets the names as a list joined laterally to one range query per column, planned
    /// once (1 ms for the same names).
    static func neighbours(_ asks: [(column: String, name: String)], dialect: SQLDialect) -> (String, [String]) {
        var parts: [String] = [], arguments: [String] = []
        guard dialect == .postgres else {
            for (q, a) in asks.enumerated() {
                parts.append("SELECT \(2 * q) AS q, record_id FROM (SELECT record_id FROM record_name WHERE \(a.column) >= ? ORDER BY \(a.column) LIMIT 3) AS s\(2 * q)")
                parts.append("SELECT \(2 * q + 1) AS q, record_id FROM (SELECT record_id FROM record_name WHERE \(a.column) < ? ORDER BY \(a.column) DESC LIMIT 3) AS s\(2 * q + 1)")
                arguments += [a.name, a.name]
            }
            return (parts.joined(separator: " UNION ALL "), arguments)
        }
        var lists: [String] = []
        for column in ["family_given", "given_family"] {
            let mine = asks.enumerated().filter { $0.element.column == column }
            guard !mine.isEmpty else { continue }
            let name = "a_\(column)"
            lists.append("\(name)(q, name) AS (VALUES " + mine.map { "(\($0.offset), ?::text)" }.joined(separator: ", ") + ")")
            arguments += mine.map(\.element.name)
            parts.append("SELECT 2 * a.q AS q, s.record_id FROM \(name) AS a CROSS JOIN LATERAL "
                         + "(SELECT record_id FROM record_name WHERE \(column) >= a.name ORDER BY \(column) LIMIT 3) AS s")
            parts.append("SELECT 2 * a.q + 1 AS q, s.record_id FROM \(name) AS a CROSS JOIN LATERAL "
                         + "(SELECT record_id FROM record_name WHERE \(column) < a.name ORDER BY \(column) DESC LIMIT 3) AS s")
        }
        return ("WITH " + lists.joined(separator: ", ") + " " + parts.joined(separator: " UNION ALL "), arguments)
    }

    /// The book records that carry each stored key.
    func keyHolders(_ keys: [Int64]) throws -> [Int64: [Int64]] {
        var holders: [Int64: [Int64]] = [:]
        for list in db.lists(keys) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT key, record_id FROM record_key WHERE key \(list.test)"),
                                        arguments: list.arguments) {
                holders[row["key"], default: []].append(row["record_id"])
            }
        }
        return holders
    }

    /// Loads every record of the people these book records belong to.
    mutating func loadPeople(of recordIDs: [Int64]) throws {
        var people = Set<String>()
        for list in db.lists(recordIDs) {
            people.formUnion(try String.fetchAll(try db.cachedStatement(sql: "SELECT DISTINCT person_id FROM membership WHERE record_id \(list.test)"),
                                                 arguments: list.arguments))
        }
        var members: [Int64] = []
        for list in db.lists(Array(people)) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT record_id, person_id FROM membership WHERE person_id \(list.test)"),
                                        arguments: list.arguments) {
                personOf[row["record_id"]] = row["person_id"]
                members.append(row["record_id"])
            }
        }
        try loadRecords(members)
    }

    /// Loads book records (their features) not loaded yet.
    mutating func loadRecords(_ ids: [Int64]) throws {
        let newIDs = Array(Set(ids.filter { existingIndex[$0] == nil })).sorted()
        for (id, f) in try StoredFeatures.load(newIDs, customFields: customFields, threads: threads, db: db) {
            existingIndex[id] = existingIDs.count
            existingIDs.append(id)
            existing.append(f)
        }
    }

    /// The value counts of the batch's values, with the batch counted in. The book's records in a
    /// comparison come second and take none (their values in common with the batch are loaded).
    mutating func loadCounts() throws {
        let freshKeys = fresh.map(ValueCounts.keys(of:))
        try ValueCountStore.load(for: freshKeys, into: &counts, db: db)
        for k in freshKeys { counts.add(k) }
    }

    /// Addresses and numbers of the batch that differently named people hold: compared with the
    /// first book record that has them, or the first batch record.
    mutating func markShared() throws {
        var keys: [UInt64: [Int]] = [:]
        for (i, r) in fresh.enumerated() { for k in ValueCounts.sharedKeys(r) { keys[k, default: []].append(i) } }
        try ValueCountStore.loadShared(Array(keys.keys), into: &counts, db: db)
        // The first holder in the book: the e-mail and phone blocking keys name it.
        var storedOf: [Int64: UInt64] = [:]
        for r in fresh {
            for e in r.emails { storedOf[RecordIndex.stored(UInt64(CandidateBlocker.Rule.email.rawValue), e)] = e ^ 0x5EED }
            for p in r.phones { storedOf[RecordIndex.stored(UInt64(CandidateBlocker.Rule.phone.rawValue), p)] = p }
        }
        var firstInBook: [UInt64: Int64] = [:]
        for list in db.lists(Array(storedOf.keys)) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT key, MIN(record_id) AS first FROM record_key WHERE key \(list.test) GROUP BY key"),
                                        arguments: list.arguments) {
                if let k = storedOf[row["key"]] { firstInBook[k] = row["first"] }
            }
        }
        try loadRecords(Array(Set(firstInBook.values)))
        for (key, holders) in keys.sorted(by: { $0.key < $1.key }) where !counts.isShared(key) {
            var first: RecordFeatures? = firstInBook[key].flatMap { existingIndex[$0] }.map { existing[$0] }
            for i in holders {
                guard let holder = first else { first = fresh[i]; continue }
                if ValueCounts.isSharedBetween(holder, fresh[i], key) {
                    counts.counts[.shared, default: [:]][key] = 1
                    newlyShared.insert(key)
                    break
                }
            }
        }
    }

    /// The stored model when it still fits the book, else a new estimate on the book's records.
    mutating func estimateOrReuse() throws {
        let total = bookRecords + fresh.count
        let fields = MatchField.all(custom: customFields)
        let state = try ModelState.load(db)
        if let why = ModelState.reason(state, total: total, customFields: customFields) {
            var estimated = try estimate()
            estimated.setPrior(records: total)
            try ModelState(parameters: estimated.parameters, estimatedAt: total, sample: sampleSize,
                           customFields: customFields).save(db, journal: journal)
            try journal.save("book_meta", ["key": "custom_fields"])
            try db.cachedStatement(sql: """
                INSERT INTO book_meta (key, value) VALUES ('custom_fields', ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """).execute(arguments: [customFields.joined(separator: "\u{1F}")])
            model = estimated
            modelNote = why + (sampleSize < total ? " (a random sample of \(sampleSize))" : "")
        } else if let state, let stored = MatchModel(fields: fields, parameters: state.parameters, records: total) {
            model = stored
            let next = Int((Double(state.estimatedAt) * ModelState.growth).rounded(.up))
            modelNote = "estimated when the book had \(state.estimatedAt) records; it has \(total) now and is estimated again at \(next)"
        } else {
            model = try estimate()
            model?.setPrior(records: total)
            modelNote = "the stored model did not fit the compared fields: estimated again on \(total) records"
        }
    }

    var sampleSize = 0

    /// Estimates on the batch and the book's records (a random sample of a large book).
    mutating func estimate() throws -> MatchModel {
        let room = max(0, ModelState.maximumSample - fresh.count)
        let ids: [Int64] = bookRecords <= room
            ? try Int64.fetchAll(try db.cachedStatement(sql: "SELECT id FROM record ORDER BY id"))
            : try Int64.fetchAll(try db.cachedStatement(sql: "SELECT id FROM record ORDER BY random() LIMIT ?"), arguments: [room])
        let sample = try StoredFeatures.load(ids, customFields: customFields, threads: threads, db: db).map(\.1) + fresh
        sampleSize = sample.count
        var sampleCounts = counts
        try ValueCountStore.load(for: sample.dropLast(fresh.count).map(ValueCounts.keys(of:)), into: &sampleCounts, db: db)
        let comparator = PairComparator(customFields: customFields, records: sample, counts: sampleCounts)
        let (pairs, rules) = CandidateBlocker(threads: threads).candidates(sample)
        return deduplicator.estimateModel(features: sample, comparator: comparator, pairs: pairs, rules: rules)
    }

    /// Scores the batch's pairs (among itself and with the book), then loads the people of the
    /// book records it matches and clusters everything, the book's people starting as groups.
    mutating func score() throws {
        guard let model else { return }
        let batch = fresh.count
        var entries: [(UInt64, UInt16)] = []
        let (within, withinRules) = CandidateBlocker(threads: threads).candidates(fresh)
        for (pair, rules) in zip(within, withinRules) { entries.append((pair, rules)) }
        lap("scoring: batch blocking")
        for (id, list) in bookPairs {
            guard let e = localIndex(id) else { continue }
            for (i, rule) in list { entries.append((UInt64(i) << 32 | UInt64(e), rule)) }
        }
        entries.sort { $0.0 < $1.0 }
        var pairs: [UInt64] = [], rules: [UInt16] = []
        for (pair, rule) in entries {
            if pairs.last == pair { rules[rules.count - 1] |= rule } else { pairs.append(pair); rules.append(rule) }
        }
        var records = local
        scored = deduplicator.score(pairs: pairs, rules: rules, features: records,
                                    comparator: PairComparator(customFields: customFields, records: records, counts: counts),
                                    model: model)
        // Only the book records the batch matches bring their people along.
        let threshold = deduplicator.cut(scored)
        let matched = scored.filter { $0.probability >= threshold }.flatMap { [$0.a, $0.b] }.filter { $0 >= batch }
        try loadPeople(of: matched.map { existingIDs[$0 - batch] })
        records = local
        let comparator = PairComparator(customFields: customFields, records: records, counts: counts)
        var groups: [String: [Int]] = [:]
        for (id, p) in personOf { if let e = localIndex(id) { groups[p, default: []].append(e) } }
        let apart = try separated()
        clustering = deduplicator.cluster(scored, features: records, comparator: comparator, model: model,
                                          groups: groups.values.map { $0.sorted() }, apart: apart)
    }

    /// Pairs of local records a person said are different people.
    func separated() throws -> Set<UInt64> {
        var apart = Set<UInt64>()
        for list in db.lists(existingIDs, sqliteChunk: 400) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT a, b FROM link WHERE together = 0 AND a \(list.test)"),
                                        arguments: list.arguments) {
                guard let i = localIndex(row["a"]), let j = localIndex(row["b"]) else { continue }
                apart.insert(UInt64(min(i, j)) << 32 | UInt64(max(i, j)))
            }
        }
        return apart
    }

    // MARK: Writing

    /// Writes the batch's records and derived rows, assigns them to people, and re-derives the
    /// people that changed. Returns the import's number.
    mutating func write() throws -> Int {
        guard let clustering else { return 0 }
        let importID = try Counter.next(.importRun, db)
        try journal.mark(.importAdded, String(importID))
        let firstID = try Counter.reserve(.record, fresh.count, db)
        let ids = (0..<fresh.count).map { firstID + Int64($0) }
        let eventIDs = try events()
        let insert = BatchInsert(db, "INSERT INTO record (id, import_id, event_id, met_on, file, record_no, line, format, source_id, fingerprint, contact, features) VALUES",
                                 columns: 12)
        for (i, c) in contacts.enumerated() {
            let event = c.events.first
            try insert.add([ids[i], importID, eventIDs[i], event?.date?.iso8601, c.source?.file ?? "-",
                                           c.source?.record ?? i + 1, c.source?.line ?? 0, c.source?.format.rawValue ?? "csv",
                                           c.source?.id, stored[i].fingerprint, stored[i].stored,
                                           Data(fresh[i].encoded(customFields: customFields))])
        }
        try insert.flush()
        lap("write records")
        var bookCounts = ValueCounts()
        try RecordIndex.add(fresh, ids: ids, counts: &bookCounts, db: db)
        lap("write index")
        let markShared = try db.cachedStatement(sql: """
            INSERT INTO value_count (kind, key, count) VALUES (?, ?, 1) ON CONFLICT (kind, key) DO UPDATE SET count = 1
            """)
        for key in newlyShared {
            try journal.save("value_count", ["kind": ValueCounts.Kind.shared.rawValue, "key": Int64(bitPattern: key)])
            try markShared.execute(arguments: [ValueCounts.Kind.shared.rawValue, Int64(bitPattern: key)])
        }
        // People: each cluster with batch records joins the book's person in it, or becomes a new one.
        let batchCount = fresh.count
        var changed = Set<String>()
        // Memberships many to a statement (written before a merge reads them); the new people's
        // ids reserved at once, in the order the clusters take them.
        let assign = BatchInsert(db, "INSERT INTO membership (record_id, person_id) VALUES", columns: 2)
        let joining = clustering.clusters.map { cluster in
            Set(cluster.filter { $0 >= batchCount }.compactMap { personOf[existingIDs[$0 - batchCount]] })
        }
        let newCount = zip(clustering.clusters, joining).filter { c, p in p.isEmpty && c.contains { $0 < batchCount } }.count
        var nextPerson = newCount > 0 ? try Counter.reserve(.person, newCount, db) : 0
        for (cluster, people) in zip(clustering.clusters, joining) {
            let batch = cluster.filter { $0 < batchCount }
            guard !batch.isEmpty else { continue }
            let target: String
            if people.isEmpty {
                target = PersonID.make(nextPerson)
                nextPerson += 1
                newPeople += 1
            } else {
                target = try oldest(people)
                mergedIntoExisting += batch.count
                if people.count > 1 { try assign.flush() }
                for other in people where other != target {
                    try PersonMerging.merge(other, into: target, journal: journal, db: db)
                    peopleJoined += 1
                }
            }
            let first = people.isEmpty ? batch.min() : nil
            for i in batch {
                try assign.add([ids[i], target])
                placements[i] = AuditLedger.Placement(person: target, outcome: i == first ? .contact : .merged)
            }
            changed.insert(target)
        }
        try assign.flush()
        // Pairs left for a person to decide, by record id.
        let review = BatchInsert(db, "INSERT INTO review (a, b, probability) VALUES", columns: 3, tail: "ON CONFLICT (a, b) DO NOTHING")
        func recordID(_ local: Int) -> Int64 { local < batchCount ? ids[local] : existingIDs[local - batchCount] }
        for pair in clustering.review where pair.a < batchCount || pair.b < batchCount {
            let a = recordID(pair.a), b = recordID(pair.b)
            try review.add([min(a, b), max(a, b), pair.probability])
            reviewPairs += 1
        }
        try review.flush()
        if options.keepPairs, let model {
            func keep(_ pair: ScoredPair, merged: Bool) {
                let weights = model.explain(pair.comparison).filter { $0.level != "missing" }
                    .map { MatchReport.Weight(field: $0.field, level: $0.level, bits: $0.weight) }
                keptPairs.append(ImportReport.Pair(a: PersonID.recordID(recordID(pair.a)), b: PersonID.recordID(recordID(pair.b)),
                                                   merged: merged, probability: pair.probability, total: pair.weight, weights: weights))
            }
            for pair in clustering.merged where pair.a < batchCount || pair.b < batchCount { keep(pair, merged: true) }
            for pair in clustering.review where pair.a < batchCount || pair.b < batchCount { keep(pair, merged: false) }
        }
        try db.cachedStatement(sql: """
            INSERT INTO import (id, change_id, at, files, records, new_people, merged, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [importID, journal.changeID, EventBook.timestamp(), options.files.joined(separator: "\n"),
                             fresh.count, newPeople, mergedIntoExisting, reviewPairs])
        lap("write people")
        try PersonStore.derive(changed, changeID: journal.changeID, journal: journal, coding: coding, db: db)
        lap("derive people")
        return Int(importID)
    }

    /// The person created first among several.
    func oldest(_ people: Set<String>) throws -> String {
        people.min { (PersonID.seq($0) ?? .max) < (PersonID.seq($1) ?? .max) }!
    }

    /// Each record's event row, created when new (its name and date as the record has them).
    mutating func events() throws -> [Int64?] {
        var ids: [String: Int64] = [:]
        var out: [Int64?] = []
        var labels = Set<String>()
        for c in contacts {
            guard let e = c.events.first, e.name != nil || e.date != nil else { out.append(nil); continue }
            let name = e.name ?? "", date = e.date?.iso8601 ?? ""
            let key = name + "\u{1}" + date
            if let id = ids[key] { out.append(id); continue }
            var id = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT id FROM event WHERE name = ? AND date = ?"), arguments: [name, date])
            if id == nil {
                let next = (try Int64.fetchOne(try db.cachedStatement(sql: "SELECT MAX(id) FROM event")) ?? 0) + 1
                try journal.save("event", ["id": next])
                try db.cachedStatement(sql: "INSERT INTO event (id, name, date) VALUES (?, ?, ?)").execute(arguments: [next, name, date])
                id = next
            }
            ids[key] = id
            labels.insert([name, date].filter { !$0.isEmpty }.joined(separator: ", "))
            out.append(id)
        }
        if labels.count == 1 { eventLabel = labels.first } else if labels.count > 1 { eventLabel = "\(labels.count) events" }
        return out
    }

    func report(_ base: ImportReport, importID: Int) -> ImportReport {
        var r = base
        r.importID = importID
        r.newPeople = newPeople
        r.mergedIntoExisting = mergedIntoExisting
        r.peopleJoined = peopleJoined
        r.review = reviewPairs
        r.pairs = keptPairs
        r.model = [modelNote, clustering.map { String(format: "merged from probability %.3f", $0.cut) } ?? ""]
            .filter { !$0.isEmpty }.joined(separator: "; ")
        r.timings = timings
        return r
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CardConcurrency
import CardModel
import CardNormalize

/// Candidate pairs by blocking: only records that share a key under some rule are compared, so
/// the work grows with the number of records, not its square.
///
/// A key carried by too many records (`info@…`, a switchboard, "García" on its own) is not used
/// by that rule: it would bring thousands of pairs and almost no matches. Every pair remembers
/// the rules that produced it.
public struct CandidateBlocker: Sendable {
    /// A blocking rule: the kind of shared key that proposes a pair.
    public enum Rule: Int, CaseIterable, Sendable {
        case email, phone, linkedIn, name, surnameSoundAndOrganization, givenAndSurnameSound
        case emailLocalPart, sortedFamilyGiven, sortedGivenFamily, customValue, postcodeAndBirthdayOrHouse, postcodeAndSurname
        case initialAndOrganization, birthdayAndGiven, postcodeAndGiven, birthdayAndNameSound

        /// The rule's name in the `--pairs` `rules` column and in `--explain` (`surname-sound+organization`).
        public var name: String {
            switch self {
            case .email: "email"
            case .phone: "phone"
            case .linkedIn: "linkedin"
            case .name: "given+family"
            case .surnameSoundAndOrganization: "surname-sound+organization"
            case .givenAndSurnameSound: "given+surname-sound"
            case .emailLocalPart: "email-local-part"
            case .sortedFamilyGiven: "sorted-family-given"
            case .sortedGivenFamily: "sorted-given-family"
            case .customValue: "custom"
            case .postcodeAndBirthdayOrHouse: "postcode+birthday-or-house"
            case .postcodeAndSurname: "postcode+name-sound"
            case .initialAndOrganization: "initials+organization"
            case .birthdayAndGiven: "birthday+given"
            case .postcodeAndGiven: "postcode+given"
            case .birthdayAndNameSound: "birthday+name-sound"
            }
        }

        /// Largest group a key may have and still block.
        public var cap: Int {
            switch self {
            case .email, .phone, .linkedIn, .customValue: 12
            case .emailLocalPart: 30
            case .surnameSoundAndOrganization: 60
            case .postcodeAndBirthdayOrHouse, .postcodeAndSurname, .birthdayAndGiven, .postcodeAndGiven, .birthdayAndNameSound: 40
            // Name keys grow with the data: capped low, and a common name is split further.
            default: 24
            }
        }
    }

    /// The names of the rules set in `mask` (bit n for the rule whose raw value is n), in rule order.
    public static func names(_ mask: UInt16) -> [String] {
        Rule.allCases.filter { mask & (1 << UInt16($0.rawValue)) != 0 }.map(\.name)
    }

    let window = 3
    let threads: Int

    /// A blocker that works on `threads` cores.
    public init(threads: Int) { self.threads = threads }

    /// Pairs `(i << 32 | j)` with i < j, sorted, and the rules behind each.
    public func candidates(_ records: [RecordFeatures]) -> (pairs: [UInt64], rules: [UInt16]) {
        let keyed = Self.keyedRules
        let perRule = Parallel.map(keyed.count + 2, threads: threads, minChunk: 1) { range -> [[UInt64]] in
            range.map { k in
                if k < keyed.count { return Self.pairs(keyed[k], records) }
                return Self.sortedNeighbourhood(k == keyed.count ? .sortedFamilyGiven : .sortedGivenFamily, records, window: window)
            }
        }
        let total = perRule.reduce(0) { $0 + $1.count }
        return Self.merge(perRule, records: records.count, parts: total < 1 << 16 ? 1 : max(1, threads * 2), threads: threads)
    }

    /// The entries of every rule (``entry(_:_:_:)``) as sorted pairs with their rules.
    ///
    /// Sorted and merged in parts by the first record, one part a core at a time: a pair's
    /// entries share their first record, so each part merges its own, and the parts follow
    /// one another in order. Part boundaries come from a histogram of first records, so the
    /// parts are about equal although small indices are more often a pair's first.
    static func merge(_ perRule: [[UInt64]], records: Int, parts: Int, threads: Int) -> (pairs: [UInt64], rules: [UInt16]) {
        let bins = 1024, shift = UInt64(35)
        let total = perRule.reduce(0) { $0 + $1.count }
        let count = UInt64(max(1, records))
        let binOf: @Sendable (UInt64) -> Int = { e in Int((e >> shift) &* UInt64(bins) / count) }
        var histogram = [Int](repeating: 0, count: bins + 1)
        for list in perRule { for e in list { histogram[binOf(e)] += 1 } }
        let partCount = max(1, parts)
        var bounds = [0], running = 0
        for (b, c) in histogram.enumerated() {
            running += c
            if bounds.count < partCount && running * partCount >= total * bounds.count { bounds.append(b + 1) }
        }
        while bounds.count <= partCount { bounds.append(bins + 1) }
        let sizes = histogram, limits = bounds
        let parts = Parallel.map(partCount, threads: threads, minChunk: 1) { range -> [([UInt64], [UInt16])] in
            range.map { part in
                let lo = limits[part], hi = limits[part + 1]
                var all: [UInt64] = []
                all.reserveCapacity(sizes[lo..<hi].reduce(0, +))
                for list in perRule { for e in list { let b = binOf(e); if b >= lo && b < hi { all.append(e) } } }
                RadixSort.sort(&all)
                var pairs: [UInt64] = [], rules: [UInt16] = []
                pairs.reserveCapacity(all.count / 2); rules.reserveCapacity(all.count / 2)
                for e in all {
                    let pair = e >> 6, rule = UInt16(1) << UInt16(e & 63)
                    if pairs.last == pair { rules[rules.count - 1] |= rule } else { pairs.append(pair); rules.append(rule) }
                }
                return (pairs.map { ($0 >> 29) << 32 | ($0 & 0x1FFF_FFFF) }, rules)
            }
        }
        var pairs: [UInt64] = [], rules: [UInt16] = []
        pairs.reserveCapacity(parts.reduce(0) { $0 + $1.0.count }); rules.reserveCapacity(pairs.capacity)
        for (p, r) in parts { pairs.append(contentsOf: p); rules.append(contentsOf: r) }
        return (pairs, rules)
    }

    /// Entry for a pair under a rule: i (29 bits), j (29 bits), rule (6 bits), so sorting groups
    /// the rules of one pair together.
    @inline(__always)
    static func entry(_ a: Int, _ b: Int, _ rule: Rule) -> UInt64 {
        let (i, j) = a < b ? (a, b) : (b, a)
        return (UInt64(i) << 35) | (UInt64(j) << 6) | UInt64(rule.rawValue)
    }

    /// The rules that block on keys (every rule but the two sorted neighbourhoods).
    public static let keyedRules: [Rule] = [.email, .phone, .linkedIn, .name, .surnameSoundAndOrganization,
                                            .givenAndSurnameSound, .emailLocalPart, .customValue, .postcodeAndBirthdayOrHouse,
                                            .postcodeAndSurname, .initialAndOrganization, .birthdayAndGiven, .postcodeAndGiven,
                                            .birthdayAndNameSound]

    /// Within a name key too common to block on (a José García), the keys that split it: the
    /// second surname and the city, each a key of its own.
    public static func splitKeys(_ r: RecordFeatures) -> [UInt64] {
        var out: [UInt64] = []
        if r.family.count > 1 { out.append(KeyHash.hash(r.family[1], seed: 11)) }
        if !r.city.isEmpty { out.append(KeyHash.hash(r.city, seed: 13)) }
        return out
    }

    /// The name a sorted-neighbourhood rule sorts by (`garcia lopez ana`, `ana garcia lopez`), nil
    /// for a record without a name.
    public static func sortName(_ rule: Rule, _ r: RecordFeatures) -> String? {
        guard r.hasName else { return nil }
        let g = r.given.first ?? "", f = r.family.joined(separator: " ")
        return rule == .sortedFamilyGiven ? f + " " + g : g + " " + f
    }

    /// ``sortName(_:_:)``'s bytes, appended without building the string.
    static func appendSortName(_ rule: Rule, _ r: RecordFeatures, to out: inout [UInt8]) {
        func family() {
            for (k, w) in r.family.enumerated() { if k > 0 { out.append(0x20) }; out.append(contentsOf: w.utf8) }
        }
        if rule == .sortedFamilyGiven {
            family(); out.append(0x20); out.append(contentsOf: (r.given.first ?? "").utf8)
        } else {
            out.append(contentsOf: (r.given.first ?? "").utf8); out.append(0x20); family()
        }
    }

    /// A record's keys under a keyed rule: records that share one are compared.
    public static func keys(_ rule: Rule, _ r: RecordFeatures) -> [UInt64] {
        var tables = NameTables(remembering: false)
        return keys(rule, r, tables: &tables)
    }

    /// What the name rules ask of the nickname tables (a given name's formal forms, whether a
    /// surname is a given name), remembered by word when `remembering`: a run asks about the same
    /// names again and again, and each answer is two or three string lookups and an array.
    struct NameTables {
        struct Formal { let forms: [String], hashes: [UInt64] }
        let remembering: Bool
        private var formals: [String: Formal] = [:]
        private var givenNames: [String: Bool] = [:]
        /// Emptied when full, so memory stays flat on any input.
        static let limit = 100_000

        init(remembering: Bool) { self.remembering = remembering }

        mutating func formal(_ word: String) -> Formal {
            if remembering, let hit = formals[word] { return hit }
            let forms = Nicknames.formal(word)
            let value = Formal(forms: forms, hashes: forms.map { KeyHash.hash($0) })
            if remembering {
                if formals.count >= Self.limit { formals.removeAll(keepingCapacity: true) }
                formals[word] = value
            }
            return value
        }

        mutating func isGivenName(_ word: String) -> Bool {
            if remembering, let hit = givenNames[word] { return hit }
            let value = Nicknames.isGivenName(word)
            if remembering {
                if givenNames.count >= Self.limit { givenNames.removeAll(keepingCapacity: true) }
                givenNames[word] = value
            }
            return value
        }
    }

    static func keys(_ rule: Rule, _ r: RecordFeatures, tables: inout NameTables) -> [UInt64] {
        let seed = UInt64(rule.rawValue + 1)
        switch rule {
        case .email: return r.emails
        case .phone: return r.phones
        case .linkedIn: return r.linkedIn == 0 ? [] : [r.linkedIn]
        case .name:
            guard !r.given.isEmpty else { return [] }
            // Keyed by formal name (Paco and Francisco both under `francisco`): one or two keys a
            // name, where every nickname form would put a record in dozens of blocks.
            var out: [UInt64] = []
            let given = tables.formal(r.given[0]).hashes
            for hf in given.prefix(4) {
                for t in r.family.prefix(3) { out.append(KeyHash.pair(hf, KeyHash.hash(t), seed: seed)) }
            }
            // Written surname first: the family field holds a given name.
            for t in r.family.prefix(2) where tables.isGivenName(t) {
                for f in tables.formal(t).hashes.prefix(4) {
                    for h in given.prefix(2) { out.append(KeyHash.pair(f, h, seed: seed)) }
                }
            }
            return out
        case .surnameSoundAndOrganization:
            guard let p = r.familyPhonetic.first, !r.organization.isEmpty else { return [] }
            return [KeyHash.pair(KeyHash.hash(p), KeyHash.hash(r.organization), seed: seed)]
        case .givenAndSurnameSound:
            guard let g = r.given.first else { return [] }
            let hg = KeyHash.hash(String(g.prefix(3)))
            return r.familyPhonetic.prefix(2).filter { !$0.isEmpty }.map { KeyHash.pair(hg, KeyHash.hash($0), seed: seed) }
        case .initialAndOrganization:
            // Both names misspelt on one card of a person who kept their job: the same organization
            // and the same initials (the given name's as written or of its formal form: Sasha,
            // Alexandra; either surname's).
            guard let g = r.given.first?.firstByte, !r.family.isEmpty, !r.organization.isEmpty else { return [] }
            let org = KeyHash.hash(r.organization)
            var initials: [UInt64] = [UInt64(g)]
            for f in tables.formal(r.given[0]).forms.prefix(2) {
                if let i = f.firstByte, !initials.contains(UInt64(i)) { initials.append(UInt64(i)) }
            }
            var keys: [UInt64] = []
            for i in initials {
                for t in r.family.prefix(2) {
                    guard let f = t.firstByte else { continue }
                    let k = KeyHash.pair(i << 8 | UInt64(f), org, seed: seed)
                    if !keys.contains(k) { keys.append(k) }
                }
            }
            return keys
        case .emailLocalPart: return r.emailLocals
        case .customValue:
            return r.custom.enumerated().compactMap { k, v in v.isEmpty ? nil : KeyHash.hash(v, seed: UInt64(100 + k)) }
        case .postcodeAndBirthdayOrHouse:
            // Both names misspelt, nicknamed or swapped on one record of a register: the postcode
            // with the birth date, and with the house number (an English line's numbers, sorted
            // first, are the house's and the flat's: each a key).
            guard !r.postalCode.isEmpty else { return [] }
            let code = KeyHash.hash(r.postalCode)
            var out: [UInt64] = []
            if r.birthday != 0 { out.append(KeyHash.pair(code, UInt64(UInt32(bitPattern: r.birthday)), seed: seed)) }
            let words = r.street.asciiSplit(0x20)
            func isNumber(_ w: Substring) -> Bool { w.firstByte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            let numbers = words.first.map(isNumber) == true ? Array(words.prefix(while: isNumber).prefix(3))
                                                              : Array(words.first(where: isNumber).map { [$0] } ?? [])
            for n in numbers { out.append(KeyHash.pair(code, KeyHash.hash(String(n)), seed: seed &+ 64)) }
            return out
        case .birthdayAndGiven, .postcodeAndGiven:
            // A surname misspelt or cut short in a register: the given name (its formal form) with
            // the birth date, or with the postcode.
            guard let g = r.given.first else { return [] }
            let other: UInt64
            if rule == .birthdayAndGiven {
                guard r.birthday != 0 else { return [] }
                other = UInt64(r.birthday)
            } else {
                guard !r.postalCode.isEmpty else { return [] }
                other = KeyHash.hash(r.postalCode)
            }
            return tables.formal(g).hashes.prefix(2).map { KeyHash.pair(other, $0, seed: seed) }
        case .birthdayAndNameSound:
            // Given and family swapped on one record, and one of them misspelt: the birth date
            // with the sound of either name, in one key space, so that a surname written in the
            // given-name field still meets the other record's surname.
            guard r.birthday != 0 else { return [] }
            var out: [UInt64] = []
            for p in [r.givenPhonetic.first, r.familyPhonetic.first] {
                guard let p, !p.isEmpty else { continue }
                let k = KeyHash.pair(UInt64(r.birthday), KeyHash.hash(p), seed: seed)
                if !out.contains(k) { out.append(k) }
            }
            return out
        case .postcodeAndSurname:
            // The sound of either name, in one key space, as for the birth date: given and family
            // swapped on one record still meet at their postcode.
            guard !r.postalCode.isEmpty else { return [] }
            let code = KeyHash.hash(r.postalCode)
            var out: [UInt64] = []
            for p in [r.familyPhonetic.first, r.givenPhonetic.first] {
                guard let p, !p.isEmpty else { continue }
                let k = KeyHash.pair(code, KeyHash.hash(p), seed: seed)
                if !out.contains(k) { out.append(k) }
            }
            return out
        default: return []
        }
    }

    static func pairs(_ rule: Rule, _ records: [RecordFeatures]) -> [UInt64] {
        var entries: [(key: UInt64, record: UInt32)] = []
        entries.reserveCapacity(records.count)
        // Unretained: a retain is an atomic write to each record, a million of them per rule.
        let unretained = UnretainedObjects(records)
        var tables = NameTables(remembering: [.name, .initialAndOrganization, .birthdayAndGiven, .postcodeAndGiven].contains(rule))
        for i in records.indices {
            unretained.with(i) { r in for k in keys(rule, r, tables: &tables) { entries.append((k, UInt32(i))) } }
        }
        RadixSort.sort(&entries)      // stable: records stay in order within a key
        var out: [UInt64] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].key == entries[start].key { end += 1 }
            let size = end - start
            if size >= 2 && size <= rule.cap {
                for x in start..<end {
                    for y in (x + 1)..<end where entries[x].record != entries[y].record {
                        out.append(entry(Int(entries[x].record), Int(entries[y].record), rule))
                    }
                }
            } else if size > rule.cap, rule == .name {
                // A common name (José García) is too broad alone: inside it, pair records that
                // also share the second surname, or the city.
                var sub: [(key: UInt64, record: UInt32)] = []
                for k in start..<end {
                    for key in splitKeys(records[Int(entries[k].record)]) { sub.append((key, entries[k].record)) }
                }
                RadixSort.sort(&sub)
                var s0 = 0
                while s0 < sub.count {
                    var s1 = s0 + 1
                    while s1 < sub.count && sub[s1].key == sub[s0].key { s1 += 1 }
                    if s1 - s0 >= 2 && s1 - s0 <= rule.cap {
                        for x in s0..<s1 {
                            for y in (x + 1)..<s1 where sub[x].record != sub[y].record {
                                out.append(entry(Int(sub[x].record), Int(sub[y].record), rule))
                            }
                        }
                    }
                    s0 = s1
                }
            }
            start = end
        }
        return out
    }

    /// Sorted neighbourhood: records sorted by a name key, each paired with the next few; finds
    /// names that differ by a typo past their first letters, which no exact key catches.
    static func sortedNeighbourhood(_ rule: Rule, _ records: [RecordFeatures], window: Int) -> [UInt64] {
        // Sorted by the name's bytes and then the record: by the first eight bytes (a radix sort),
        // then, only where those are equal, by the rest of the bytes (memcmp on one flat buffer:
        // generic comparisons of `String.UTF8View` cost most of this stage).
        var bytes: [UInt8] = [], starts: [Int] = [0], ids: [UInt32] = []
        var keyed: [(key: UInt64, record: UInt32)] = []
        bytes.reserveCapacity(records.count * 24); starts.reserveCapacity(records.count + 1)
        ids.reserveCapacity(records.count); keyed.reserveCapacity(records.count)
        for (i, r) in records.enumerated() {
            guard r.hasName else { continue }
            let from = bytes.count
            appendSortName(rule, r, to: &bytes)
            var prefix: UInt64 = 0
            for k in 0..<8 { prefix = prefix << 8 | UInt64(from + k < bytes.count ? bytes[from + k] : 0) }
            keyed.append((prefix, UInt32(ids.count)))
            starts.append(bytes.count); ids.append(UInt32(i))
        }
        RadixSort.sort(&keyed)
        bytes.withUnsafeBufferPointer { buf in
            let base = buf.baseAddress!
            var start = 0
            while start < keyed.count {
                var end = start + 1
                while end < keyed.count && keyed[end].key == keyed[start].key { end += 1 }
                if end - start > 1 {
                    keyed[start..<end].sort { x, y in
                        let (i, j) = (Int(x.record), Int(y.record))
                        let li = starts[i + 1] - starts[i], lj = starts[j + 1] - starts[j]
                        let c = memcmp(base + starts[i], base + starts[j], min(li, lj))
                        return c != 0 ? c < 0 : li != lj ? li < lj : x.record < y.record
                    }
                }
                start = end
            }
        }
        var out: [UInt64] = []
        out.reserveCapacity(keyed.count * window)
        for x in 0..<keyed.count {
            for y in (x + 1)..<min(keyed.count, x + 1 + window) {
                out.append(entry(Int(ids[Int(keyed[x].record)]), Int(ids[Int(keyed[y].record)]), rule))
            }
        }
        return out
    }
}

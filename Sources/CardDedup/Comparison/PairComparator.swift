import CardModel


/// Compares two records field by field. Pure and thread-safe.
public struct PairComparator: Sendable {
    /// The compared fields in comparison order: the built-in ones, then up to six custom fields.
    public let fields: [MatchField]
    let customCount: Int
    let stats: FeatureStatistics

    init(customFields: [String], stats: FeatureStatistics) {
        fields = MatchField.all(custom: customFields)
        customCount = min(customFields.count, MatchField.maxCustomFields)
        self.stats = stats
    }

    /// A comparator for some records whose value frequencies come from a larger set (a book's
    /// counts, loaded for these records' values).
    public init(customFields: [String], records: [RecordFeatures], counts: ValueCounts) {
        self.init(customFields: customFields, stats: FeatureStatistics(keys: records.map(ValueCounts.keys(of:)), counts: counts))
    }

    /// Compares two records on every field; `ia` and `ib` are their input indices, -1 when unknown.
    public func compare(_ a: RecordFeatures, _ b: RecordFeatures, _ ia: Int, _ ib: Int) -> PairComparison {
        var none = NameLevelCache.none
        return compare(a, b, ia, ib, names: &none)
    }

    /// The same, remembering name levels in a thread's `names` cache.
    func compare(_ a: RecordFeatures, _ b: RecordFeatures, _ ia: Int, _ ib: Int, names: inout NameLevelCache) -> PairComparison {
        var c = compareIdentity(a, b, ia, names: &names)
        compareRest(a, b, ia, into: &c)
        return c
    }

    /// Names, e-mails, phones and profile: the fields that decide most pairs, compared first so
    /// that a pair that cannot reach the review threshold skips the rest.
    /// - Parameter plausibleSwaps: read a record as written surname first only when its surname
    ///   field can be a given name (scoring); otherwise every pair is read both ways (estimation).
    func compareIdentity(_ a: RecordFeatures, _ b: RecordFeatures, _ ia: Int, names: inout NameLevelCache,
                         plausibleSwaps: Bool = false) -> PairComparison {
        var c = PairComparison()
        // Names: direct, or with given and family swapped when that explains them better. Levels
        // depend on the name words alone, so a thread remembers them by the records' name keys
        // (common names meet each other again and again); frequencies depend on the record.
        var g = names.level(.given, a.givenKey, b.givenKey) { givenLevel(a.given, a.givenForms, b.given, b.givenForms, a.formsSignature, b.formsSignature) }
        var f = names.level(.family, a.familyKey, b.familyKey) { familyLevel(a.family, a.familyPhonetic, b.family, b.familyPhonetic) }
        var gTF: Float = g == 1 && ia >= 0 ? stats.givenTF[ia] : 0
        var fTF: Float = ia < 0 ? 0 : f == 1 ? stats.familyTF[ia] : f == 2 ? sharedSurnameTF(a.family, b.family) : 0
        // Either record may be the swapped one: its family field then holds the given name, to be
        // read with the other record's nickname forms (`Diez Marano, Toni` and `Antonio Diez Marano`).
        // In scoring, only when that field can be a given name: one the tables know (a nickname
        // too), or one starting as the other record's given name does (the same name, cut short
        // or misspelt). Most pairs scored have two different names, and these four levels were
        // most of the name levels worked out; read the other way, a given name then met the other
        // record's surnames and sometimes agreed with one by sound (`Nuria` and `Moore`).
        if (g >= 4 || f >= 4), !a.given.isEmpty, !b.given.isEmpty, !a.family.isEmpty, !b.family.isEmpty {
            if !plausibleSwaps || b.familyMayBeGiven || a.given[0].firstByte == b.family[0].firstByte {
                let sg = names.level(.givenAsFamily, a.givenKey, b.familyKey) { givenLevel(a.given, a.givenForms, b.family, [], a.formsSignature, .none) }
                let sf = names.level(.familyAsGiven, a.familyKey, b.givenKey) { familyLevel(a.family, a.familyPhonetic, b.given, b.givenPhonetic) }
                if sg != 0, sf != 0, sg + sf + 1 < g + f { g = sg; f = sf; gTF = 0; fTF = 0 }
            }
            if !plausibleSwaps || a.familyMayBeGiven || b.given[0].firstByte == a.family[0].firstByte {
                let tg = names.level(.givenAsFamily, b.givenKey, a.familyKey) { givenLevel(b.given, b.givenForms, a.family, [], b.formsSignature, .none) }
                let tf = names.level(.familyAsGiven, b.familyKey, a.givenKey) { familyLevel(b.family, b.familyPhonetic, a.given, a.givenPhonetic) }
                if tg != 0, tf != 0, tg + tf + 1 < g + f { g = tg; f = tf; gTF = 0; fTF = 0 }
            }
        }
        c.set(.given, g); c.set(.family, f)
        if g == 1 && f == 1 && ia >= 0 { c.givenWithinFamily = stats.givenTFWithinFamily[ia] }
        c.tfGiven = gTF
        c.tfFamily = fTF
        c.set(.email, emailLevel(a, b, ia))
        c.set(.phone, phoneLevel(a, b, ia))
        if a.linkedIn != 0 && b.linkedIn != 0 { c.set(.linkedIn, a.linkedIn == b.linkedIn ? (a.linkedInNameOnly ? 2 : 1) : 3) }
        return c
    }

    func compareRest(_ a: RecordFeatures, _ b: RecordFeatures, _ ia: Int, into c: inout PairComparison) {
        if !a.organization.isEmpty && !b.organization.isEmpty {
            if a.organization == b.organization {
                c.set(.organization, 1)
                if ia >= 0 { c.tfOrganization = stats.organizationTF[ia] }
            } else {
                c.set(.organization, a.organization.firstByte == b.organization.firstByte && JaroWinkler.atLeast(0.9, a.organization, b.organization)
                      ? 2 : (a.metOn != 0 && a.metOn == b.metOn ? 4 : 3))
            }
        }
        // A new job changes organization, title and work address together: once the
        // organizations differ (a new job, or another person met the same day), a different title
        // or a different (non-personal) e-mail is the same fact again, not more evidence, so they
        // count as missing.
        let otherJob = c.level(.organization) >= 3
        if otherJob && c.level(.email) == 7 { c.clear(.email) }
        if !a.title.isEmpty && !b.title.isEmpty && !(otherJob && a.title != b.title) {
            c.set(.title, a.title == b.title ? 1 : a.title.firstByte == b.title.firstByte && JaroWinkler.atLeast(0.85, a.title, b.title) ? 2 : 3)
        }
        if !a.city.isEmpty && !b.city.isEmpty {
            if a.city == b.city {
                c.set(.city, 1)
                if ia >= 0 {
                    c.tfCity = stats.cityTF[ia]
                    if c.level(.family) == 1 { c.sameCityWithinFamily = stats.sameCityWithinFamily[ia] }
                }
            } else {
                c.set(.city, JaroWinkler.atLeast(0.85, a.city, b.city) ? 2 : 3)
            }
        }
        c.set(.address, addressLevel(a, b))
        if a.birthday != 0 && b.birthday != 0 { c.set(.birthday, birthdayLevel(a.birthday, b.birthday)) }
        // Relatives: given names that clearly differ under one surname. Not when an identity
        // number (a custom value with five or more digits) agrees: twins and siblings have their
        // own, so a different given name is then a typing slip.
        var sameID = false
        for k in 0..<min(customCount, a.custom.count, b.custom.count) where a.custom[k] == b.custom[k] {
            if a.custom[k].utf8.lazy.filter({ $0 >= 0x30 && $0 <= 0x39 }).count >= 5 { sameID = true }
        }
        let relatives = !sameID && c.level(.given) == 6 && (1...3).contains(c.level(.family))
        for k in 0..<customCount {
            guard k < a.custom.count, k < b.custom.count else { break }
            let x = a.custom[k], y = b.custom[k]
            guard !x.isEmpty, !y.isEmpty else { continue }
            let level = x == y ? 1 : (oneEditApart(x, y) ? 2 : 3)
            // Twins' id numbers are often one apart.
            if !(relatives && level == 2) { c.set(.custom(k), level) }
        }
        // A household shares surname, street and city, and twins a birthday too: once the given
        // names clearly differ, what relatives have in common is not evidence of one person.
        if relatives {
            for f in [FieldID.city, .address, .birthday] where (1...2).contains(c.level(f)) { c.clear(f) }
        }
    }

    /// The given-name level (``MatchField``'s order): 1 the same, 2 a nickname or abbreviation,
    /// 3 and 4 a typo, 5 the same initial, 6 different; 0 when either is missing.
    func givenLevel(_ a: [String], _ aForms: [String], _ b: [String], _ bForms: [String],
                    _ aSignature: FormsSignature = FormsSignature(), _ bSignature: FormsSignature = FormsSignature()) -> Int {
        guard let a0 = a.first, let b0 = b.first else { return 0 }
        if a0 == b0 { return 1 }
        let a0First = a0.firstByte, b0First = b0.firstByte
        let a0Count = a0.utf8.count, b0Count = b0.utf8.count
        if a0Count == 1 || b0Count == 1 { return a0First == b0First ? 5 : 6 }
        // Signatures computed here when the caller has none (an empty one for no forms).
        let aSig = aSignature == FormsSignature() && !aForms.isEmpty ? FormsSignature(aForms) : aSignature
        let bSig = bSignature == FormsSignature() && !bForms.isEmpty ? FormsSignature(bForms) : bSignature
        // Each list is walked only when its signature says a match is possible.
        if (aSig.words & FormsSignature.wordBit(b0) != 0 && Self.has(aForms, b0))
            || (bSig.words & FormsSignature.wordBit(a0) != 0 && Self.has(bForms, a0)) || Self.has(a, b0) || Self.has(b, a0) { return 2 }
        if aSig.words & bSig.words != 0 { for x in aForms where Self.has(bForms, x) { return 2 } }
        if abbreviates(a0, b0, known: aForms.count > 1) || abbreviates(b0, a0, known: bForms.count > 1) { return 2 }
        // Only compared with 0.92 and 0.80 below.
        let jw = JaroWinkler.similarity(a0, b0, floor: 0.80)
        if jw >= 0.92 { return 3 }
        // A misspelt nickname (`Pauncho` for Pancho, Francisco's) is a typo of one of the forms.
        if bSig.initials & FormsSignature.initialBit(a0First) != 0 {
            for x in bForms.dropFirst() where x.firstByte == a0First && JaroWinkler.atLeast(0.92, a0, x) { return 3 }
        }
        if aSig.initials & FormsSignature.initialBit(b0First) != 0 {
            for x in aForms.dropFirst() where x.firstByte == b0First && JaroWinkler.atLeast(0.92, b0, x) { return 3 }
        }
        if jw >= 0.80 { return 4 }
        // One key off a name or a nickname (`Bpb` for Bob, Robert's; `Ze` for Zoe) is close, not different.
        if min(a0Count, b0Count) >= 2 && max(a0Count, b0Count) >= 3 {
            if oneEditApart(a0, b0) { return 4 }
            if bSig.lengths & FormsSignature.nearLengths(a0Count) != 0 {
                for x in bForms.dropFirst() where oneEditApart(a0, x) { return 4 }
            }
            if aSig.lengths & FormsSignature.nearLengths(b0Count) != 0 {
                for x in aForms.dropFirst() where oneEditApart(b0, x) { return 4 }
            }
        }
        return 6
    }

    /// Whether `list` holds `word`: lengths first, since most names differ in length and a
    /// string comparison that fails costs a call into the runtime.
    @inline(__always)
    static func has(_ list: [String], _ word: String) -> Bool {
        let n = word.utf8.count
        for x in list where x.utf8.count == n && x == word { return true }
        return false
    }

    /// The surname level: 1 the same, 2 one of two surnames, 3 the same with a typo, 4 one
    /// surname shared and another different, 5 similar, 6 different; 0 when either is missing.
    func familyLevel(_ x: [String], _ xP: [String], _ y: [String], _ yP: [String]) -> Int {
        if x.isEmpty || y.isEmpty { return 0 }
        if x == y { return 1 }
        // Match the words of the shorter name against the longer one.
        let level = x.count <= y.count ? wordLevel(x, xP, y, yP) : wordLevel(y, yP, x, xP)
        return level != 0 ? level : JaroWinkler.atLeast(0.8, x[0], y[0]) ? 5 : 6
    }

    /// 2, 3 or 4 as ``familyLevel(_:_:_:_:)`` says from the words of the shorter name found in
    /// the longer (exactly, by sound or with a typo); 0 when none is.
    private func wordLevel(_ short: [String], _ shortP: [String], _ long: [String], _ longP: [String]) -> Int {
        var exact = 0, fuzzy = 0, unmatched = 0
        var used: UInt32 = 0
        for i in short.indices {
            let w = short[i]
            let wn = w.utf8.count
            if let j = long.firstIndex(where: { $0.utf8.count == wn && $0 == w }) {
                exact += 1; used |= 1 << UInt32(j)
                continue
            }
            var found = false
            for j in long.indices where used & (1 << UInt32(j)) == 0 {
                // A typo is one edit (`Ortegpa`, `Gonzálz`), or the same sound with the letters
                // mostly alike (`Vázquez`, `Vasques`). Not a close Jaro–Winkler alone: `Martín`
                // and `Martínez` are two surnames, and the sound key, without vowels and with m
                // and n as one, is shared by `Midcliffe` and `Netcliffe`.
                let soundAlike = i < shortP.count && j < longP.count && shortP[i] == longP[j] && !shortP[i].isEmpty
                if (wn >= 4 && oneEditApart(w, long[j])) || (soundAlike && JaroWinkler.atLeast(0.8, w, long[j])) {
                    found = true; used |= 1 << UInt32(j); break
                }
            }
            if found { fuzzy += 1 } else { unmatched += 1 }
        }
        if unmatched == 0 { return fuzzy == 0 ? 2 : 3 }   // 2: one of two surnames
        return exact + fuzzy > 0 ? 4 : 0
    }

    /// How common the surname two records share at level 2 (one of two surnames) is: that of
    /// the rarer of the shorter name's words.
    func sharedSurnameTF(_ x: [String], _ y: [String]) -> Float {
        var shared: Float = 1
        for w in x.count <= y.count ? x : y { shared = min(shared, stats.tokenTF(w)) }
        return shared
    }

    func emailLevel(_ a: RecordFeatures, _ b: RecordFeatures, _ ia: Int) -> Int {
        if a.emails.isEmpty || b.emails.isEmpty { return 0 }
        for e in a.emails where b.emails.contains(e) {
            if ia >= 0 && stats.isShared(email: e) { return 2 }
            return a.nameMadePersonal.contains(e) ? 3 : 1
        }
        for l in a.emailLocals where b.emailLocals.contains(l) { return 4 }
        // Lengths first, read in place: most addresses differ by more than one byte, and taking
        // each string out of its array to compare it retains it (an atomic write to a random record).
        let typo = a.emailText.withUnsafeBufferPointer { xs in
            b.emailText.withUnsafeBufferPointer { ys in
                for x in xs.indices {
                    let n = xs[x].utf8.count
                    for y in ys.indices where abs(ys[y].utf8.count - n) <= 1 && oneEditApart(xs[x], ys[y], lettersOnly: true) { return true }
                }
                return false
            }
        }
        if typo { return 5 }
        if !a.personalEmails.isEmpty && !b.personalEmails.isEmpty { return 6 }
        return 7
    }

    func phoneLevel(_ a: RecordFeatures, _ b: RecordFeatures, _ ia: Int) -> Int {
        if a.phones.isEmpty || b.phones.isEmpty { return 0 }
        for p in a.phones where b.phones.contains(p) {
            if ia >= 0 && stats.isShared(phone: p) { return 3 }
            return a.fixed.contains(p) || b.fixed.contains(p) ? 2 : 1
        }
        for s in a.phoneDigits { for t in b.phoneDigits where hammingOne(s, t) { return 4 } }
        if !a.mobiles.isEmpty && !b.mobiles.isEmpty { return 5 }
        return 6
    }

    func addressLevel(_ a: RecordFeatures, _ b: RecordFeatures) -> Int {
        if !a.street.isEmpty && !b.street.isEmpty {
            let postal = !a.postalCode.isEmpty && !b.postalCode.isEmpty
            if a.street == b.street && (!postal || a.postalCode == b.postalCode) { return 1 }
            if postal && a.postalCode == b.postalCode {
                return Self.sameStreetLine(a.street, b.street) ? 1 : 2
            }
            return JaroWinkler.atLeast(0.9, a.street, b.street) ? 2 : 3
        }
        if !a.postalCode.isEmpty && !b.postalCode.isEmpty { return a.postalCode == b.postalCode ? 2 : 3 }
        return 0
    }

    /// Two street keys in one postcode that are one line written twice: one stops where the other
    /// goes on to a floor or door (`calle velazquez 18`, `calle velazquez 18 4`), or one word of
    /// four or more letters is misspelt (`plnza`). Another floor or door, a word of one to three
    /// letters (`bajo a`, `bajo b`), is another line.
    static func sameStreetLine(_ a: String, _ b: String) -> Bool {
        let x = a.asciiSplit(0x20), y = b.asciiSplit(0x20)
        let (short, long) = x.count <= y.count ? (x, y) : (y, x)
        guard short.count >= 2, short.contains(where: { $0.firstByte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }) else { return false }
        if short.count < long.count { return long.starts(with: short) }
        var differing = -1
        for k in 0..<short.count where short[k] != long[k] {
            if differing >= 0 { return false }
            differing = k
        }
        guard differing >= 0 else { return true }
        let u = short[differing], v = long[differing]
        guard u.utf8.count >= 4, v.utf8.count >= 4, u.firstByte.map({ $0 > 0x39 }) ?? false else { return false }
        return JaroWinkler.similarity(String(u), String(v), floor: 0.8) >= 0.8
    }

    func birthdayLevel(_ a: Int32, _ b: Int32) -> Int {
        let (ya, ma, da) = (a / 10000, a / 100 % 100, a % 100), (yb, mb, db) = (b / 10000, b / 100 % 100, b % 100)
        let yearsAgree = ya == 0 || yb == 0 || ya == yb
        if yearsAgree && ma == mb && da == db { return 1 }
        let differing = (yearsAgree ? 0 : 1) + (ma == mb ? 0 : 1) + (da == db ? 0 : 1)
        if differing == 1 || (yearsAgree && ma == db && da == mb) { return 2 }
        if ya == yb && ya != 0 && differing == 1 { return 2 }
        return 3
    }

    /// Whether `short` is written shortening `long` the way registers and old records do
    /// (`fco` Francisco, `frco`, `jph` Joseph): same first and last letter, a consonant second,
    /// every letter in order, and not a known name itself (`ana` is not Adriana, `eva` not Evangelina).
    func abbreviates(_ short: String, _ long: String, known: Bool) -> Bool {
        let s = short.utf8, l = long.utf8
        guard !known, s.count >= 3, s.count <= 5, l.count >= s.count + 2,
              s.first == l.first, s.last == l.last else { return false }
        let second = s[s.index(after: s.startIndex)]
        guard second >= 0x61, second <= 0x7A, !"aeiouy".utf8.contains(second) else { return false }
        var it = l.makeIterator()
        outer: for c in s {
            while let d = it.next() { if d == c { continue outer } }
            return false
        }
        return true
    }

    func hammingOne(_ s: String, _ t: String) -> Bool {
        guard s.utf8.count == t.utf8.count else { return false }
        var diff = 0
        for (x, y) in zip(s.utf8, t.utf8) where x != y { diff += 1; if diff > 1 { return false } }
        return diff == 1
    }

    /// One substitution, transposition, insertion or deletion apart; with `lettersOnly`, an edit
    /// touching a digit does not count (`ana.lopez81` and `ana.lopez87` are two people).
    func oneEditApart(_ s: String, _ t: String, lettersOnly: Bool = false) -> Bool {
        guard abs(s.utf8.count - t.utf8.count) <= 1 else { return false }
        if let r = s.utf8.withContiguousStorageIfAvailable({ a in
            t.utf8.withContiguousStorageIfAvailable { b in oneEditApart(a, b, lettersOnly: lettersOnly) }
        }), let r { return r }
        return oneEditApart(Array(s.utf8)[...], Array(t.utf8)[...], lettersOnly: lettersOnly)
    }

    func oneEditApart<C: RandomAccessCollection<UInt8>>(_ a: C, _ b: C, lettersOnly: Bool) -> Bool where C.Index == Int {
        let na = a.count, nb = b.count
        func digit(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }
        var i = 0   // the first difference
        while i < na && i < nb && a[i] == b[i] { i += 1 }
        if lettersOnly {
            // Not the first letter (`jgarcia` and `mgarcia` are colleagues), not a digit.
            if i == 0 || min(na, nb) < 8 { return false }
            if (i < na && digit(a[i])) || (i < nb && digit(b[i])) || digit(a[i - 1]) { return false }
        }
        func tailsEqual(_ x: Int, _ y: Int) -> Bool {   // a[x...] == b[y...]
            guard na - x == nb - y else { return false }
            var p = x, q = y
            while p < na { if a[p] != b[q] { return false }; p += 1; q += 1 }
            return true
        }
        if na == nb {
            if i == na { return false }                       // equal
            if tailsEqual(i + 1, i + 1) { return true }       // one substitution
            return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] && tailsEqual(i + 2, i + 2)   // one transposition
        }
        if na == nb + 1 { return tailsEqual(i + 1, i) }       // one letter more in a
        if nb == na + 1 { return tailsEqual(i, i + 1) }
        return false
    }
}

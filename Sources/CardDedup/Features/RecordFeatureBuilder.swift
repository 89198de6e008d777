import CardModel
import CardNormalize
import Foundation

/// The features as they are worked out; ``RecordFeatures`` freezes them into constants.
struct RecordFeatureBuilder {
    var given: [String] = []
    var givenForms: [String] = []
    var family: [String] = []
    var familyPhonetic: [String] = []
    var givenPhonetic: [String] = []
    var emails: [UInt64] = []
    var emailText: [String] = []
    var personalEmails: [UInt64] = []
    var nameMadePersonal: [UInt64] = []
    var emailLocals: [UInt64] = []
    var phones: [UInt64] = []
    var phoneDigits: [String] = []
    var mobiles: [UInt64] = []
    var fixed: [UInt64] = []
    var linkedIn: UInt64 = 0
    var linkedInNameOnly: Bool = false
    var organization: String = ""
    var title: String = ""
    var city: String = ""
    var street: String = ""
    var postalCode: String = ""
    var birthday: Int32 = 0
    var custom: [String] = []
    var metOn: UInt64 = 0

    /// No features yet (for decoding stored ones).
    init() {}

    init(_ c: Contact, customFields: [String], cache: FeatureWordCache?) {
        let name = c.name
        var givenPhoneticDone = false
        if let g = name?.given {
            let compute = {
                let words = TextFolding.fold(g).asciiSplit(0x20).map(String.init)
                return FeatureWordCache.Given(words: words, phonetic: words.map(PhoneticKey.key), forms: Nicknames.forms(of: g))
            }
            let entry = cache?.given(g, compute) ?? compute()
            (given, givenPhonetic) = (entry.words, entry.phonetic)
            givenPhoneticDone = true
            // Normalization already listed the forms (given name and nicknames).
            givenForms = c.keys?.given ?? entry.forms
        } else if name?.family == nil, let full = c.fullName, c.organization != full {
            // A display name only: its words as given-then-family.
            let words = TextFolding.fold(full).asciiSplit(0x20).map(String.init)
            if let first = words.first {
                given = [first]
                givenForms = Nicknames.forms(of: first)
                family = words.dropFirst().filter { !NameNormalizer.particles.contains($0) }
            }
        }
        if c.keys == nil {
            for nick in c.nicknames { for f in Nicknames.forms(of: nick) where !givenForms.contains(f) { givenForms.append(f) } }
        }
        // Enough for the names with most nicknames (Elizabeth's Liz comes thirteenth, in table order).
        if givenForms.count > 20 { givenForms.removeLast(givenForms.count - 20) }
        if let f = name?.family {
            // Not cached: surnames (two of them in Spain) repeat too seldom for a lookup to pay.
            for part in TextFolding.fold(f).asciiSplit(0x20) {
                let word = String(part)
                if !NameNormalizer.particles.contains(word) { family.append(word) }
            }
            familyPhonetic = family.map(PhoneticKey.key)
        } else {
            familyPhonetic = family.map(PhoneticKey.key)
        }
        if !givenPhoneticDone { givenPhonetic = given.map(PhoneticKey.key) }
        // The profile first: the surnames it completes also decide which local parts are only the name.
        for u in c.urls {
            if let slug = URLNormalizer.linkedInSlug(u.value) {
                linkedIn = KeyHash.hash(slug.lowercased())
                linkedInNameOnly = !slug.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
                completeSurnames(fromProfile: slug)
                break
            }
        }
        for e in c.emails {
            // Normalized addresses are lower-case already: lowercasing only what has capitals
            // (or bytes past ASCII) gives the same text without a copy of every address.
            let lower = e.value.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) ? e.value.lowercased() : e.value
            // By byte: `@` is one byte, and a search by character costs a grapheme walk.
            guard let at = lower.utf8.lastIndex(of: UInt8(ascii: "@")) else { continue }
            let h = KeyHash.hash(lower)
            if emails.contains(h) { continue }
            emails.append(h)
            emailText.append(lower)
            let domain = lower[lower.utf8.index(after: at)...]
            if RecordFeatures.personalDomains.contains(String(domain)) { personalEmails.append(h) }
            let local = TextFolding.fold(String(lower[..<at]), spaces: false)
            if isDistinctive(local) { emailLocals.append(KeyHash.hash(local, seed: 7)) }
            else if personalEmails.last == h && !local.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
                // `jose.garcia@gmail.com` may be typed for any José García; `jose.garcia77@` is one mailbox.
                nameMadePersonal.append(h)
            }
        }
        for p in c.phones {
            let digits = RecordFeatures.tailDigits(p.e164 ?? p.value)
            guard digits.utf8.count >= 7 else { continue }
            let h = KeyHash.hash(digits)
            if phones.contains(h) { continue }
            phones.append(h)
            phoneDigits.append(digits)
            if p.numberType == "mobile" || (p.numberType == nil && p.types.contains("cell")) { mobiles.append(h) }
            if p.numberType == "fixed-line" { fixed.append(h) }
        }
        if let o = c.organization { organization = c.keys?.organization ?? (cache?.organization(o) { OrganizationNormalizer.key(o) } ?? OrganizationNormalizer.key(o)) }
        if let t = c.title { title = TextFolding.fold(t) }
        if let a = c.addresses.first {
            if let l = a.locality { city = CityNames.key(l) }
            if let s = a.street {
                street = RecordFeatures.streetKey(s)
            }
            if let p = a.postalCode { postalCode = RecordFeatures.postalKey(p) }
        }
        if let e = c.events.first {
            if let d = e.date { metOn = KeyHash.hash(d.iso8601, seed: 11) }
            else if let n = e.name { metOn = KeyHash.hash(TextFolding.fold(n), seed: 11) }
        }
        if let b = c.birthday { birthday = Int32((b.year ?? 0) * 10000 + b.month * 100 + b.day) }
        if !customFields.isEmpty {
            custom = customFields.map { name in
                c.extras.first(where: { $0.name == name }).map { Self.identifierKey($0.value) } ?? ""
            }
        }
    }

    /// A custom field's value as compared: case, spaces and punctuation out, a leading label
    /// that names the kind of number rather than being part of it (`DNI 53654955-A`,
    /// `53654955a` and `NIF: 53654955A` are one identifier), and leading zeros, which a
    /// spreadsheet drops from a number-looking cell (`06668556M` and `6668556-M`).
    static func identifierKey(_ value: String) -> String {
        var words = TextFolding.fold(value).asciiSplit(0x20)
        if words.count > 1, identifierLabels.contains(String(words[0])),
           words.dropFirst().contains(where: { $0.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) }) {
            words.removeFirst()
        }
        let key = words.map { String($0) }.joined()
        let bytes = Array(key.utf8)
        var zeros = 0
        while zeros + 1 < bytes.count && bytes[zeros] == 0x30 && bytes[zeros + 1] >= 0x30 && bytes[zeros + 1] <= 0x39 { zeros += 1 }
        return zeros == 0 ? key : String(decoding: bytes[zeros...], as: UTF8.self)
    }

    /// Words written before an identity number to say what it is.
    static let identifierLabels: Set<String> = ["dni", "nie", "nif", "cif", "id", "no", "nr", "num", "numero", "n", "ssn",
                                                "nss", "curp", "rfc", "passport", "pasaporte", "nino", "cpf", "cc", "ine"]

    /// A profile address is the name its owner chose (`/in/ruben-munoz-zuniga-1a2b3c`): when it
    /// starts with the card's given name and holds the card's surname plus more, the card shows
    /// one of two surnames and the profile says which the other is.
    mutating func completeSurnames(fromProfile slug: String) {
        guard let first = given.first, !family.isEmpty, family.count < 3 else { return }
        let parts = slug.asciiSplit(UInt8(ascii: "-"))
        // Room for a given name and one surname more than the card's, after the trailing
        // `1a2b3c` a profile address mostly ends with: most addresses have none, and are not folded.
        let hasSuffix = parts.last?.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) ?? false
        guard parts.count - (hasSuffix ? 1 : 0) >= max(3, family.count + 2) else { return }
        let head = TextFolding.fold(String(parts[0]))
        guard head == first || givenForms.contains(head) else { return }
        var words = parts.map { TextFolding.fold(String($0)) }.filter { !$0.isEmpty && !NameNormalizer.particles.contains($0) }
        if let last = words.last, last.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { words.removeLast() }
        guard words.count >= 3, words.count <= 5, words[0] == first || givenForms.contains(words[0]) else { return }
        // From the card's first surname on: a second given name (`maria-jose-garcia`) is not a surname.
        guard let start = words.firstIndex(of: family[0]), start > 0 else { return }
        let surnames = words[start...].filter { $0.utf8.count >= 2 }
        guard surnames.count > family.count, surnames.count <= 3, family.allSatisfy(surnames.contains) else { return }
        family = Array(surnames)
        familyPhonetic = family.map(PhoneticKey.key)
    }

    /// A local part says more than the name only when something is left after taking the name's
    /// words and initials out (`vurquiza.dev`, `garcia1975`, not `jose.garcia`, `jgarcia` or `samantha`):
    /// otherwise agreeing on it counts the name twice.
    func isDistinctive(_ local: String) -> Bool {
        guard local.utf8.count >= 5 else { return false }
        var rest = Array(local.utf8)
        // Takes the first occurrence of `w` (a word without its spaces) out of `rest`.
        func remove(_ w: UnsafeBufferPointer<UInt8>) {
            let n = w.count
            guard n > 0, n <= rest.count else { return }
            var start = 0
            search: while start + n <= rest.count {
                if rest[start] == w[0] {
                    for k in 1..<n where rest[start + k] != w[k] { start += 1; continue search }
                    rest.removeSubrange(start..<(start + n))
                    return
                }
                start += 1
            }
        }
        func remove(word: String) {
            var word = word
            if word.containsByte(0x20) {
                Array(word.utf8.filter { $0 != 0x20 }).withUnsafeBufferPointer { remove($0) }
            } else {
                word.withUTF8 { remove($0) }
            }
        }
        // The name's words longest first, words of one length in the order surnames, given
        // names, forms; length by length, without building and sorting a list of them.
        var below = Int.max
        while rest.count >= 2 {
            var length = 1
            for w in family where w.utf8.count < below { length = max(length, w.utf8.count) }
            for w in given where w.utf8.count < below { length = max(length, w.utf8.count) }
            for w in givenForms where w.utf8.count < below { length = max(length, w.utf8.count) }
            guard length >= 2 else { break }
            for w in family where w.utf8.count == length { remove(word: w) }
            for w in given where w.utf8.count == length { remove(word: w) }
            for w in givenForms where w.utf8.count == length { remove(word: w) }
            below = length
        }
        // What is left shorter than two bytes says nothing (see the end).
        if rest.count < 2 { return false }
        for word in given { stripInitial(word, from: &rest) }
        for word in family { stripInitial(word, from: &rest) }
        // Two digits alone (`jose.garcia77`) are too easily shared by namesakes.
        let letters = rest.filter { $0 >= 0x61 && $0 <= 0x7A }.count
        return letters >= 2 || rest.count >= 3
    }

    /// An initial of `word` at either end of what is left of a local part (`j` of `jgarcia`).
    private func stripInitial(_ word: String, from rest: inout [UInt8]) {
        guard let first = word.firstByte else { return }
        if rest.first == first { rest.removeFirst() }
        if rest.last == first { rest.removeLast() }
    }
}

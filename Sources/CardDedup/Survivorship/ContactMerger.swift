import CardModel
import CardNormalize
import CardConcurrency
import Foundation

/// Survivorship: one contact from the records of one person.
///
/// Every distinct e-mail, phone, URL and address is kept (compared by normalized value), the
/// name is the most complete and best written one, organization and title come from the most
/// recent meeting (people change jobs), notes are kept with their source, events are listed with
/// their dates, and ``Contact/merged`` says which record gave each value.
public enum ContactMerger {
    /// Merges each cluster (indices into `contacts`) on all cores, in order.
    public static func merge(clusters: ArraySlice<[Int]>, of contacts: [Contact], keys: Bool? = nil,
                             threads: Int? = nil) -> [Contact] {
        let list = Array(clusters)
        return Parallel.map(list.count, threads: threads ?? Parallel.defaultThreads, minChunk: 256) { range in
            range.map { merge(list[$0].map { contacts[$0] }, keys: keys) }
        }
    }

    /// Merges the clusters a batch at a time on all cores and hands the batches to `body` in
    /// order, while the next ones are merged: a large merge writes people as it goes instead of
    /// holding them all.
    public static func forEachBatch<E: Error>(clusters: [[Int]], of contacts: [Contact], keys: Bool? = nil, batchSize: Int = 1024,
                                              threads: Int? = nil, _ body: ([Contact]) throws(E) -> Void) throws(E) {
        let pipeline = OrderedPipeline<Range<Int>, [Contact]>(workers: threads ?? Parallel.defaultThreads) { range, _ in
            clusters[range].map { cluster in merge(cluster.map { contacts[$0] }, keys: keys) }
        }
        for start in stride(from: 0, to: clusters.count, by: max(1, batchSize)) {
            try pipeline.push(start..<min(clusters.count, start + batchSize), deliver: body)
        }
        try pipeline.finish(deliver: body)
    }

    /// One person from their records. `keys`: give the result matching keys (for JSON Lines) or
    /// not; by default, when the records have them.
    public static func merge(_ records: [Contact], keys: Bool? = nil) -> Contact {
        guard records.count > 1 else {
            var one = records.first ?? Contact()
            if keys == true && one.keys == nil { one.keys = ContactNormalizer.keys(for: one) }
            if keys == false { one.keys = nil }
            return one
        }
        // Oldest meeting first; records without a date keep input order before dated ones.
        let order = records.indices.sorted { a, b in
            let da = date(records[a]), db = date(records[b])
            if da != db { return (da ?? .min) < (db ?? .min) }
            return a < b
        }
        let sorted = order.map { records[$0] }
        var out = Contact()
        var prov = MergeProvenance()
        prov.sources = sorted.map { c in
            MergeProvenance.Source(reference: c.source, recordID: c.recordID, event: c.events.last)
        }
        // Name.
        let best = bestName(sorted)
        let chosen = sorted[best]
        out.name = chosen.name
        out.fullName = chosen.fullName
        out.originalFullName = chosen.originalFullName
        out.originalName = chosen.originalName
        if chosen.name != nil || chosen.fullName != nil { prov.name = best }
        let chosenForms = Set(chosen.keys?.given
            ?? (chosen.name?.given.map { Nicknames.forms(of: $0) } ?? []) + chosen.nicknames.flatMap { Nicknames.forms(of: $0) })
        for c in sorted {
            for n in c.nicknames where !out.nicknames.contains(n) { out.nicknames.append(n) }
            if let g = c.name?.given, let cg = chosen.name?.given, TextFolding.fold(g) != TextFolding.fold(cg),
               chosenForms.contains(TextFolding.fold(g)), !out.nicknames.contains(g) {
                out.nicknames.append(g)
            }
        }
        // Contact points, deduplicated by normalized value, newest first (the most recent is the likeliest current).
        for (k, c) in sorted.enumerated().reversed() {
            for e in c.emails {
                let key = e.value.lowercased()
                if let i = out.emails.firstIndex(where: { $0.value.lowercased() == key }) { add(k, to: &prov.emails[i]) }
                else { out.emails.append(e); prov.emails.append([k]) }
            }
            for p in c.phones {
                let key = p.e164 ?? RecordFeatures.tailDigits(p.value)
                if let i = out.phones.firstIndex(where: { ($0.e164 ?? RecordFeatures.tailDigits($0.value)) == key }) {
                    add(k, to: &prov.phones[i])
                } else { out.phones.append(p); prov.phones.append([k]) }
            }
            for u in c.urls {
                let key = URLNormalizer.linkedInSlug(u.value).map { "li:" + $0.lowercased() } ?? u.value.lowercased()
                if let i = out.urls.firstIndex(where: { (URLNormalizer.linkedInSlug($0.value).map { "li:" + $0.lowercased() } ?? $0.value.lowercased()) == key }) {
                    add(k, to: &prov.urls[i])
                } else { out.urls.append(u); prov.urls.append([k]) }
            }
            for a in c.addresses {
                let key = addressKey(a)
                if let i = out.addresses.firstIndex(where: { addressKey($0) == key }) { add(k, to: &prov.addresses[i]) }
                else { out.addresses.append(a); prov.addresses.append([k]) }
            }
        }
        // Job: the most recent record that has one.
        if let k = sorted.lastIndex(where: { $0.organization != nil }) {
            out.organization = sorted[k].organization
            out.department = sorted[k].department
            prov.organization = k
        }
        if let k = sorted.lastIndex(where: { $0.title != nil }) {
            out.title = sorted[k].title
            out.role = sorted[k].role
            prov.title = k
        }
        // The rest: first value found, most recent first; lists united.
        for c in sorted.reversed() {
            out.birthday = out.birthday ?? c.birthday
            out.photo = out.photo ?? c.photo
            out.logo = out.logo ?? c.logo
            out.sound = out.sound ?? c.sound
            out.key = out.key ?? c.key
            out.uid = out.uid ?? c.uid
            out.connectedOn = out.connectedOn ?? c.connectedOn
        }
        var notes: [String] = []
        for (k, c) in sorted.enumerated() {
            for cat in c.categories where !out.categories.contains(cat) { out.categories.append(cat) }
            for e in c.events where !out.events.contains(e) { out.events.append(e) }
            for x in c.extras where !out.extras.contains(x) { out.extras.append(x) }
            if let note = c.note, !notes.contains(where: { $0.hasSuffix("\n" + note) || $0 == note }) {
                notes.append("[\(prov.sources[k].recordID)]\n" + note)
            }
        }
        out.events.sort { ($0.date ?? .min) < ($1.date ?? .min) }
        out.note = notes.isEmpty ? nil : notes.count == 1 ? sorted.first(where: { $0.note != nil })?.note : notes.joined(separator: "\n\n")
        out.source = sorted.first?.source
        // Keys of the whole person (every e-mail and phone), when the records had keys.
        out.keys = keys ?? (chosen.keys != nil) ? ContactNormalizer.keys(for: out) : nil
        out.merged = prov
        return out
    }

    /// Sources are visited newest first: each index goes in front, once.
    static func add(_ source: Int, to list: inout [Int]) {
        if !list.contains(source) { list.insert(source, at: 0) }
    }

    static func date(_ c: Contact) -> PartialDate? {
        c.events.compactMap(\.date).max() ?? c.connectedOn
    }

    static func addressKey(_ a: PostalAddress) -> String {
        TextFolding.fold([a.street, a.locality, a.postalCode, a.country].compactMap { $0 }.joined(separator: " "))
    }

    /// The most complete, best written name, preferring the spelling most records agree on.
    static func bestName(_ records: [Contact]) -> Int {
        var givenVotes: [String: Int] = [:], familyVotes: [String: Int] = [:]
        for c in records {
            if let g = c.name?.given { givenVotes[TextFolding.fold(g), default: 0] += 1 }
            if let f = c.name?.family { familyVotes[TextFolding.fold(f), default: 0] += 1 }
        }
        var best = 0, bestScore = -Double.infinity
        for (k, c) in records.enumerated() {
            guard let n = c.name, !n.isEmpty else { continue }
            var score = 0.0
            let given = n.given ?? "", family = n.family ?? ""
            score += 3 * Double(TextFolding.fold(family).split(separator: " ").count)
            score += 2 * Double(min(TextFolding.fold(given).split(separator: " ").count, 2))
            score += min(Double(given.count), 10) / 5     // Francisco over Paco
            score += 1.5 * Double((givenVotes[TextFolding.fold(given)] ?? 0) + (familyVotes[TextFolding.fold(family)] ?? 0))
            let text = given + family
            if text.unicodeScalars.contains(where: { $0.value > 0x7F }) { score += 1.5 }   // accents written
            if text != text.uppercased() && text != text.lowercased() { score += 3 }      // proper case
            if given.count <= 2 || given.hasSuffix(".") { score -= 3 }                    // an initial
            // Written surname first: a given name in the family field, a surname as given name.
            let givenWord = TextFolding.fold(given).split(separator: " ").first.map(String.init) ?? ""
            if !givenWord.isEmpty && Nicknames.isGivenName(givenWord) { score += 3 }
            if TextFolding.fold(family).split(separator: " ").contains(where: { Nicknames.isGivenName(String($0)) }) { score -= 3 }
            if score >= bestScore { best = k; bestScore = score }
        }
        return best
    }
}

import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

/// Networking contacts as a badge scanner exports them, with the cases deduplication must get
/// right, among a background of distinct people so the estimation has something to learn from.
enum DedupSample {
    static let header = "rec_id,given_name,family_name,email,phone,company,job_title,linkedin,city,event,date_met\n"
    static let cases = """
        paco1,Paco,García López,,612 34 56 78,Tecno Soluciones S.L.,Director Comercial,,Madrid,South Summit 2024,2024-06-05
        paco2,Francisco,García López,francisco.garcia@tecnosoluciones.es,+34612345678,Tecno Soluciones SL,Director Comercial,https://www.linkedin.com/in/francisco-garcia-lopez-8a1b2c,Madrid,MWC 2025,2025-03-03
        paco3,FRANCISCO,GARCIA,,,,,linkedin.com/in/francisco-garcia-lopez-8a1b2c/,,4YFN 2025,2025-03-04
        bob1,Bob,Smith,bob.smith@brightlabs.com,(415) 555-0142,Bright Labs Inc.,VP Marketing,,San Francisco,SXSW 2024,2024-03-08
        bob2,Robert,Smith,,+1 415 555 0142,Bright Labs,VP Marketing,,SF,Web Summit 2024,2024-11-11
        pepe1,Pepe,Martínez Ruiz,pepe.martinez77@gmail.com,,Grupo Nexo,CTO,,Sevilla,DES Málaga 2024,2024-06-13
        pepe2,José,Martínez,Pepe.Martinez77@gmail.com,655 44 33 22,Grupo Nexo S.A.,CTO,,Seville,South Summit 2025,2025-06-04
        alvaro1,ÁLVARO,NÚÑEZ,,+34 699 88 77 66,,,,Bilbao,BIG Bilbao 2024,2024-10-23
        alvaro2,alvaro,nunez,,0034 699887766,Cobalt Energía,Ingeniero de Software,,Bilbo,MWC 2025,2025-03-03
        lucia1,Quintana,Lucía,lucia.quintana@orionlabs.es,,Orion Labs,Product Manager,,Valencia,4YFN 2024,2024-02-27
        lucia2,Lucía,Quintana,lucia.quintana@orionlabs.es,,Orion Labs S.L.,Product Manager,,València,South Summit 2024,2024-06-05
        carmen1,Carmen,Ortiz,cortiz@atlasdata.es,,Atlas Data,Analista de Datos,,Zaragoza,MWC 2024,2024-02-26
        carmen2,Carmen,Ortiz Salinas,cortiz@atlasdata.es,,Atlas Data S.L.,Analista de Datos,,Zaragoza,MWC 2025,2025-03-03
        laura,Laura,Pérez Gil,laura.perez@tecnosoluciones.es,91 123 45 67,Tecno Soluciones S.L.,Responsable de Compras,,Madrid,South Summit 2024,2024-06-05
        javier,Javier,Ruiz Soto,javier.ruiz@tecnosoluciones.es,911 234 567,Tecno Soluciones,Key Account Manager,,Madrid,South Summit 2024,2024-06-05
        mariaF,María,García Fernández,maria.garcia.f@hotmail.com,611 22 33 44,Lumen Capital,CEO,,Madrid,MWC 2024,2024-02-26
        mariaS,María,García Sánchez,mgarcia.sanchez@gmail.com,622 99 88 77,Vértice Media,Directora de Marketing,,Madrid,MWC 2025,2025-03-03
        ana1,Ana,Beltrán Ortega,ana.beltran@quantumdata.es,633 21 43 65,Quantum Data,Analista de Datos,,Barcelona,4YFN 2024,2024-02-27
        ana2,Ana,Beltrán Ortega,abeltran@helixfinance.es,+34 633 214 365,Helix Finance S.A.,Directora de Datos,,BCN,South Summit 2025,2025-06-04

        """

    /// Distinct people around the cases (no two share a name, e-mail or phone).
    static var background: String {
        let given = ["Sergio", "Raquel", "Emilio", "Beatriz", "Hugo", "Nuria", "Óscar", "Irene", "Tomás", "Sonia",
                     "Keith", "Fiona", "Derek", "Holly", "Stuart", "Megan", "Gavin", "Chloe", "Trevor", "Zoe"]
        let family = ["Crespo Vidal", "Molina Arias", "Soler Pastor", "Iglesias Cano", "Rubio Marín", "Lozano Nieto",
                      "Prieto Bravo", "Vega Campos", "Herrera Peña", "Calvo Reyes", "Ashford", "Blackwell", "Fairley",
                      "Hartley", "Kingsley", "Lindholm", "Redfern", "Thornton", "Westwood", "Whitcombe"]
        return (0..<given.count).map { i in
            let g = TextFolding.fold(given[i]), f = TextFolding.fold(family[i]).split(separator: " ")[0]
            return "bg\(i),\(given[i]),\(family[i]),\(g).\(f)@example\(i).com,6\(String(format: "%02d", i))0000\(i % 10)\(i % 10),"
                + "Empresa \(i),Consultor,,Madrid,Meetup \(i),2024-0\(i % 9 + 1)-10"
        }.joined(separator: "\n") + "\n"
    }

    static func contacts(_ csv: String = header + cases + background) throws -> [Contact] {
        let normalizer = ContactNormalizer(region: "ES")
        return try readCSV(csv, options: CSVOptions()).contacts.map { c in
            var c = c
            _ = normalizer.normalize(&c)
            return c
        }
    }
}

@Suite("Deduplication")
struct DeduplicatorTests {
    let contacts: [Contact]
    let result: DedupResult
    let ids: [String]

    init() throws {
        contacts = try DedupSample.contacts()
        result = Deduplicator().run(contacts)
        ids = contacts.map(\.recordID)
    }

    func together(_ a: String, _ b: String) -> Bool {
        guard let i = ids.firstIndex(of: a), let j = ids.firstIndex(of: b) else { return false }
        return result.clusterOf[i] == result.clusterOf[j]
    }

    @Test("record ids come from the rec_id column")
    func recordIDs() {
        #expect(ids.prefix(3) == ["paco1", "paco2", "paco3"])
    }

    @Test("nicknames: Paco/Francisco, Bob/Robert, Pepe/José", arguments: [
        ("paco1", "paco2"), ("paco2", "paco3"), ("paco1", "paco3"), ("bob1", "bob2"), ("pepe1", "pepe2"),
    ])
    func nicknames(_ pair: (String, String)) {
        #expect(together(pair.0, pair.1))
    }

    @Test("accents and case, swapped order, one surname against two", arguments: [
        ("alvaro1", "alvaro2"), ("lucia1", "lucia2"), ("carmen1", "carmen2"),
    ])
    func spellings(_ pair: (String, String)) {
        #expect(together(pair.0, pair.1))
    }

    @Test("colleagues behind one switchboard stay two people")
    func switchboard() {
        #expect(!together("laura", "javier"))
        #expect(!together("laura", "paco1"))
    }

    @Test("two María García are two people")
    func namesakes() {
        #expect(!together("mariaF", "mariaS"))
    }

    @Test("a job change is one person")
    func jobChange() {
        #expect(together("ana1", "ana2"))
    }

    @Test("background people are not merged with anyone")
    func background() {
        for i in 0..<20 {
            let k = ids.firstIndex(of: "bg\(i)")!
            #expect(result.clusters[result.clusterOf[k]].count == 1, "bg\(i)")
        }
        // 19 case records make 11 people.
        #expect(result.clusters.count == 20 + 11)
    }

    @Test("the explanation of a known pair adds up to its weight")
    func explanation() throws {
        let pair = try #require(result.merged.first { Set([ids[$0.a], ids[$0.b]]) == ["bob1", "bob2"] })
        let rows = result.explain(pair)
        #expect(rows.first?.field == "prior")
        let given = try #require(rows.first { $0.field == "given_name" })
        #expect(given.level == "nickname or shared name")
        #expect(given.weight > 0)
        let phone = try #require(rows.first { $0.field == "phone" })
        #expect(phone.level == "same number")
        #expect(abs(rows.reduce(0) { $0 + $1.weight } - pair.weight) < 1e-9)
        let text = DedupReports.explanation(pair, result, ids: ids)
        #expect(text.contains("bob1 ~ bob2"))
        #expect(text.contains("phone"))
    }

    @Test("every candidate pair names the rules that found it")
    func rules() throws {
        let pair = try #require(result.scored.first { Set([ids[$0.a], ids[$0.b]]) == ["pepe1", "pepe2"] })
        let names = CandidateBlocker.names(pair.rules)
        #expect(names.contains("email"))
    }
}

@Suite("Survivorship")
struct ContactMergerTests {
    @Test("a job change keeps the newest organization and title, and every contact point")
    func newestJob() throws {
        let contacts = try DedupSample.contacts()
        let ana = contacts.filter { $0.recordID.hasPrefix("ana") }
        let merged = ContactMerger.merge(ana.reversed())
        #expect(merged.organization == "Helix Finance S.A.")
        #expect(merged.title == "Directora de Datos")
        #expect(Set(merged.emails.map(\.value)) == ["ana.beltran@quantumdata.es", "abeltran@helixfinance.es"])
        #expect(merged.phones.count == 1)      // one number, written two ways
        #expect(merged.events.map(\.name) == ["4YFN 2024", "South Summit 2025"])
        let provenance = try #require(merged.merged)
        #expect(provenance.sources.map(\.recordID) == ["ana1", "ana2"])
        #expect(provenance.title == 1)
        #expect(provenance.phones == [[0, 1]])
    }

    @Test("the most complete, well written name wins; nicknames are kept")
    func bestName() throws {
        let contacts = try DedupSample.contacts()
        let paco = contacts.filter { $0.recordID.hasPrefix("paco") }
        let merged = ContactMerger.merge(paco)
        #expect(merged.name?.given == "Francisco")
        #expect(merged.name?.family == "García López")
        #expect(merged.nicknames.contains("Paco"))
        #expect(merged.urls.count == 1)         // one profile, written two ways
    }
}

@Suite("Clustering and estimation")
struct ClusteringTests {
    @Test("the chain guard keeps A and C apart when they conflict, though both match B")
    func chainGuard() {
        var clusterer = Clusterer(count: 3, maxSize: 100)
        let conflict: Set<[Int]> = [[0, 2], [2, 0]]
        #expect(clusterer.join(0, 1) { !conflict.contains([$0, $1]) } == .joined)
        #expect(clusterer.join(1, 2) { !conflict.contains([$0, $1]) } == .refused)
        let (of, clusters) = clusterer.clusters()
        #expect(of[0] == of[1] && of[1] != of[2])
        #expect(clusters.count == 2)
    }

    @Test("the model's cut: as low as 0.5 where the pairs merged stay 99.5 % one person by their probabilities, else 0.7; --threshold wins")
    func modelCut() {
        func pairs(_ groups: [(Int, Double)]) -> [ScoredPair] {
            groups.flatMap { count, p in
                (0..<count).map { _ in ScoredPair(a: 0, b: 1, weight: log2(p / (1 - p)), probability: p, rules: 0, comparison: PairComparison()) }
            }
        }
        let dedup = Deduplicator()
        // 2,000 sure pairs pay for ten at 0.55 (expected 99.78 %) but not for 20 more at 0.52.
        #expect(dedup.cut(pairs([(2000, 0.999_9), (10, 0.55), (20, 0.52), (500, 0.3)])) == 0.55)
        // Every pair from 0.5 up passes: the lowest cut.
        #expect(dedup.cut(pairs([(5000, 1.0), (3, 0.6), (100, 0.45)])) == 0.5)
        // Ties with the pair that falls short are left out with it.
        // (eleven pairs at 0.6 pass, so every pair does; twenty do not: none is merged below 0.65).
        #expect(dedup.cut(pairs([(1000, 1.0), (1, 0.65), (11, 0.6)])) == 0.5)
        #expect(dedup.cut(pairs([(1000, 1.0), (1, 0.65), (20, 0.6), (5, 0.55)])) == 0.65)
        // Above 0.7 the cut is 0.7: pairs there are merged whatever the rest.
        #expect(dedup.cut(pairs([(100, 1.0), (1, 0.8), (5, 0.6)])) == 0.7)
        // A handful of pairs cannot vouch for a doubtful one, and an unsure model stays at 0.7.
        #expect(dedup.cut(pairs([(3, 1.0), (1, 0.75), (1, 0.65)])) == 0.7)
        #expect(dedup.cut(pairs([(1000, 0.9), (10, 0.6)])) == 0.7)
        #expect(dedup.cut([]) == 0.5)
        #expect(Deduplicator(configuration: DedupConfiguration(threshold: 0.85)).cut(pairs([(5000, 1.0), (3, 0.6)])) == 0.85)
        #expect(DedupConfiguration().reviewThreshold == 0.2 && DedupConfiguration(threshold: 0.1).reviewThreshold == 0.1)
    }

    @Test("EM recovers m and the match share of a synthetic population")
    func emConverges() {
        // Two fields with three levels each; matches agree 90% / 80% of the time, non-matches 2% / 5%.
        let fields = [MatchField.organization, MatchField.city]
        var model = MatchModel(fields: fields)
        model.u = [[0, 0.02, 0.03, 0.95], [0, 0.05, 0.05, 0.90]]
        var patterns: [UInt64: Int] = [:]
        let mTrue = [[0, 0.9, 0.05, 0.05], [0, 0.8, 0.1, 0.1]]
        let share = 0.3, total = 100_000.0
        for l0 in 1...3 {
            for l1 in 1...3 {
                let p = share * mTrue[0][l0] * mTrue[1][l1] + (1 - share) * model.u[0][l0] * model.u[1][l1]
                patterns[UInt64(l0) | UInt64(l1) << 4] = Int((p * total).rounded())
            }
        }
        let (estimated, _) = model.estimateM(patterns: patterns, estimate: [true, true], excluded: [], pseudoCount: 0)
        #expect(abs(estimated - share) < 0.02)
        #expect(abs(model.m[0][1] - 0.9) < 0.02)
        #expect(abs(model.m[1][1] - 0.8) < 0.02)
    }

    @Test("EM learns the same weights to the last bit whatever order its patterns are held in")
    func emIgnoresPatternOrder() {
        let fields = [MatchField.organization, MatchField.city, MatchField.title]
        var rng = SplitMix64(state: 7)
        var entries: [(UInt64, Int)] = []
        for l0 in 0...3 { for l1 in 0...3 { for l2 in 0...3 { entries.append((UInt64(l0) | UInt64(l1) << 4 | UInt64(l2) << 8, Int(rng.next() % 5000) + 1)) } } }
        // The same patterns in dictionaries built in other orders and sizes iterate in other orders.
        var learned: [[[Double]]] = []
        for (k, capacity) in [0, 500, 5000].enumerated() {
            var patterns = [UInt64: Int](minimumCapacity: capacity)
            for e in k == 1 ? entries.reversed() : entries { patterns[e.0] = e.1 }
            var model = MatchModel(fields: fields)
            _ = model.estimateM(patterns: patterns, estimate: [true, true, true], excluded: [])
            learned.append(model.m)
        }
        #expect(learned[0] == learned[1] && learned[0] == learned[2])
    }

    @Test("Jaro–Winkler on names")
    func jaroWinkler() {
        #expect(abs(JaroWinkler.similarity("martha", "marhta") - 0.961) < 0.001)
        #expect(JaroWinkler.similarity("gonzalez", "gonzales") >= 0.95)
        #expect(JaroWinkler.similarity("garcia", "smith") < 0.6)
        #expect(!JaroWinkler.atLeast(0.9, "ab", "abcdefghij"))
    }

    /// Jaro–Winkler as the textbook writes it: each byte of `a` takes the first unmatched equal
    /// byte of `b` within the window, by scanning.
    static func scannedJaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return 0 }
        let range = max(0, max(n, m) / 2 - 1)
        var usedA = [Bool](repeating: false, count: n), usedB = [Bool](repeating: false, count: m)
        var matches = 0
        for i in 0..<n {
            let lo = max(0, i - range), hi = min(m - 1, i + range)
            if lo > hi { continue }
            for j in lo...hi where !usedB[j] && a[i] == b[j] { usedA[i] = true; usedB[j] = true; matches += 1; break }
        }
        if matches == 0 { return 0 }
        let ma = (0..<n).filter { usedA[$0] }.map { a[$0] }, mb = (0..<m).filter { usedB[$0] }.map { b[$0] }
        let transpositions = zip(ma, mb).filter { $0 != $1 }.count
        let mm = Double(matches)
        let jaro = (mm / Double(n) + mm / Double(m) + (mm - Double(transpositions / 2)) / mm) / 3
        var prefix = 0
        while prefix < min(4, min(n, m)) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    @Test("Jaro–Winkler by bit masks scores every pair as the scan does, up to 64 bytes, bytes alike in their low bits included")
    func jaroWinklerMasks() {
        var rng = SplitMix64(state: 2026)
        // Letters, digits that share their low five bits with `p`…`y`, capitals, accented bytes.
        let alphabet = Array("aeinorsptuy0123456789AEP".utf8) + [0xC3, 0xA1, 0xB1]
        var checked = 0
        for _ in 0..<40_000 {
            let lengths = (Int(rng.next() % 65), Int(rng.next() % 65))
            let small = rng.next() % 3 == 0   // a small alphabet: many repeats and transpositions
            func word(_ length: Int) -> [UInt8] {
                (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(small ? 4 : alphabet.count))] }
            }
            let a = word(lengths.0)
            var b = word(lengths.1)
            if rng.next() % 4 == 0, !a.isEmpty {   // a typo of `a`
                b = a
                let k = Int(rng.next() % UInt64(a.count))
                b[k] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                if k + 1 < b.count { b.swapAt(k, k + 1) }
            }
            let masks = a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in JaroWinkler.similarity(pa, pb) } }
            #expect(masks == Self.scannedJaroWinkler(a, b), "\(a) \(b)")
            // The bound that lets unrelated names skip the score never undercuts it, so a
            // decision against a floor is the one the full score makes.
            let bound = a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in JaroWinkler.upperBound(pa, pb) } }
            #expect(bound >= masks, "\(a) \(b)")
            let (x, y) = (String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
            for floor in [0.8, 0.85, 0.9, 0.92] {
                #expect((JaroWinkler.similarity(x, y, floor: floor) >= floor) == (JaroWinkler.similarity(x, y) >= floor))
                #expect(JaroWinkler.atLeast(floor, x, y) == (JaroWinkler.similarity(x, y) >= floor))
            }
            checked += 1
        }
        #expect(checked == 40_000)
    }
}

@Suite("Merging the three-format fixtures")
struct MergeFixtureTests {
    /// Reads `Tests/Fixtures/merge` as `cardtool merge` does.
    static func read() throws -> [Contact] {
        var contacts: [Contact] = []
        let importer = ContactImporter(normalizer: ContactNormalizer(region: "ES"), threads: 2)
        let files = ["cards.vcf", "badges.csv", "connections.html"].map { Fixtures.path("merge/\($0)") }
        let summary = try importer.run(paths: files, contact: { contacts.append($0) }, diagnostic: { _ in })
        #expect(summary.records == 26 && summary.succeeded)
        return contacts
    }

    @Test("every record lands with the people expected.csv lists")
    func clustersMatchTruth() throws {
        let contacts = try Self.read()
        let truthText = try String(contentsOfFile: Fixtures.path("merge/expected.csv"), encoding: .utf8)
        var person: [String: String] = [:]
        for line in truthText.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            person["\(f[0]):\(f[1])"] = f[2]
        }
        let result = Deduplicator().run(contacts)
        let labels = contacts.map { c in person["\(URL(fileURLWithPath: c.source!.file).lastPathComponent):\(c.source!.record)"] }
        #expect(labels.allSatisfy { $0 != nil })
        for i in contacts.indices {
            for j in contacts.indices where j > i {
                let same = labels[i] == labels[j], together = result.clusterOf[i] == result.clusterOf[j]
                #expect(same == together, "\(labels[i]!) / \(labels[j]!)")
            }
        }
        #expect(result.clusters.count == Set(labels.compactMap { $0 }).count)
    }

    @Test("merging in background batches gives the same people, in order; keys only when asked")
    func batches() throws {
        let contacts = try Self.read()
        let result = Deduplicator().run(contacts)
        let one = result.clusters.map { ContactMerger.merge($0.map { contacts[$0] }, keys: true) }
        var batched: [Contact] = []
        ContactMerger.forEachBatch(clusters: result.clusters, of: contacts, keys: true, batchSize: 3) { batched += $0 }
        #expect(batched == one)
        #expect(batched.allSatisfy { $0.keys != nil })
        var bare: [Contact] = []
        ContactMerger.forEachBatch(clusters: result.clusters, of: contacts, keys: false, batchSize: 4) { bare += $0 }
        #expect(bare.count == one.count)
        #expect(bare.allSatisfy { $0.keys == nil })
    }

    @Test("the merged people keep every value with its source")
    func survivorship() throws {
        let contacts = try Self.read()
        let result = Deduplicator().run(contacts)
        let people = result.clusters.map { ContactMerger.merge($0.map { contacts[$0] }) }
        let francisco = try #require(people.first { $0.name?.family == "García López" && $0.name?.given == "Francisco" })
        #expect(francisco.nicknames.contains("Paco"))
        #expect(francisco.phones.filter { $0.e164 == "+34612345678" }.count == 1)   // written two ways
        #expect(francisco.merged?.sources.count == 3)
        let ana = try #require(people.first { $0.name?.given == "Ana" })
        #expect(ana.title == "Directora de Datos")
        #expect(ana.organization == "Grupo Medialuna")
        let lucia = try #require(people.first { $0.fullName?.contains("Quintana") == true })
        #expect(lucia.name?.given == "Lucía")
        let marias = people.filter { $0.name?.given == "María" }
        #expect(marias.count == 2)
    }
}

@Suite("Comparison levels")
struct ComparisonLevelTests {
    static let header = "rec_id,given_name,family_name,email,phone,company,job_title,linkedin,city,event,date_met\n"

    /// Features of the rows, with statistics over them, and a comparator.
    func compare(_ rows: String, _ a: Int, _ b: Int) throws -> (PairComparison, [RecordFeatures]) {
        let contacts = try DedupSample.contacts(Self.header + rows)
        let features = contacts.map { RecordFeatures($0) }
        let comparator = PairComparator(customFields: [], stats: FeatureStatistics(features))
        return (comparator.compare(features[a], features[b], a, b), features)
    }

    @Test("a phone is compared by its last nine digits, up to an extension", arguments: [
        ("+34 612 34 56 78", "612345678"), ("0034 612-345-678", "612345678"), ("612 34 56 78", "612345678"),
        ("(415) 555-0142 ext. 7", "155550142"), ("+1 512 867 5309 x12", "128675309"), ("91 555; 23 10", "91555"),
        ("12-34", "1234"), ("", ""), ("tel.", ""),
    ])
    func tailDigits(text: String, digits: String) {
        #expect(RecordFeatures.tailDigits(text) == digits)
    }

    @Test("a surname typo is one edit, or the same sound with the letters mostly alike; a close surname is not a typo", arguments: [
        ("Ortega Aguilar", "Ortegpa Aguilar", "typo"), ("González", "Gonzálz", "typo"), ("Vázquez Ruiz", "Vasques Ruiz", "typo"),
        ("Rivera", "Rivjera Pérez", "typo"), ("Martín", "Martínez", "similar (JW ≥ 0.80)"),
        ("Midcliffe", "Netcliffe", "different"), ("Moreno", "Marín", "different"),
    ])
    func surnameTypos(_ a: String, _ b: String, _ level: String) throws {
        let (c, _) = try compare("1,Ana,\(a),,,,,,,,\n2,Ana,\(b),,,,,,,,\n", 0, 1)
        #expect(MatchField.family.levels[c.level(.family) - 1] == level, "\(a) / \(b)")
    }

    @Test("scoring reads a card surname first only when its surname field can be a given name; estimation reads every pair both ways")
    func plausibleSwaps() throws {
        let rows = "1,Kim,Muria Jackhson,,+34 612 000 111,,,,,,\n"
            + "2,Nuria,Pérez Méndez,,+34 612 000 111,,,,,,\n"          // a shared switchboard
            + "3,Diez Marano,Toni,,,,,,,,\n"                           // written surname first
            + "4,Antonio,Diez Marano,,,,,,,,\n"
            + "5,Okafor,Xiomara,,,,,,,,\n"                             // a given name the tables lack
            + "6,Xiomara,Okafor,,,,,,,,\n"
        let features = try DedupSample.contacts(Self.header + rows).map { RecordFeatures($0) }
        let comparator = PairComparator(customFields: [], stats: FeatureStatistics(features))
        func levels(_ a: Int, _ b: Int, plausible: Bool) -> (Int, Int) {
            var names = NameLevelCache.none
            let c = comparator.compareIdentity(features[a], features[b], a, names: &names, plausibleSwaps: plausible)
            return (c.level(.given), c.level(.family))
        }
        // Read both ways, Nuria meets the surname Muria, a letter off: one surname misspelt, it seems.
        #expect(levels(0, 1, plausible: false) == (6, 3))
        #expect(!features[1].familyMayBeGiven)
        #expect(levels(0, 1, plausible: true) == (6, 6))
        // Toni is a given name the tables know; Xiomara starts as the other card's given name.
        #expect(levels(2, 3, plausible: true) == (2, 1))
        #expect(levels(2, 3, plausible: false) == (2, 1))
        #expect(!features[5].familyMayBeGiven && !features[4].familyMayBeGiven)
        #expect(levels(4, 5, plausible: true) == (1, 1))
    }

    @Test("name levels remembered by a thread's cache are the levels worked out afresh, with each record's frequencies")
    func nameLevelCache() throws {
        let contacts = try DedupSample.contacts()
        let features = contacts.map { RecordFeatures($0) }
        let comparator = PairComparator(customFields: [], stats: FeatureStatistics(features))
        // Sixteen slots: entries are overwritten and found again, as in a long run.
        var cache = NameLevelCache(bits: 4)
        var compared = 0, swapped = 0
        for _ in 0..<2 {
            for i in features.indices {
                for j in features.indices where j != i {
                    let fresh = comparator.compare(features[i], features[j], i, j)
                    let cached = comparator.compare(features[i], features[j], i, j, names: &cache)
                    #expect(cached == fresh, "records \(i) and \(j)")
                    compared += 1
                    if fresh.level(.given) == 1, features[i].given.first != features[j].given.first { swapped += 1 }
                }
            }
        }
        #expect(compared > 1000)
        #expect(swapped > 0, "the sample has cards written surname first")
    }

    @Test("blocking keys with the nickname tables' answers remembered are the keys worked out afresh, for every keyed rule")
    func rememberedNameTables() throws {
        // Nicknames, abbreviations, formal names, surnames that are given names, names in no table.
        let given = ["Paco", "Francisco", "Fco.", "Bob", "Robert", "Liz", "Isabel", "Sasha", "María José", "Zoe", "Xiomara", "Pepe"]
        let family = ["García López", "Isabel", "Pérez", "Martín Ruiz", "Ng", "Zoe"]
        var rows: [String] = []
        for (i, g) in given.enumerated() {
            for (j, f) in family.enumerated() {
                rows.append("r\(i)-\(j),\(g),\(f),Acme \(j % 3),19\(70 + i)-0\(1 + j % 9)-1\(j),2800\(i % 4),Madrid")
            }
        }
        let csv = "rec_id,given_name,family_name,company,birth_date,postal_code,city\n" + rows.joined(separator: "\n") + "\n"
        let features = try DedupSample.contacts(csv).map { RecordFeatures($0) }
        #expect(features.count == given.count * family.count)
        var keyed = 0
        for rule in CandidateBlocker.keyedRules {
            var tables = CandidateBlocker.NameTables(remembering: true)
            // Twice over: the second pass reads every answer from what the first remembered.
            for _ in 0..<2 {
                for r in features {
                    let afresh = CandidateBlocker.keys(rule, r)
                    #expect(CandidateBlocker.keys(rule, r, tables: &tables) == afresh, "\(rule) \(r.given) \(r.family)")
                    keyed += afresh.isEmpty ? 0 : 1
                }
            }
        }
        #expect(keyed > 6 * 2 * features.count, "most rules key these records: \(keyed)")
    }

    @Test("given-name levels that skip form lists by their signatures are the levels that walk every list")
    func formsSignatures() throws {
        // Formal names, nicknames, misspelt nicknames, forms one key off, abbreviations, initials,
        // compound names and surnames in the given field: every branch of the level.
        let names = ["Francisco", "Paco", "Pauncho", "Fco.", "Curro", "Pancho", "Robert", "Bob", "Bpb", "Bobby",
                     "Roberto", "Elizabeth", "Liz", "Lfiz", "Betty", "Beth", "Isabel", "Alexandra", "Sasha", "Alex",
                     "María José", "Mª José", "Majo", "José", "Pepe", "Jose", "J.", "Zoe", "Ze", "Zoë", "Katherine",
                     "Kate", "Katie", "Cathy", "García", "Garcia", "Toni", "Antonio", "Toño", "Anna", "Ana", "Nacho",
                     "Ignacio", "Jon", "John", "Jonathan", "Johnny", "Manu", "Manuel", "Manolo", "Wm.", "William",
                     "Bb", "Lz", "Bety", "Pacp"]
        let rows = names.enumerated().map { "r\($0.offset),\($0.element),Pérez,,,,,,,," }.joined(separator: "\n") + "\n"
        let contacts = try DedupSample.contacts(Self.header + rows)
        let features = contacts.map { RecordFeatures($0) }
        #expect(features.allSatisfy { !$0.givenForms.isEmpty })
        let comparator = PairComparator(customFields: [], stats: FeatureStatistics(features))
        var levels = Set<Int>()
        for a in features {
            for b in features {
                let walked = comparator.givenLevel(a.given, a.givenForms, b.given, b.givenForms, .everything, .everything)
                let skipped = comparator.givenLevel(a.given, a.givenForms, b.given, b.givenForms, a.formsSignature, b.formsSignature)
                #expect(skipped == walked, "\(a.given) against \(b.given)")
                // Given against a surname, as the swapped-name check compares them.
                let swappedWalked = comparator.givenLevel(a.given, a.givenForms, b.family, [], .everything, .none)
                let swappedSkipped = comparator.givenLevel(a.given, a.givenForms, b.family, [], a.formsSignature, .none)
                #expect(swappedSkipped == swappedWalked)
                levels.insert(walked)
            }
        }
        #expect(levels.isSuperset(of: [1, 2, 3, 4, 6]), "the names reach every level but initials: \(levels.sorted())")
    }

    @Test("counting a whole set of records gives the counts a book gets adding them one by one")
    func batchCounts() throws {
        let contacts = try DedupSample.contacts()
        let features = contacts.map { RecordFeatures($0) }
        let keys = features.map(ValueCounts.keys(of:))
        var oneByOne = ValueCounts()
        for k in keys { oneByOne.add(k) }
        oneByOne.counts[.shared] = Dictionary(uniqueKeysWithValues: ValueCounts.sharedValues(features).map { ($0, 1) })
        let batch = ValueCounts(features, keys: keys)
        #expect(batch == oneByOne)
        #expect((batch.counts[.familyCityPairs]?.values.reduce(0, +) ?? 0) > 0, "the sample has surnames sharing a city")
        #expect(batch.totals[.given] == features.filter { !$0.given.isEmpty }.count)
    }

    @Test("a different organization on the same day is its own level; on another day it is a job change")
    func sameDayOrganization() throws {
        let rows = """
            a,Marta,Vidal Roca,,,Orion Labs,CTO,,Madrid,South Summit 2024,2024-06-05
            b,Marta,Vidal Roca,,,Helix Finance,CFO,,Madrid,South Summit 2024,05/06/2024
            c,Marta,Vidal Roca,,,Helix Finance,CFO,,Madrid,MWC 2025,13/03/2025

            """
        let (sameDay, _) = try compare(rows, 0, 1)
        #expect(MatchField.organization.levels[sameDay.level(.organization) - 1] == "different, met the same day")
        let (otherDay, _) = try compare(rows, 0, 2)
        #expect(MatchField.organization.levels[otherDay.level(.organization) - 1] == "different")
        #expect(otherDay.level(.title) == 0, "after a job change the title is not compared")
    }

    @Test("a personal address with digits is one mailbox; one made of the name alone may be a namesake's")
    func personalAddresses() throws {
        let rows = """
            a,José,García,jose.garcia77@gmail.com,,,,,,,
            b,José,García,Jose.Garcia77@gmail.com,,,,,,,
            c,José,García,jose.garcia@gmail.com,,,,,,,
            d,José,García,jose.garcia@gmail.com,,,,,,,

            """
        let (digits, _) = try compare(rows, 0, 1)
        #expect(MatchField.email.levels[digits.level(.email) - 1] == "same address")
        let (nameOnly, _) = try compare(rows, 2, 3)
        #expect(MatchField.email.levels[nameOnly.level(.email) - 1] == "same name-made personal address")
    }

    @Test("a local part is distinctive exactly when taking out the name's words, longest first, and initials leaves something")
    func distinctiveLocalParts() {
        // The rule as first written: every word in one sorted list, then the initials.
        func reference(_ b: RecordFeatureBuilder, _ local: String) -> Bool {
            guard local.utf8.count >= 5 else { return false }
            var rest = Array(local.utf8)
            for word in (b.family + b.given + b.givenForms).sorted(by: { $0.utf8.count > $1.utf8.count }) where word.utf8.count >= 2 {
                let w = Array(word.utf8.filter { $0 != 0x20 })
                if let start = (0..<max(0, rest.count - w.count + 1)).first(where: { Array(rest[$0..<($0 + w.count)]) == w }), !w.isEmpty {
                    rest.removeSubrange(start..<(start + w.count))
                }
            }
            for word in b.given + b.family {
                guard let first = word.utf8.first else { continue }
                if rest.first == first { rest.removeFirst() }
                if rest.last == first { rest.removeLast() }
            }
            return rest.filter { $0 >= 0x61 && $0 <= 0x7A }.count >= 2 || rest.count >= 3
        }
        let names: [(given: [String], forms: [String], family: [String])] = [
            (["jose"], ["jose", "pepe", "pepito"], ["garcia", "lopez"]),
            (["maria", "jose"], ["maria jose", "majo", "mariajo"], ["fernandez"]),
            (["ana"], ["ana", "anita"], ["ana"]),
            (["li"], ["li"], ["wu"]),
            ([], [], ["o'neil"]),
            (["alexandra"], ["alexandra", "alex", "sasha", "sandra"], ["de la cruz"]),
        ]
        let locals = ["jose.garcia", "josegarcia", "jgarcia", "garciaj", "pepe.garcia.lopez", "garcia1975", "jose.garcia77",
                      "vurquiza.dev", "mariajose", "majo.fernandez", "mjfernandez", "anaana", "ana.ana.ana", "liwu88",
                      "wuli", "sasha.delacruz", "alexsandra", "info", "contacto.ventas", "xgarcialopez", "lopezgarcia", "jose.g77",
                      "pepe.l12", "jgarcia55", "m.j.fernandez9", "w.li.88",
                      "a.cruz.alex", "sandraalex", "sashaalexandra12"]
        var distinctive = 0
        for n in names {
            var b = RecordFeatureBuilder()
            (b.given, b.givenForms, b.family) = (n.given, n.forms, n.family)
            // Folded, as the builder passes them (`jose.g77` is `joseg77`).
            for local in locals.map({ TextFolding.fold($0, spaces: false) }) {
                let expected = reference(b, local)
                #expect(b.isDistinctive(local) == expected, "\(local) for \(n)")
                if expected { distinctive += 1 }
            }
        }
        #expect(distinctive > 20 && distinctive < names.count * locals.count - 20, "both answers are tried: \(distinctive)")
    }

    @Test("a LinkedIn profile completes the surnames a card cut short", arguments: [
        ("Rubén,Muñoz,https://www.linkedin.com/in/ruben-munoz-zuniga-1a2b3c4d", ["munoz", "zuniga"]),
        ("María,García,linkedin.com/in/maria-jose-garcia-de-la-fuente", ["garcia", "fuente"]),
        ("Ana,Ruiz,linkedin.com/in/ana-ruiz", ["ruiz"]),
        ("Ana,Ruiz,linkedin.com/in/anaruiz-consulting", ["ruiz"]),
        ("Luis,Soto,linkedin.com/in/pedro-soto-vega", ["soto"]),
    ])
    func profileSurnames(_ row: (String, [String])) throws {
        let parts = row.0.split(separator: ",", omittingEmptySubsequences: false)
        let (_, features) = try compare("a,\(parts[0]),\(parts[1]),,,,,\(parts[2]),,,\nb,X,Y,,,,,,,,\n", 0, 1)
        #expect(features[0].family == row.1)
    }

    @Test("a mobile on two spellings of one name stays the person's; a switchboard on two colleagues is shared")
    func sharedNumbers() throws {
        let rows = """
            a,Quino,Castro Esteban,,+34 787 46 92 35,,,,,,
            b,Joaquín,Castro,,787469235,,,,,,
            c,Laura,Pérez Gil,,91 123 45 67,Tecno Soluciones,,,,,
            d,Javier,Ruiz Soto,,911 234 567,Tecno Soluciones,,,,,

            """
        let (mobile, _) = try compare(rows, 0, 1)
        #expect(MatchField.phone.levels[mobile.level(.phone) - 1] == "same number")
        let (board, _) = try compare(rows, 2, 3)
        #expect(MatchField.phone.levels[board.level(.phone) - 1] == "same number, also on other names")
    }

    @Test("twins share a surname, a birthday, an address and id numbers one apart: none of it counts")
    func twins() throws {
        let csv = "rec_id,given_name,family_name,birth_date,street,postal_code,city,national_id\n"
            + "a,Lucía,Ferrer Gil,1990-05-04,Calle Mayor 12,28013,Madrid,12345678Z\n"
            + "b,Marta,Ferrer Gil,04/05/1990,C/ Mayor 12,28013,Madrid,12345679Z\n"
            + "c,Lucía,Ferrer,1990-05-04,Calle Mayor 12,28013,Madrid,12345678Z\n"
        let normalizer = ContactNormalizer(region: "ES")
        let contacts = try registerContacts(csv).map { c in var c = c; _ = normalizer.normalize(&c); return c }
        let features = contacts.map { RecordFeatures($0, customFields: ["national_id"]) }
        let comparator = PairComparator(customFields: ["national_id"], stats: FeatureStatistics(features))
        let twins = comparator.compare(features[0], features[1], 0, 1)
        #expect(twins.level(.given) == 6)
        for field in [FieldID.city, .address, .birthday, .custom(0)] { #expect(twins.level(field) == 0, "field \(field.rawValue)") }
        let same = comparator.compare(features[0], features[2], 0, 2)
        #expect(same.level(.birthday) == 1)
        #expect(same.level(.custom(0)) == 1)
        // A surname cut short is still found through the given name and the birth date.
        let (pairs, rules) = CandidateBlocker(threads: 1).candidates(features)
        let k = try #require(pairs.firstIndex(of: 2))
        #expect(CandidateBlocker.names(rules[k]).contains("birthday+given"))
    }

    @Test("written abbreviations and misspelt nicknames are the name they stand for; other names are not")
    func abbreviationsAndSlips() throws {
        let csv = "rec_id,given_name,family_name\n"
            + "a,Francisco,García\nb,Fco.,García\nc,Mª José,Ruiz\nd,María,Ruiz\ne,Ana,Gil\nf,Adriana,Gil\n"
            + "g,Robert,Johnson\nh,Bpb,Johnson\ni,Pauncho,García\nj,Frco,García\nk,Juan,Gil\nl,Julián,Gil\n"
            + "m,Elizabeth,Williams\nn,Lfiz,Williams\no,Zoe,Netmore\np,Ze,Netmore\n"
        let contacts = try readCSV(csv).contacts
        let features = contacts.map { RecordFeatures($0) }
        let comparator = PairComparator(customFields: [], stats: FeatureStatistics(features))
        func given(_ i: Int, _ j: Int) -> String {
            MatchField.given.levels[comparator.compare(features[i], features[j], i, j).level(.given) - 1]
        }
        #expect(given(0, 1) == "nickname or shared name")   // Fco. = Francisco (the table)
        #expect(given(2, 3) == "nickname or shared name")   // Mª = María (the ordinal sign)
        #expect(given(0, 9) == "nickname or shared name")   // Frco: letters of Francisco in order
        #expect(given(0, 8) == "typo (JW ≥ 0.92)")          // Pauncho: Pancho misspelt
        #expect(given(6, 7) == "similar (JW ≥ 0.80)")       // Bpb: Bob one key off
        #expect(given(4, 5) == "different")                 // Ana is a name of her own, not Adriana's
        #expect(given(10, 11) != "nickname or shared name") // Juan is not Julián
        #expect(given(12, 13) == "typo (JW ≥ 0.92)")        // Lfiz: Liz misspelt, Elizabeth's thirteenth nickname
        #expect(given(14, 15) == "similar (JW ≥ 0.80)")     // Ze: Zoe with a letter lost
        // Blocking keys by formal name put Fco. beside Francisco.
        #expect(Nicknames.formal("fco") == ["francisco"])
    }

    @Test("one identity number on both records: a different given name is a slip, not a relative")
    func sameIdentityNumber() throws {
        let csv = "rec_id,given_name,family_name,birth_date,street,postal_code,city,national_id\n"
            + "a,Francisco,Gallego Barillo,26/12/1994,Travesía Mayor 110,41014,Sevilla,DNI 58658749D\n"
            + "b,Pancracio,Gallego Barillo,1994-12-26,Mayor nº 110,41014,Sevilla,58658749-D\n"
        let contacts = try registerContacts(csv)
        let features = contacts.map { RecordFeatures($0, customFields: ["national_id"]) }
        let c = PairComparator(customFields: ["national_id"], stats: FeatureStatistics(features)).compare(features[0], features[1], 0, 1)
        #expect(c.level(.given) == 6)
        #expect(c.level(.birthday) == 1)
        #expect(c.level(.city) == 1)
        #expect(c.level(.custom(0)) == 1)
    }

    @Test("a register whose only identifier is an id number learns that different numbers mean different people")
    func registerModel() throws {
        // 240 people under 120 names (two namesakes each, each with a birth date and an id number
        // of their own), each person twice; a third of the second records without the number.
        let givenNames = ["Francisco", "María", "José", "Carmen", "Antonio", "Laura", "Manuel", "Lucía", "Javier",
                          "Elena", "Pedro", "Marta"]
        let surnames = ["García López", "Martínez Ruiz", "Sánchez Gil", "Pérez Soto", "Gómez Vidal", "Díaz Mora",
                        "Moreno Cano", "Romero Nieto", "Ortiz Sanz", "Navarro Gil"]
        var csv = "rec_id,given_name,family_name,birth_date,city,national_id\n"
        for i in 0..<240 {
            let given = givenNames[i % 12], family = surnames[(i / 12) % 10]
            let born = String(format: "%04d-%02d-%02d", 1930 + i / 4, 1 + i % 12, 1 + i % 28)
            let id = String(10_000_000 + i * 104_729)
            csv += "p\(i)a,\(given),\(family),\(born),Madrid,\(id)\n"
            csv += "p\(i)b,\(given),\(family),\(born),Madrid,\(i % 3 == 0 ? "" : id)\n"
        }
        let contacts = try registerContacts(csv)
        var configuration = DedupConfiguration(customFields: ["national_id"])
        configuration.threads = 1
        let result = Deduplicator(configuration: configuration).run(contacts)
        let id = FieldID.custom(0).rawValue
        // "different" is the last level: rare among matches, so strong evidence against.
        #expect(result.model.m[id][3] < 0.03, "m \(result.model.m[id])")
        #expect(result.model.weight(FieldID.custom(0), 3) < -5)
        // Every person is one cluster, and no cluster holds two people.
        #expect(result.clusters.count == 240)
        for cluster in result.clusters {
            #expect(Set(cluster.map { contacts[$0].uid!.dropLast() }).count == 1)
        }
    }

    @Test("an identity number is one however it is written: label, case, dashes, spaces and leading zeros")
    func identifiers() throws {
        let csv = "rec_id,given_name,family_name,national_id\n"
            + "a,Francisco,García Sánchez,DNI 55534680f\n"
            + "b,Fco,García,55534680-F\n"
            + "c,María José,Márquez,NIF: 53654955 A\n"
            + "d,María José,Márquez Calero,53654955A\n"
            + "e,Ana,Gil,AB 1234567\n"
            + "f,Ana,Gil,CD 1234567\n"
            + "g,Carmen,Pedero Pérez,06668556M\n"        // a spreadsheet drops the leading zero
            + "h,Carmen,Pedero Pérez,6668556-M\n"
        let contacts = try registerContacts(csv)
        let features = contacts.map { RecordFeatures($0, customFields: ["national_id"]) }
        #expect(features.map { $0.custom[0] } == ["55534680f", "55534680f", "53654955a", "53654955a", "ab1234567", "cd1234567",
                                                   "6668556m", "6668556m"])
        let comparator = PairComparator(customFields: ["national_id"], stats: FeatureStatistics(features))
        #expect(comparator.compare(features[0], features[1], 0, 1).level(.custom(0)) == 1)
        #expect(comparator.compare(features[2], features[3], 2, 3).level(.custom(0)) == 1)
        // Letters that are part of the number (not a label word) still tell two numbers apart.
        #expect(comparator.compare(features[4], features[5], 4, 5).level(.custom(0)) != 1)
    }

    @Test("given and family swapped on one record, one misspelt: found by birth date or postcode and either name, compared crosswise")
    func swappedAndMisspelt() throws {
        let csv = "rec_id,given_name,family_name,birth_date,street,postal_code,city,national_id\n"
            + "a,Christopher,Winsford,26/3/1955,26 Queens Close,E8 1YR,London,\n"
            + "b,WINSFORD,CHRHSTOPHER,1955-03-26,4 Mill Lane,N7 2QT,London,\n"          // moved since
            + "c,Diez Marano,Toni,,Avenida Real 46 1-A,28013,Madrid,\n"
            + "d,Antonio,Diez Marano,,\"Avenida Real 46, 1º A\",28013,Madrid,\n"
        let normalizer = ContactNormalizer(region: "ES")
        let contacts = try registerContacts(csv).map { c in var c = c; _ = normalizer.normalize(&c); return c }
        let features = contacts.map { RecordFeatures($0, customFields: ["national_id"]) }
        let (pairs, rules) = CandidateBlocker(threads: 1).candidates(features)
        // a and b share no name key as written: of the keyed rules, only the birth date with the
        // surname's sound, written in b's given-name field, brings them together (the sorted
        // neighbourhoods pair every record of a set this small).
        let k = try #require(pairs.firstIndex(of: 1))
        #expect(CandidateBlocker.names(rules[k]).filter { !$0.hasPrefix("sorted-") } == ["birthday+name-sound"])
        // c and d, swapped without a birth date, meet at their postcode through either name's sound.
        let m = try #require(pairs.firstIndex(of: 2 << 32 | 3))
        #expect(CandidateBlocker.names(rules[m]).contains("postcode+name-sound"))
        let comparator = PairComparator(customFields: ["national_id"], stats: FeatureStatistics(features))
        let ab = comparator.compare(features[0], features[1], 0, 1)
        #expect(ab.level(.given) == 3)    // Christopher, CHRHSTOPHER: a typo
        #expect(ab.level(.family) == 1)
        // The first record is the swapped one here; Toni is read with Antonio's nicknames.
        let cd = comparator.compare(features[2], features[3], 2, 3)
        #expect(cd.level(.given) == 2)
        #expect(cd.level(.family) == 1)
        #expect(cd.level(.address) == 1)
    }

    @Test("a street is one however its type, number sign, connectors, floor and door are written", arguments: [
        ("c/ Real, nº 4", "Calle Real 4"),
        ("Cl. San Juan, nº 42", "Calle de San Juan 42"),
        ("C/ Gran Vía 26 7ºIzq.", "Cl. Gran Vía, 26, 7º Izquierda"),
        ("Avda. Real 31 4ºB", "Av. Real, 31, 4º B"),
        ("Calle Mayor, nº 31, Entl. C", "Calle Mayor 31, Entresuelo C"),
        ("4331 NORTH CHURCH AVENUE", "4331 North Church Ave"),
        ("Pso. de la Constitución, 236, 3º B", "Paseo de la Constitución 236, 3º B"),
        ("P.º del Sol, 16, 3º 4ª", "Pº del Sol 16 3º 4ª"),
        ("Cno. Real 63 7º", "Camino Real 63, 7º"),
        ("Rda. Real, 14", "Ronda Real 14"),
        ("Plza. de Andalucía 55", "Plaza de Andalucía 55"),
        ("Trva. de la Estación 40", "Travesía de la Estación 40"),
        // English lines: the flat before or after the house, unit words, ordinal endings, types.
        ("Flat 18, 71 Mill Rd.", "71 Mill Road, Flat 18"),
        ("9591 1st Way #9D", "9591 1st Way, Apt 9D"),
        ("193 High Gdns", "193 High Gardens"),
        ("192 Mount Pleasant Cl, Flat 24", "Flat 24, 192 Mount Pleasant Close"),
        ("7441 Church Ct., Apt 1A", "7441 Church Court, #1A"),
    ])
    func streets(_ a: String, _ b: String) {
        #expect(RecordFeatures.streetKey(a) == RecordFeatures.streetKey(b))
    }

    @Test("Cl. is a street in Spain and a close on an English line; floors and doors tell lines apart")
    func streetTypesByCountry() {
        #expect(RecordFeatures.streetKey("Cl. Mayor 3") == RecordFeatures.streetKey("Calle Mayor 3"))
        #expect(RecordFeatures.streetKey("12 Park Cl") == RecordFeatures.streetKey("12 Park Close"))
        #expect(RecordFeatures.streetKey("12 Park Cl") != RecordFeatures.streetKey("12 Park Street"))
        #expect(RecordFeatures.streetKey("Flat 2, 12 Park Close") != RecordFeatures.streetKey("Flat 3, 12 Park Close"))
    }

    @Test("in one postcode, a line that stops before the floor, or has one long word misspelt, is the same line",
          arguments: [
            ("calle velazquez 18", "calle velazquez 18 4", true),
            ("plnza velazquez 43 atico b", "plaza velazquez 43 atico b", true),
            ("calle mayor 32 bajo a", "calle mayor 32 bajo b", false),     // another door
            ("calle mayor 12 3 b", "calle mayor 12 1 a", false),           // another floor
            ("calle mayor 3", "calle mayor 12 3 b", false),                // a floor is not a house number
            ("calle mayor 12", "calle real 12", false),                    // another street
          ])
    func streetLines(_ a: String, _ b: String, _ same: Bool) {
        #expect(PairComparator.sameStreetLine(a, b) == same)
        #expect(PairComparator.sameStreetLine(b, a) == same)
    }

    @Test("both names misspelt or nicknamed on one record: found by postcode and birth date, or postcode and house number")
    func postcodeAndBirthdayOrHouse() throws {
        let csv = "rec_id,given_name,family_name,birth_date,street,postal_code,city,national_id\n"
            + "a,Robert,Dalley,1947-11-09,\"71 Mill Rd., Flat 18\",WC1N 3HG,London,\n"
            + "b,Bobby,Dblley,9/11/1947,Flat 18 71 Mill Road,WC1N 3HG,London,682 62 3452\n"
            + "c,Ópcar,Sánchez,,C/ Diagonap 38,48010,Bilbao,39857729V\n"
            + "d,Óscar,Martínez Sánchez,,Calle Diagonal 38,48010,Bilbao,\n"
            + "e,Óscar,Martín,,Calle Diagonal 12,48010,Bilbao,\n"
        let normalizer = ContactNormalizer(region: "ES")
        let contacts = try registerContacts(csv).map { c in var c = c; _ = normalizer.normalize(&c); return c }
        let features = contacts.map { RecordFeatures($0, customFields: ["national_id"]) }
        let rule = CandidateBlocker.Rule.postcodeAndBirthdayOrHouse
        #expect(!Set(CandidateBlocker.keys(rule, features[0])).isDisjoint(with: CandidateBlocker.keys(rule, features[1])))
        #expect(!Set(CandidateBlocker.keys(rule, features[2])).isDisjoint(with: CandidateBlocker.keys(rule, features[3])))
        // Another house in the same postcode has no key in common.
        #expect(Set(CandidateBlocker.keys(rule, features[3])).isDisjoint(with: CandidateBlocker.keys(rule, features[4])))
        let comparator = PairComparator(customFields: ["national_id"], stats: FeatureStatistics(features))
        #expect(comparator.compare(features[0], features[1], 0, 1).level(.address) == 1)
        #expect(comparator.compare(features[2], features[3], 2, 3).level(.address) == 1)
        #expect(comparator.compare(features[3], features[4], 3, 4).level(.address) == 2)
    }

    @Test("a postcode is one without leading zeros, and a ZIP+4 is its ZIP", arguments: [
        ("08006", "8006"), ("02108-1234", "2108"), ("SW1A 1AA", "sw1a1aa"), ("N1 5LL", "n15ll"), ("0", "0"),
    ])
    func postcodes(_ written: String, _ key: String) {
        #expect(RecordFeatures.postalKey(written) == key)
    }

    @Test("another floor or door in the same building is another street line")
    func otherFlat() {
        #expect(RecordFeatures.streetKey("Calle Mayor 12, 3º B") == "calle mayor 12 3 b")
        #expect(RecordFeatures.streetKey("Calle Mayor 12, 3º B") != RecordFeatures.streetKey("Calle Mayor 12, 1º A"))
        #expect(RecordFeatures.streetKey("Calle Mayor 12, 3º Dcha.") != RecordFeatures.streetKey("Calle Mayor 12, 3º Izda."))
    }

    @Test("a move counts once: a different city beside a different address weighs less than on its own")
    func movedOnce() throws {
        // 160 people twice each, a quarter of them moved to another city between their records,
        // all identified by an id number; and 160 people once.
        let cities = ["Madrid", "Sevilla", "Bilbao", "Valencia", "Zaragoza", "Málaga", "Murcia", "Vigo"]
        let givenNames = ["Francisco", "María", "José", "Carmen", "Antonio", "Laura", "Manuel", "Lucía"]
        let surnames = ["García López", "Martínez Ruiz", "Sánchez Gil", "Pérez Soto", "Gómez Vidal", "Díaz Mora",
                        "Moreno Cano", "Romero Nieto", "Ortiz Sanz", "Navarro Gil", "Vega Campos", "Prieto Bravo"]
        var csv = "rec_id,given_name,family_name,street,postal_code,city,national_id\n"
        for i in 0..<320 {
            let given = givenNames[i % 8], family = surnames[(i / 8) % 12]
            let city = cities[i % 8], id = String(10_000_000 + i * 104_729)
            csv += "p\(i)a,\(given),\(family),Calle Mayor \(i + 1),\(28000 + i),\(city),\(id)\n"
            guard i < 160 else { continue }
            let moved = i % 4 == 0
            csv += "p\(i)b,\(given),\(family),\(moved ? "Avenida del Mar \(i + 7)" : "Calle Mayor \(i + 1)"),"
                + "\(moved ? 41000 + i : 28000 + i),\(moved ? cities[(i + 3) % 8] : city),\(id)\n"
        }
        var configuration = DedupConfiguration(customFields: ["national_id"])
        configuration.threads = 1
        let result = Deduplicator(configuration: configuration).run(try registerContacts(csv))
        #expect(result.model.cityGivenMoved > 1, "\(result.model.cityGivenMoved)")
        var moved = PairComparison()
        moved.set(.city, 3)
        moved.set(.address, 3)
        var cityOnly = PairComparison()
        cityOnly.set(.city, 3)
        #expect(result.model.fieldWeight(moved, .city) > result.model.fieldWeight(cityOnly, .city) + 1)
        // A model stored before the correction existed reads as none.
        var stored = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result.model.parameters)) as! [String: Any]
        stored.removeValue(forKey: "cityGivenMoved")
        let old = try JSONDecoder().decode(MatchModel.Parameters.self, from: JSONSerialization.data(withJSONObject: stored))
        #expect(old.cityGivenMoved == 0)
        #expect(old.m == result.model.parameters.m)
    }

    @Test("a move is no contradiction: a card at a new address joins the person's old cards, though one of them shares only the name with it")
    func moveIsNoContradiction() throws {
        // 300 people, half of them twice at one address, identified by birth date and id number.
        let givenNames = ["Francisco", "María", "José", "Carmen", "Antonio", "Laura", "Manuel", "Lucía"]
        let surnames = ["García López", "Martínez Ruiz", "Sánchez Gil", "Pérez Soto", "Gómez Vidal", "Díaz Mora",
                        "Moreno Cano", "Romero Nieto", "Ortiz Sanz", "Navarro Gil", "Vega Campos", "Prieto Bravo"]
        let cities = ["Madrid", "Sevilla", "Bilbao", "Valencia", "Zaragoza", "Málaga", "Murcia", "Vigo"]
        var csv = "rec_id,given_name,family_name,birth_date,street,postal_code,city,national_id\n"
        for i in 0..<300 {
            let row = "\(givenNames[i % 8]),\(surnames[(i / 8) % 12]),\(1950 + i % 50)-0\(i % 9 + 1)-1\(i % 10),"
                + "Calle Mayor \(i + 1),\(28000 + i),\(cities[i % 8]),\(10_000_000 + i * 104_729)\n"
            csv += "p\(i)a," + row
            if i < 150 { csv += "p\(i)b," + row }
        }
        // Cristina's cards before and after her move: her new card has no id number, one old card
        // no birth date, so those two share nothing but her name.
        csv += "old1,Cristina,González Fernández,1995-02-09,Camino de Colón 113 2º A,46011,Valencia,65374397W\n"
        csv += "old2,Cristina,González,,Camino de Colón 113 2º A,46011,València,65374397W\n"
        csv += "new,Cristina,González Fernández,1995-02-09,Calle de la Rioja 65 3º A,08902,L'Hospitalet de Llobregat,\n"
        // A namesake born on another day, in the city Cristina moved to.
        csv += "other,Cristina,González Fernández,1971-10-30,Calle de la Rioja 2,08902,L'Hospitalet de Llobregat,\n"
        var configuration = DedupConfiguration(customFields: ["national_id"])
        configuration.threads = 1
        // A cut that leaves the name-only pair to the guard, and a floor it does not reach alone.
        configuration.threshold = 0.7
        configuration.minimumEvidence = 12
        let contacts = try registerContacts(csv)
        let result = Deduplicator(configuration: configuration).run(contacts)
        let ids = contacts.map(\.recordID)
        func cluster(_ id: String) -> Int { result.clusterOf[ids.firstIndex(of: id)!] }
        #expect(cluster("old1") == cluster("old2"))
        #expect(cluster("old1") == cluster("new"))
        #expect(cluster("other") != cluster("new"))
        #expect(cluster("p0a") == cluster("p0b") && cluster("p0a") != cluster("p96a"))
    }

    @Test("a shared name-only profile (/in/keith-reed) weighs at most 2 bits and never against the pair; a full profile as estimated")
    func nameOnlyProfile() {
        for (u, expected) in [(0.0001, 2.0), (0.1, log2(0.17 / 0.1)), (0.5, 0.0)] {
            var model = MatchModel(fields: MatchField.all(custom: []))
            model.m[.linkedIn][2] = 0.17
            model.u[.linkedIn][2] = u
            model.u[.linkedIn][1] = 0.00002
            model.neutralizeSharedValues()
            #expect(abs(model.weight(.linkedIn, 2) - expected) < 1e-9, "u \(u)")
            #expect(model.weight(.linkedIn, 1) > 10)
        }
    }

    @Test("misspelt given name and surname at one organization are still compared")
    func initialsAndOrganization() throws {
        let contacts = try DedupSample.contacts(Self.header + """
            a,Jackie,Myers,,,Cloud Marketing Inc.,Founder,,Miami,SXSW 2024,2024-03-08
            b,Jcakie,Mdyers,,,Cloud Marketing Inc,founder,,Miami,MWC 2025,2025-03-03

            """)
        let features = contacts.map { RecordFeatures($0) }
        let (pairs, rules) = CandidateBlocker(threads: 1).candidates(features)
        #expect(pairs == [1])
        #expect(CandidateBlocker.names(rules[0]).contains("initials+organization"))
    }
}

@Suite("Radix sort")
struct RadixSortTests {
    @Test("sorts like the standard library, and keeps equal keys in their order", arguments: [10, 5000, 70000])
    func matchesStandardSort(_ count: Int) {
        var rng = SplitMix64(state: UInt64(count))
        // Few distinct high digits and many equal keys: skipped passes and stability both matter.
        let keys = (0..<count).map { _ in (rng.next() % 50) << 40 | rng.next() % 7 }
        var plain = keys
        RadixSort.sort(&plain)
        #expect(plain == keys.sorted())
        var items = keys.enumerated().map { (key: $0.element, record: UInt32($0.offset)) }
        RadixSort.sort(&items)
        let expected = keys.enumerated().sorted { $0.element < $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
        #expect(items.map(\.key) == expected.map(\.element))
        #expect(items.map(\.record) == expected.map { UInt32($0.offset) })
    }
}

/// Register-shaped records (`rec_id,given_name,…,national_id`) with the id number read as the
/// custom field `national_id`, as `--map national_id=custom:national_id` reads it.
func registerContacts(_ csv: String) throws -> [Contact] {
    var options = CSVOptions()
    options.overrides = ["national_id": .custom("national_id")]
    return try readCSV(csv, options: options).contacts
}

@Suite("Reading into features")
struct FeatureCollectorTests {
    /// Features built on the importer's workers, with or without the contacts, are the ones
    /// appending each delivered contact gives, in the same order; the ledger still tells read
    /// records (with a contact) from skipped and rejected ones when the contacts were freed.
    @Test("read builds on the workers what append builds after delivery", arguments: [true, false])
    func readMatchesAppend(keepContacts: Bool) throws {
        let files = ["merge/cards.vcf", "merge/badges.csv", "merge/connections.html", "csv/malformed_rows.csv", "vcard/malformed_recovery.vcf"].map(Fixtures.path)
        let importer = ContactImporter(normalizer: ContactNormalizer(region: "ES", computeKeys: false), threads: 2)
        let appended = FeatureCollector(customFields: [], threads: 2, keepContacts: true)
        var before = AuditLedger()
        let expected = try importer.run(paths: files, contact: appended.append, diagnostic: { _ in }, observe: { before.note($0) })
        _ = appended.finish()

        let collector = FeatureCollector(customFields: [], threads: 2, keepContacts: keepContacts)
        var ledger = AuditLedger()
        let summary = try collector.read(files, with: importer, diagnostic: { _ in }, observe: { ledger.note($0) })
        _ = collector.finish()
        #expect(summary.records == expected.records && summary.records > 30)
        #expect(summary.line == expected.line)
        #expect(collector.recordIDs == appended.recordIDs)
        #expect(collector.features.map(\.given) == appended.features.map(\.given))
        #expect(collector.features.map(\.emails) == appended.features.map(\.emails))
        #expect(collector.features.map(\.linkedIn) == appended.features.map(\.linkedIn))
        #expect(collector.contacts.count == (keepContacts ? appended.contacts.count : 0))
        // Each contact placed as a person of its own: the ledger numbers contacts in order.
        let placement: (Int) -> AuditLedger.Placement = { .init(person: "p\($0)", outcome: .contact) }
        #expect(String(decoding: ledger.csv(placement), as: UTF8.self) == String(decoding: before.csv(placement), as: UTF8.self))
        #expect(ledger.tally(placement)[.skipped, default: 0] + ledger.tally(placement)[.rejected, default: 0] > 0)
    }
}

@Suite("Sorted neighbourhood")
struct SortedNeighbourhoodTests {
    @Test("records sort by the bytes of their name, then by record, past shared eight-byte prefixes")
    func byteOrder() throws {
        // Long shared prefixes, names that are prefixes of others, accents (multi-byte) and
        // duplicates: every case where the first eight bytes tie.
        let given = ["Ana", "Anabel", "Ángel", "María José", "Maria", "Mª", "José", "Jose", "Fernanda", "Fernando"]
        let family = ["Fernández-Castellanos", "Fernández-Castellano", "Fernández Castellanos López", "García López",
                      "García", "García Lópezz", "Gómez", "Castellanos", "Fernández-Castellanos Ruiz", "Núñez"]
        var rng = SystemRandomNumberGenerator()
        var csv = "rec_id,given_name,family_name\n"
        for i in 0..<600 {
            csv += "r\(i),\(Int.random(in: 0..<8, using: &rng) == 0 ? "" : given.randomElement(using: &rng)!),"
                + "\(family.randomElement(using: &rng)!)\n"
        }
        let features = try readCSV(csv).contacts.map { RecordFeatures($0) }
        for rule in [CandidateBlocker.Rule.sortedFamilyGiven, .sortedGivenFamily] {
            let named = features.indices.compactMap { i in CandidateBlocker.sortName(rule, features[i]).map { (Array($0.utf8), i) } }
            let order = named.sorted { $0.0.lexicographicallyPrecedes($1.0) || ($0.0 == $1.0 && $0.1 < $1.1) }.map(\.1)
            var expected: [UInt64] = []
            for x in order.indices {
                for y in (x + 1)..<min(order.count, x + 4) {
                    expected.append(CandidateBlocker.entry(order[x], order[y], rule))
                }
            }
            #expect(CandidateBlocker.sortedNeighbourhood(rule, features, window: 3) == expected)
        }
    }
}

@Suite("Candidate merging")
struct CandidateMergeTests {
    @Test("sorting and merging in parts by first record gives what one part gives", arguments: [2, 3, 4, 7])
    func parts(_ parts: Int) {
        // Rules' entries with repeated pairs (several rules, and one rule twice), first records
        // skewed to small indices as real pairs are.
        var rng = SystemRandomNumberGenerator()
        let records = 5_000
        let lists: [[UInt64]] = (0..<5).map { rule in
            (0..<20_000).map { _ in
                let i = Int.random(in: 0..<records, using: &rng), j = Int.random(in: 0..<records, using: &rng)
                let a = min(i, j) / (Bool.random(using: &rng) ? 1 : 8)
                return CandidateBlocker.entry(a, max(i, j) == a ? a + 1 : max(i, j), CandidateBlocker.Rule(rawValue: rule)!)
            }
        }
        let one = CandidateBlocker.merge(lists, records: records, parts: 1, threads: 2)
        let many = CandidateBlocker.merge(lists, records: records, parts: parts, threads: 2)
        #expect(many.pairs == one.pairs)
        #expect(many.rules == one.rules)
        #expect(one.pairs == one.pairs.sorted() && Set(one.pairs).count == one.pairs.count)
        #expect(one.rules.contains { $0.nonzeroBitCount > 1 })
    }
}

@Suite("Key hashes")
struct KeyHashTests {
    @Test("a list of words hashes as the words joined by spaces")
    func words() {
        for words in [[], [""], ["garcía"], ["garcia", "lopez"], ["de", "la", "cruz"], ["", "núñez", ""], ["o'neil", "smith-jones"]] {
            for seed: UInt64 in [0, 1, 7] {
                #expect(KeyHash.hash(words: words, seed: seed) == KeyHash.hash(words.joined(separator: " "), seed: seed), "\(words)")
            }
        }
    }

    @Test("value hashes are 64-bit FNV-1a, as books written before hold them")
    func fnv() {
        // The published FNV-1a test vectors (seed 0 is the plain hash).
        #expect(KeyHash.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(KeyHash.hash("foobar") == 0x8594_4171_f739_67e8)
        #expect(KeyHash.hash("") == 0xcbf2_9ce4_8422_2325)
        for text in ["garcía", "jose.garcia@example.com", "+34612345678", String(repeating: "ñ", count: 40)] {
            for seed: UInt64 in [0, 3, 11] {
                let reference = text.utf8.reduce(0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
                #expect(KeyHash.hash(text, seed: seed) == reference)
            }
        }
    }

    @Test("a name's key is FNV-1a of its lists' bytes, a 0 after each word and a 1 after each list")
    func nameKeys() {
        func reference(_ lists: [[String]]) -> UInt64 {
            var bytes: [UInt8] = []
            for list in lists {
                for word in list { bytes += Array(word.utf8) + [0] }
                bytes.append(1)
            }
            return bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
        }
        let lists: [[String]] = [[], ["ana"], ["ana", "anita"], ["anaanita"], ["josé", "ñ"], ["garcia lopez"]]
        var keys = Set<UInt64>()
        for a in lists {
            for b in lists {
                #expect(RecordFeatures.wordsKey(a, b) == reference([a, b]), "\(a) \(b)")
                keys.insert(RecordFeatures.wordsKey(a, b))
                for c in lists { #expect(RecordFeatures.wordsKey(a, b, c) == reference([a, b, c])) }
            }
        }
        // Where each word and list ends is part of the key: no two of these lists collide.
        #expect(keys.count == lists.count * lists.count)
    }
}

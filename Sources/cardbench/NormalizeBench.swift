#if canImport(Glibc)
import Glibc
#endif
import CardParse

/// `cardbench normalize`: full normalization (names, phones through libphonenumber, e-mails, URLs,
/// matching keys) of generated contacts, on one thread and on all cores.
enum NormalizeBench {
    /// Realistic raw contacts as readers produce them: scanner capitals, "Family, Given", honorifics,
    /// national and international numbers, mailto links, LinkedIn URLs with queries.
    static func contacts(_ count: Int) -> [Contact] {
        var rng = VCardCorpus.Random(state: 3)
        return (0..<count).map { i in
            let g = rng.pick(VCardCorpus.given), f = rng.pick(VCardCorpus.family)
            let style = i % 4
            let full = style == 0 ? "\(f), \(g)".uppercased() : style == 1 ? "Dra. \(g) \(f)" : style == 2 ? "\(g) \(f)" : "\(g) \"\(g.prefix(3))\" \(f)"
            let phones = [Phone(value: i % 3 == 0 ? "6\(10 + i % 89) \(100 + i % 899) \(100 + i % 899)" : "+34 6\(10 + i % 89) \(100 + i % 899) \(100 + i % 899)", types: ["cell"]),
                          Phone(value: i % 2 == 0 ? "+52 55 5555 \(1000 + i % 8999)" : "91 123 45 67", types: ["work"])]
            return Contact(fullName: full, emails: [Email(value: "mailto:User\(i)@Example.COM?subject=x")], phones: phones,
                           urls: [WebLink(value: "https://es.linkedin.com/in/user-\(i)/?trk=x")],
                           organization: rng.pick(VCardCorpus.companies))
        }
    }

    static func run(count: Int, runs: Int, path: String?) throws {
        var input: [Contact]
        if let path {
            // Real-looking records (../shared/bench/gen_contacts.py), read raw before the clock starts.
            input = []
            _ = try ContactImporter().run(paths: [path], contact: { input.append($0) }, diagnostic: { _ in })
            print("input: \(input.count) contacts from \(path)")
        } else {
            input = contacts(count)
            print("input: \(count) generated contacts")
        }
        let count = input.count
        for threads in [1, 2] {
            var best = Double.infinity
            for _ in 0..<runs {
                // Fresh normalizers each run, one per thread as `cardtool` has: their caches must
                // not carry over.
                let normalizers = (0..<threads).map { _ in ContactNormalizer(region: "ES") }
                let contacts = input
                let start = now()
                // Batches of 512, as the importer's, taken in turn by the threads: each contact
                // copied out and normalized.
                let batches = (count + 511) / 512
                let warnings = Parallel.map(threads, threads: threads, minChunk: 1) { range in
                    range.map { t in
                        stride(from: t, to: batches, by: threads).reduce(0) { total, b in
                            (b * 512..<min(count, b * 512 + 512)).reduce(total) { total, i in
                                var c = contacts[i]
                                return total + normalizers[t].normalize(&c).count
                            }
                        }
                    }
                }
                best = min(best, now() - start)
                _ = warnings
            }
            print("normalize, \(threads) thread\(threads == 1 ? "" : "s"): \(Int(Double(count) / best)) contacts/s (best of \(runs): \(Double(Int(best * 1000)) / 1000) s)")
        }
        print("peak RSS: \(Double(Int(peakRSSMiB() * 100)) / 100) MiB")
    }
}

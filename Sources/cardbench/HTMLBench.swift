#if canImport(Glibc)
import Glibc
#endif
import CardParse

/// `cardbench html`: a generated saved-connections page (about 50 MB) through the whole HTML path:
/// libxml2 parsing, the h-card scan, the LinkedIn extractor and the table scan.
enum HTMLBench {
    static let generation = 1

    static func ensure(megabytes: Int, at path: String) throws -> Int {
        var info = stat()
        if stat(path, &info) == 0, info.st_size > 0 { return Int(info.st_size) }
        var out = try CorpusWriter(path: path)
        var rng = VCardCorpus.Random(state: 11)
        try out.append("<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Contactos | LinkedIn</title>"
            + "<script>window.config = {\"links\": [\"/in/not-a-person\"]};</script></head><body><main><ul>\n")
        var i = 0
        while out.total < megabytes << 20 {
            let g = rng.pick(VCardCorpus.given), f = rng.pick(VCardCorpus.family)
            let title = rng.pick(VCardCorpus.titles), org = rng.pick(VCardCorpus.companies)
            let slug = "user-\(i)-\(f.lowercased().filter { $0.isLetter })"
            let href = i % 3 == 0 ? "/in/\(slug)/?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3A\(i)" : "https://www.linkedin.com/in/\(slug)"
            try out.append("""
              <li class="mn-connection-card artdeco-list ember-view" id="ember\(i)">
                <a class="ember-view mn-connection-card__picture" href="\(href)"><img class="presence-entity__image" alt="\(g) \(f)" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>
                <div class="mn-connection-card__details">
                  <a class="ember-view mn-connection-card__link" href="\(href)">
                    <span class="visually-hidden">Nombre del miembro</span>
                    <span class="mn-connection-card__name t-16 t-black t-bold">\(g) \(f)</span>
                    <span class="visually-hidden">Ocupación del miembro</span>
                    <span class="mn-connection-card__occupation t-14 t-black--light t-normal">\(title) en \(org) | Networking &amp; Eventos</span>
                  </a>
                  <time class="time-badge t-12 t-black--light t-normal">Conectado hace \(1 + i % 11) meses</time>
                </div>
              </li>

            """)
            i += 1
        }
        try out.append("</ul></main></body></html>\n")
        return try out.finish()
    }

    static func run(megabytes: Int, runs: Int, path: String?) throws {
        let file = path ?? "/tmp/cardbench-html-v\(generation)-\(megabytes)mb.html"
        let bytes = try ensure(megabytes: megabytes, at: file)
        print("input: \(file), \(Double(Int(Double(bytes) / 1_048_576 * 100)) / 100) MiB")
        var best = Double.infinity
        var contacts = 0
        for _ in 0..<runs {
            let start = now()
            var reader = try HTMLContactReader(input: try UnicodeInput(FileByteSource(path: file)), file: file)
            contacts = 0
            while let record = try reader.next() { if record.contact != nil { contacts += 1 } }
            best = min(best, now() - start)
        }
        let mbps = Double(bytes) / 1_000_000 / best
        print("parse + extract: \(Double(Int(mbps * 10)) / 10) MB/s, \(Int(Double(contacts) / best)) contacts/s (best of \(runs): \(Double(Int(best * 1000)) / 1000) s, \(contacts) contacts)")
        print("peak RSS: \(Double(Int(peakRSSMiB() * 100)) / 100) MiB")
    }
}

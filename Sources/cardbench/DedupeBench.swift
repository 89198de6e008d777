#if canImport(Glibc)
import Glibc
#endif
import CardParse

/// `cardbench dedupe --file CSV`: the deduplication pipeline of `cardtool dedupe` on a contacts
/// file (from `../shared/bench/gen_contacts.py`), timed stage by stage on all cores. Accuracy
/// against the ground truth is `scripts/dedup_bench.py`'s job; this measures speed and memory.
enum DedupeBench {
    static func run(runs: Int, path: String?) throws {
        guard let path else {
            print("cardbench dedupe needs --file CSV (python3 ../shared/bench/gen_contacts.py 1000000 DIR writes DIR/contacts.csv)")
            exit(64)
        }
        let configuration = DedupConfiguration()
        var best = Double.infinity
        for run in 1...runs {
            let start = now()
            let collector = FeatureCollector(customFields: [], keepContacts: false)
            let importer = ContactImporter(normalizer: ContactNormalizer(region: "ES", computeKeys: false),
                                           threads: configuration.threads)
            let summary = try collector.read([path], with: importer, diagnostic: { _ in })
            let features = collector.finish().features
            let read = now() - start
            let result = Deduplicator(configuration: configuration).run(features: features)
            let total = now() - start
            best = min(best, total)
            let stages = ([("read+normalize", read)] + result.timings)
                .map { "\($0.0) \(String(format2: $0.1)) s" }.joined(separator: ", ")
            print("run \(run): \(summary.records) records, \(result.candidatePairs) candidate pairs, \(result.clusters.count) people; "
                  + "\(stages); total \(String(format2: total)) s")
        }
        print("dedupe, \(configuration.threads) threads: best \(String(format2: best)) s")
        print("peak RSS: \(String(format2: peakRSSMiB())) MiB")
    }
}

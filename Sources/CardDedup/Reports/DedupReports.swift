import CardModel
import CardFormats
import CardNormalize
import Foundation

/// The CSV files `cardtool dedupe` and `merge` write about a run. Cells are spreadsheet-safe.
public enum DedupReports {
    /// `rec_id,cluster_id`: every input record once; the header is the one
    /// `eval_clusters.py` and most linkage tools read.
    public static func clusters(_ result: DedupResult, ids: [String]) -> [UInt8] {
        var w = CSVWriter()
        w.writeRow(["rec_id", "cluster_id"])
        let width = idWidth(result.clusters.count)
        for (i, id) in ids.enumerated() {
            w.writeCell(id, first: true)
            w.writeCell(clusterID(result.clusterOf[i], width: width), first: false)
            w.endRow()
        }
        return w.takeOutput()
    }

    /// `c0042`: the k-th cluster (from 0) of `count`, zero-padded so ids sort in order.
    public static func clusterID(_ k: Int, of count: Int) -> String {
        clusterID(k, width: idWidth(count))
    }

    /// The digits of the largest of `count` cluster ids.
    static func idWidth(_ count: Int) -> Int { max(1, String(count).utf8.count) }

    /// ``clusterID(_:of:)`` with the width worked out once for a whole listing; a few bytes, so
    /// the string is made in place, without an allocation.
    static func clusterID(_ k: Int, width: Int) -> String {
        let n = String(k + 1)
        let zeros = max(0, width - n.utf8.count)
        return zeros == 0 ? "c" + n : "c" + String(repeating: "0", count: zeros) + n
    }

    /// The audit ledger's placement of each record of a run: its cluster (the n-th person a merge
    /// writes), `contact` for the cluster's first record and `merged` for the others.
    public static func placements(_ result: DedupResult) -> (Int) -> AuditLedger.Placement {
        let firsts = result.clusters.map { $0.min() ?? -1 }
        let width = idWidth(result.clusters.count)
        return { i in
            let k = result.clusterOf[i]
            return AuditLedger.Placement(person: clusterID(k, width: width), outcome: firsts[k] == i ? .contact : .merged)
        }
    }

    /// Scored pairs (at or above the review threshold): ids, probability, weight, whether merged,
    /// the blocking rules, and each field's level.
    public static func pairs(_ result: DedupResult, ids: [String]) -> [UInt8] {
        var w = CSVWriter()
        let fields = result.model.fields
        w.writeRow(["record_id_1", "record_id_2", "probability", "match_weight", "merged", "rules"] + fields.map(\.name))
        for p in result.scored.sorted(by: { $0.weight > $1.weight }) {
            let levels = fields.indices.map { f -> String in
                let l = p.comparison.level(FieldID(rawValue: f))
                return l == 0 ? "" : fields[f].levels[l - 1]
            }
            w.writeRow([ids[p.a], ids[p.b], String(format: "%.4f", p.probability),
                        String(format: "%.2f", p.weight), result.clusterOf[p.a] == result.clusterOf[p.b] ? "yes" : "no",
                        CandidateBlocker.names(p.rules).joined(separator: " ")] + levels)
        }
        return w.takeOutput()
    }

    /// Grey-zone pairs side by side, for a person to decide.
    public static func review(_ result: DedupResult, _ contacts: [Contact]) -> [UInt8] {
        var w = CSVWriter()
        let side = ["record_id", "name", "emails", "phones", "organization", "title", "city", "source"]
        w.writeRow(["probability", "match_weight"] + side.map { $0 + "_1" } + side.map { $0 + "_2" })
        func cells(_ c: Contact) -> [String] {
            [c.recordID, c.fullName ?? c.name?.displayName ?? "", c.emails.map(\.value).joined(separator: "; "),
             c.phones.map { $0.e164 ?? $0.value }.joined(separator: "; "), c.organization ?? "", c.title ?? "",
             c.addresses.first?.locality ?? "", c.source.map { "\($0.file):\($0.line)" } ?? ""]
        }
        for p in result.review {
            w.writeRow([String(format: "%.4f", p.probability), String(format: "%.2f", p.weight)]
                       + cells(contacts[p.a]) + cells(contacts[p.b]))
        }
        return w.takeOutput()
    }

    /// A waterfall for one pair: prior, each field's level and weight, total and probability.
    public static func explanation(_ pair: ScoredPair, _ result: DedupResult, ids: [String]) -> String {
        var text = "\(ids[pair.a]) ~ \(ids[pair.b])"
        text += "  (rules: \(CandidateBlocker.names(pair.rules).joined(separator: ", ")))\n"
        for row in result.explain(pair) where !(row.level == "missing") {
            let field = row.field.padding(toLength: 16, withPad: " ", startingAt: 0)
            text += "  \(field) \(String(format: "%+7.2f", row.weight))  \(row.level)\n"
        }
        text += "  " + "total".padding(toLength: 16, withPad: " ", startingAt: 0)
        text += " \(String(format: "%+7.2f", pair.weight))  probability \(String(format: "%.4f", pair.probability))\n"
        return text
    }
}

extension DedupReports {
    /// The estimated model: every field's levels with m, u and weight, and the prior.
    public static func modelTable(_ result: DedupResult) -> String {
        let model = result.model
        var text = String(format: "model: prior %.2f bits (%.3g of all pairs match), %d candidate pairs, EM %d iterations\n",
                          model.priorWeight, model.candidateMatchShare, result.candidatePairs, model.iterations)
        let above = result.scored.lazy.map(\.probability).filter { $0 >= result.cut }
        let expected = above.isEmpty ? 1 : above.reduce(0, +) / Double(above.count)
        text += String(format: "  merged from probability %.3f (%@): by their own probabilities, %.1f %% of the %d pairs at or above it are one person\n",
                       result.cut, (result.cutPrecision.map { String(format: "the model's cut for %.1f %%, within %.1f–%.1f", $0 * 100,
                                                                    DedupConfiguration().automaticCut.lowerBound, DedupConfiguration().automaticCut.upperBound) } ?? "--threshold") as NSString,
                       expected * 100, above.count)
        text += String(format: "  surnames agreeing: given name %.2f bits less, city %.2f bits less\n",
                       model.givenGivenFamily, model.cityGivenFamily)
        text += String(format: "  address different: a different city %.2f bits less against\n", model.cityGivenMoved)
        for (f, field) in model.fields.enumerated() {
            text += "  \(field.name)\n"
            for (l, level) in field.levels.enumerated() {
                text += String(format: "    %-40@ m %.4f  u %.6f  %+6.2f\n", level as NSString, model.m[f][l + 1],
                               model.u[f][l + 1], model.weight(FieldID(rawValue: f), l + 1))
            }
        }
        for rule in CandidateBlocker.Rule.allCases where result.ruleCounts[rule.rawValue] > 0 {
            text += "  rule \(rule.name): \(result.ruleCounts[rule.rawValue]) pairs\n"
        }
        for (stage, seconds) in result.timings { text += String(format: "  time %@ %.2f s\n", stage as NSString, seconds) }
        return text
    }
}

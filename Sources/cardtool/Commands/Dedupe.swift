import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool dedupe`: find which records are the same person and report it; writes no contacts.
    struct Dedupe: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dedupe",
            abstract: "Find duplicate contacts and report clusters, scored pairs and explanations."
        )

        static let examples = """
                  cardtool dedupe contacts.csv --id-column rec_id --clusters clusters.csv
                  cardtool dedupe a.vcf b.csv --pairs pairs.csv --explain
                  cardtool dedupe a.vcf b.csv --report duplicates.html
                """

        @OptionGroup var input: InputOptions
        @OptionGroup var match: MatchOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @Option(name: .long, help: "Write rec_id,cluster_id for every record to this CSV file.")
        var clusters: String?

        @Option(name: .long, help: "Write every scored pair (with its field levels) to this CSV file.")
        var pairs: String?

        @Option(name: .long, help: "Write the pairs left for a person to review to this CSV file.")
        var review: String?

        @Option(name: .long, help: "Write a page showing every merge and every pair to review, side by side with the match weights, to this HTML file.")
        var report: String?

        @Flag(name: .long, help: "Print, for each merged pair, the prior and every field's level and weight.")
        var explain = false

        func validate() throws {
            try refuseOverwriting(inputs: input.files, outputs: [clusters, pairs, review, report])
        }

        func run() throws {
            let printer = diagnostics.printer
            let start = ContinuousClock.now
            let (records, summary) = try input.collect(printer: printer, keepContacts: review != nil || report != nil)
            let readTime = ContinuousClock.now - start
            printer.phase("matching")
            let result = Deduplicator(configuration: match.configuration(custom: records.customFields))
                .run(features: records.features)
            printer.progressDone()
            let ids = records.recordIDs
            if let clusters { try printer.writeFile(clusters, DedupReports.clusters(result, ids: ids)) }
            if let pairs { try printer.writeFile(pairs, DedupReports.pairs(result, ids: ids)) }
            if let review { try printer.writeFile(review, DedupReports.review(result, records.contacts)) }
            if let report {
                let page = MatchReport(result, contacts: records.contacts, title: "cardtool dedupe", files: input.files.count).html()
                try printer.writeFile(report, Array(page.utf8))
            }
            if explain {
                var text = "read and normalized in \(readTime)\n" + DedupReports.modelTable(result)
                for pair in result.merged { text += DedupReports.explanation(pair, result, ids: ids) }
                print(text, terminator: "")
            }
            printer.summary(summary.line)
            printer.summary(DedupSummary(result).line)
            exitSkippingTeardown(summary.succeeded ? 0 : 1)
        }
    }
}

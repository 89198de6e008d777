import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool merge`: the main job. Several batches in, one deduplicated address book out.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge contact files (any formats) into one deduplicated address book."
        )

        static let examples = """
                  cardtool merge cards.vcf Connections.csv badges.csv -o people.jsonl
                  cardtool merge *.vcf *.csv --to csv --crm hubspot -o hubspot.csv --review review.csv
                  cardtool merge scans.vcf --event "Networking Madrid 2026-11" --to vcf -o merged.vcf
                  cardtool merge *.vcf *.csv -o people.jsonl --audit ledger.csv
                  cardtool merge cards.vcf badges.csv -o people.jsonl --report merges.html
                """

        @OptionGroup var input: InputOptions
        @OptionGroup var match: MatchOptions
        @OptionGroup var export: ExportOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @Option(name: .long, help: "Write the pairs left for a person to review, side by side, to this CSV file.")
        var review: String?

        @Option(name: .long, help: "Write what became of every input record (source,record,outcome,person,reason) to this CSV file.")
        var audit: String?

        @Option(name: .long, help: "Write a page showing every merge and every pair to review, side by side with the match weights, to this HTML file.")
        var report: String?

        func validate() throws {
            try refuseOverwriting(inputs: input.files, outputs: [output.output, review, audit, report])
        }

        func run() throws {
            let printer = diagnostics.printer
            var ledger = AuditLedger()
            let (records, summary) = try input.collect(printer: printer, keepContacts: true, ledger: &ledger)
            let contacts = records.contacts
            printer.phase("matching")
            let result = Deduplicator(configuration: match.configuration(custom: records.customFields))
                .run(features: records.features)
            // Contacts on a terminal: the progress line would cut into them.
            if output.output == nil { printer.progressDone() } else { printer.phase("writing") }
            let sink = try output.open(printer: printer)
            var writer = export.export(delimiter: input.delimiter, columns: records.customFields)
            try printer.exitOnFailure {
                try sink.write(writer.start())
                // Only JSON Lines writes matching keys.
                try ContactMerger.forEachBatch(clusters: result.clusters, of: contacts, keys: export.to == .jsonl) { (people) throws(IOError) in
                    for person in people {
                        var found: [Diagnostic] = []
                        try sink.write(writer.bytes(for: person, diagnostics: &found))
                        found.forEach(printer.print)
                    }
                }
                try sink.commit()
            }
            if let review { try printer.writeFile(review, DedupReports.review(result, contacts)) }
            if let audit { try printer.writeFile(audit, ledger.csv(DedupReports.placements(result))) }
            if let report {
                let page = MatchReport(result, contacts: contacts, title: "cardtool merge", files: input.files.count).html()
                try printer.writeFile(report, Array(page.utf8))
            }
            printer.progressDone()
            printer.summary(summary.line)
            printer.summary(DedupSummary(result).line)
            exitSkippingTeardown(summary.succeeded ? 0 : 1)
        }
    }
}

import ArgumentParser
import CardParse

extension CardTool {
    /// `cardtool merge`: the main job. Several batches in, one deduplicated address book out.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge contact files (any formats) into one deduplicated address book.",
            discussion: """
                Examples:
                  cardtool merge cards.vcf Connections.csv badges.csv -o people.jsonl
                  cardtool merge *.vcf *.csv --to csv --crm hubspot -o hubspot.csv --review review.csv
                  cardtool merge scans.vcf --event "Networking Madrid 2026-11" --to vcf -o merged.vcf
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var match: MatchOptions

        @Option(name: .long, help: "Output format: jsonl, vcf or csv.")
        var to: ContactExport.Format = .jsonl

        @Option(name: .long, help: "CSV layout to write with --to csv: generic, hubspot, salesforce, google or outlook.")
        var crm: CRMProfile?

        @Option(name: .customLong("vcard-version"), help: "vCard version to write with --to vcf: 3.0 or 4.0.")
        var vcardVersion: String?

        @Flag(name: .long, help: "Start CSV output with a UTF-8 byte-order mark, so Excel shows accents.")
        var excel = false

        @Option(name: .customLong("output-delimiter"), help: "CSV delimiter for output (';' for Spanish Excel).")
        var outputDelimiter: String?

        @Option(name: .long, help: "Write the pairs left for a person to review, side by side, to this CSV file.")
        var review: String?

        @Option(name: .shortAndLong, help: "Write the merged contacts to this file instead of standard output.")
        var output: String?

        func validate() throws {
            if let vcardVersion {
                guard to == .vcf else { throw ValidationError("--vcard-version needs --to vcf.") }
                guard let v = VCardVersion(rawValue: vcardVersion), VCardVersion.writable.contains(v) else {
                    throw ValidationError("--vcard-version must be 3.0 or 4.0.")
                }
            }
            if crm != nil && to != .csv { throw ValidationError("--crm needs --to csv.") }
            if (excel || outputDelimiter != nil) && to != .csv { throw ValidationError("--excel and --output-delimiter need --to csv.") }
            if let d = outputDelimiter, CSVDialect(argument: d) == nil {
                throw ValidationError("Unknown delimiter '\(d)': use ',', ';', tab or '|'.")
            }
        }

        func run() throws {
            let printer = DiagnosticPrinter(verbose: input.verbose, quiet: input.quiet)
            let (records, summary) = try input.collect(printer: printer, keepContacts: true)
            let contacts = records.contacts
            let result = Deduplicator(configuration: match.configuration(custom: input.customFields))
                .run(features: records.features)
            defer { Teardown.skip(records, contacts, result) }
            var export = ContactExport(format: to, options: .init(
                vcardVersion: vcardVersion.flatMap(VCardVersion.init) ?? .v3_0, crm: crm ?? .generic,
                delimiter: outputDelimiter.flatMap(CSVDialect.init(argument:))?.delimiter ?? UInt8(ascii: ","),
                byteOrderMark: excel, sanitize: true))
            let sink: ByteSink
            do {
                sink = try ByteSink(path: output)
            } catch {
                printer.fail("cannot write \(error.path): \(error.reason)")
                throw ExitCode(1)
            }
            do {
                try sink.write(export.start())
                // Only JSON Lines writes matching keys.
                try ContactMerger.forEachBatch(clusters: result.clusters, of: contacts, keys: to == .jsonl) { (people) throws(IOError) in
                    for person in people {
                        var diagnostics: [Diagnostic] = []
                        try sink.write(export.bytes(for: person, diagnostics: &diagnostics))
                        diagnostics.forEach(printer.print)
                    }
                }
                try sink.flush()
            } catch {
                printer.fail("cannot write \(error.path): \(error.reason)")
                throw ExitCode(1)
            }
            if let review { try writeFile(review, DedupReports.review(result, contacts), printer: printer) }
            printer.summary(summary.line)
            printer.summary(DedupSummary(result).line)
            if !summary.succeeded { throw ExitCode(1) }
        }
    }
}

import ArgumentParser
import CardParse
import Foundation

extension CardTool {
    /// `cardtool import`: brings an event's contacts into the book, matched against everyone in it.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import contact files into the event book, matched against the people already in it.",
            discussion: """
                One import is one change: `cardtool undo` takes it back. Records already in the book (the \
                same contact met at the same event) are skipped, so importing a file twice changes nothing. \
                A CSV event or date-met column wins over --event and --date for its row.
                """
        )

        static let examples = """
                  cardtool import scans.vcf badges.csv --event "South Summit Madrid" --date 2026-06-05
                  cardtool import Connections.csv --event LinkedIn
                  cardtool import expo.csv --event "Expo CDMX" --region MX --store team.sqlite --explain
                  cardtool import badges.csv --event "DES Málaga" --audit ledger.csv
                  cardtool import scans.vcf --event "Tech Day Bilbao" --report tech-day.html
                """

        @OptionGroup var input: InputOptions
        @Option(name: .long, help: "Date of the event (YYYY-MM-DD), for records that have none.")
        var date: String?
        @OptionGroup var match: MatchOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @Flag(name: .long, help: "Say how the matching model was chosen (estimated on the book, or reused and until when).")
        var explain = false

        @Option(name: .long, help: "Write what became of every input record (source,record,outcome,person,reason) to this CSV file.")
        var audit: String?

        @Option(name: .long, help: "Write a page showing every merge and every pair to review, side by side with the match weights, to this HTML file.")
        var report: String?

        func validate() throws {
            try refuseOverwriting(inputs: input.files, outputs: [audit, report, BookLocation.path(option: store.store)])
            if let date, PartialDate(iso8601: date)?.year == nil { throw ValidationError("--date takes YYYY-MM-DD, got '\(date)'.") }
        }

        func run() throws {
            let printer = diagnostics.printer
            let book = try store.open(printer: printer)
            var contacts: [Contact] = []
            var ledger = AuditLedger()
            let summary = try input.importer(keys: false, threads: Parallel.defaultThreads, event: false, meter: printer.meter)
                .run(paths: input.files, contact: { contacts.append($0) }, diagnostic: printer.print,
                     observe: { ledger.note($0) })
            printer.phase("matching against the book")
            printer.summary(summary.line)
            let event = (input.event != nil || date != nil)
                ? MetEvent(name: input.event, date: date.flatMap(PartialDate.init(iso8601:))) : nil
            var options = ImportOptions(files: input.files, event: event,
                                        configuration: match.configuration(custom: try input.compareFields()))
            options.keepPairs = self.report != nil
            let report = try printer.book { () throws(BookError) in try book.importContacts(contacts, options: options) }
            printer.progressDone()
            print(report.line)
            if let path = self.report {
                let page = try printer.book { () throws(BookError) in
                    try book.matchReport(report, contacts: contacts, files: input.files.count, event: event)
                }
                try printer.writeFile(path, Array(page.html().utf8))
            }
            if let audit {
                let placements = report.placements
                try printer.writeFile(audit, ledger.csv { placements[$0] })
            }
            if explain && !report.model.isEmpty {
                print("model: " + report.model)
                print("time: " + report.timings.map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }.joined(separator: ", "))
            }
            if !summary.succeeded { throw ExitCode(1) }
        }
    }
}
